package scarab.daemon.target;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;
import scarab.daemon.UserError;
import scarab.daemon.target.TargetModel.Pane;
import scarab.daemon.target.TargetModel.Session;
import scarab.daemon.target.TargetModel.Window;
import scarab.protocol.command.Caller;
import scarab.protocol.command.TargetKind;

/**
 * Finds the session, window and pane a target names, as tmux's {@code cmd-find.c} does, over a
 * {@link TargetModel}. Blanks are filled from the current state: the caller's own pane
 * ({@code SCARAB_PANE}; tmux uses that pane's session but then the session's current window,
 * Scarab the pane itself, which is what a script run in a background pane means), else the most
 * recently used session's current window and active pane.
 *
 * <p>A session is {@code $N}, an exact name, a unique name prefix or a unique {@code fnmatch}
 * pattern. A window is {@code @N}, {@code +[N]}/{@code -[N]} (next/previous, wrapping),
 * {@code !} (last), {@code ^}/{@code $} (first/last index), an index, an exact name, a unique
 * name prefix or pattern. A pane is {@code %N}, {@code !} (last active), {@code +[N]}/{@code
 * -[N]} or an index. {@code {last}}, {@code {next}}, {@code {previous}}, {@code {start}} and
 * {@code {end}} are the long spellings. A leading {@code =} asks for an exact session or window
 * name. Scarab tries the whole word as an exact session name before anything else, so a session
 * called {@code api.v2} is found as written. Errors read as tmux's: {@code can't find session:
 * X} ({@code not-found}, or {@code ambiguous} when several match).
 */
public final class TargetResolver {
    private static final Map<String, String> WINDOW_TOKENS = Map.of(
            "{start}", "^", "{last}", "!", "{end}", "$", "{next}", "+", "{previous}", "-");
    private static final Map<String, String> PANE_TOKENS = Map.of("{last}", "!", "{next}", "+", "{previous}", "-");

    private final TargetModel model;

    public TargetResolver(TargetModel model) {
        this.model = model;
    }

    /** The caller's current target: its pane, else the most recent session's. */
    public Target current(Caller caller) {
        return new Lookup(model).current(caller);
    }

    /**
     * Resolves {@code raw} (null or empty: the current target) as a target of this kind.
     *
     * @throws UserError {@code can't find window: X} and the like
     */
    public Target resolve(String raw, TargetKind kind, Caller caller) {
        return new Lookup(model).resolve(raw, kind, caller);
    }

    /** One resolution: its own state (whether a failed match was ambiguous), so resolvers may be shared. */
    private static final class Lookup {
        private final TargetModel model;

        Lookup(TargetModel model) {
            this.model = model;
        }

        Target current(Caller caller) {
            Target t = caller == null ? null : model.caller(caller);
            if (t != null) {
                return t;
            }
            Session s = model.mostRecent();
            if (s == null) {
                throw new UserError("not-found", "no current session");
            }
            return Target.of(s);
        }

        Target resolve(String raw, TargetKind kind, Caller caller) {
            if (raw != null && !raw.isEmpty()) {
                for (Session s : model.sessions()) {
                    if (s.name().equals(raw)) {
                        return Target.of(s);
                    }
                }
            }
            TargetSpec spec = TargetSpec.parse(raw, kind);
            if (spec.isCurrent()) {
                return current(caller);
            }
            String window = spec.window() == null ? null : WINDOW_TOKENS.getOrDefault(spec.window(), spec.window());
            String pane = spec.pane() == null ? null : PANE_TOKENS.getOrDefault(spec.pane(), spec.pane());
            if (spec.session() != null) {
                Session s = session(spec.session(), spec.exactSession());
                if (s == null) {
                    throw failure("session", spec.session());
                }
                if (window == null && pane == null) {
                    return Target.of(s);
                }
                Window w = window == null ? s.current() : windowIn(s, window, spec.exactWindow());
                if (w == null) {
                    throw failure("window", window);
                }
                if (pane == null) {
                    return Target.of(s, w);
                }
                return new Target(s, w, paneOrFail(w, pane));
            }
            if (window != null) {
                Target t = window(window, spec.exactWindow(), caller);
                if (t == null) {
                    throw failure("window", window);
                }
                return pane == null ? t : new Target(t.session(), t.window(), paneOrFail(t.window(), pane));
            }
            // Only a pane: in the current window, else a window of that name, else a session.
            if (pane.startsWith("%")) {
                Target t = paneById(pane);
                if (t == null) {
                    throw failure("pane", pane);
                }
                return t;
            }
            Target here = current(caller);
            Pane p = paneIn(here.window(), pane);
            if (p != null) {
                return new Target(here.session(), here.window(), p);
            }
            Target t = window(pane, false, caller);
            if (t == null) {
                throw failure("pane", pane);
            }
            return t;
        }

        private Pane paneOrFail(Window w, String pane) {
            Pane p = paneIn(w, pane);
            if (p == null) {
                throw failure("pane", pane);
            }
            return p;
        }

        // ---- sessions ------------------------------------------------------------------------------

        /** Remembers that a lookup failed because several matched: the error's code says so. */
        private boolean ambiguous;

        private UserError failure(String what, String name) {
            String code = ambiguous ? "ambiguous" : "not-found";
            ambiguous = false;
            return new UserError(code, "can't find " + what + ": " + name);
        }

        private Session session(String name, boolean exact) {
            List<Session> all = model.sessions();
            if (name.startsWith("$")) {
                Integer id = number(name.substring(1));
                for (Session s : all) {
                    if (id != null && s.id() == id) {
                        return s;
                    }
                }
                return null;
            }
            for (Session s : all) {
                if (s.name().equals(name)) {
                    return s;
                }
            }
            if (exact) {
                return null;
            }
            Session s = unique(all, name, (x, n) -> x.name().startsWith(n));
            if (s != null || ambiguous) {
                return s;
            }
            Pattern glob = glob(name);
            return unique(all, name, (x, n) -> glob.matcher(x.name()).matches());
        }

        /** The one element that matches, else null (and {@link #ambiguous} when several do). */
        private <T> T unique(List<T> all, String name, BiPredicate<T, String> matches) {
            T found = null;
            for (T x : all) {
                if (matches.test(x, name)) {
                    if (found != null) {
                        ambiguous = true;
                        return null;
                    }
                    found = x;
                }
            }
            return found;
        }

        // ---- windows -------------------------------------------------------------------------------

        /** A window without a session: {@code @N} anywhere, else in the current session, else a session's current one. */
        private Target window(String window, boolean exact, Caller caller) {
            if (window.startsWith("@")) {
                Integer id = number(window.substring(1));
                Target best = null;
                for (Session s : preferred(caller)) {
                    for (Window w : s.windows()) {
                        if (id != null && w.id() == id && best == null) {
                            best = Target.of(s, w);
                        }
                    }
                }
                return best;
            }
            Target here = current(caller);
            Window w = windowIn(here.session(), window, exact);
            if (w != null) {
                return Target.of(here.session(), w);
            }
            if (ambiguous) {
                return null;
            }
            Session s = session(window, false);
            return s == null ? null : Target.of(s);
        }

        /** Sessions to look for a window or pane in: the caller's first, then the most recent, then the rest. */
        private List<Session> preferred(Caller caller) {
            List<Session> order = new ArrayList<>();
            Target mine = caller == null ? null : model.caller(caller);
            if (mine != null) {
                order.add(mine.session());
            }
            Session recent = model.mostRecent();
            if (recent != null && !order.contains(recent)) {
                order.add(recent);
            }
            for (Session s : model.sessions()) {
                if (!order.contains(s)) {
                    order.add(s);
                }
            }
            return order;
        }

        private Window windowIn(Session s, String window, boolean exact) {
            List<Window> windows = s.windows();
            if (window.startsWith("@")) {
                Integer id = number(window.substring(1));
                for (Window w : windows) {
                    if (id != null && w.id() == id) {
                        return w;
                    }
                }
                return null;
            }
            if (!exact && (window.startsWith("+") || window.startsWith("-"))) {
                int n = window.length() == 1 ? 1 : positive(window.substring(1));
                Window w = step(windows, s.current(), window.charAt(0) == '+' ? n : -n);
                if (w != null) {
                    return w;
                }
            }
            if (!exact) {
                switch (window) {
                    case "!" -> {
                        return s.last();
                    }
                    case "^" -> {
                        return windows.isEmpty() ? null : windows.get(0);
                    }
                    case "$" -> {
                        return windows.isEmpty() ? null : windows.get(windows.size() - 1);
                    }
                    default -> { }
                }
            }
            if (!window.startsWith("+") && !window.startsWith("-")) {
                Integer index = number(window);
                if (index != null) {
                    for (Window w : windows) {
                        if (w.index() == index) {
                            return w;
                        }
                    }
                }
            }
            Window w = unique(windows, window, (x, n) -> x.name().equals(n));
            if (w != null || ambiguous || exact) {
                return w;
            }
            w = unique(windows, window, (x, n) -> x.name().startsWith(n));
            if (w != null || ambiguous) {
                return w;
            }
            Pattern glob = glob(window);
            return unique(windows, window, (x, n) -> glob.matcher(x.name()).matches());
        }

        // ---- panes ---------------------------------------------------------------------------------

        private Target paneById(String pane) {
            Integer id = number(pane.substring(1));
            for (Session s : model.sessions()) {
                for (Window w : s.windows()) {
                    for (Pane p : w.panes()) {
                        if (id != null && p.id() == id) {
                            // The session that shows it: the caller's or the most recent, as tmux's best session.
                            return bestHolding(w, p);
                        }
                    }
                }
            }
            return null;
        }

        private Target bestHolding(Window w, Pane p) {
            for (Session s : preferred(null)) {
                if (s.windows().contains(w)) {
                    return new Target(s, w, p);
                }
            }
            return null;
        }

        private Pane paneIn(Window w, String pane) {
            List<Pane> panes = w.panes();
            if (pane.startsWith("%")) {
                Integer id = number(pane.substring(1));
                for (Pane p : panes) {
                    if (id != null && p.id() == id) {
                        return p;
                    }
                }
                return null;
            }
            if (pane.equals("!")) {
                return w.last();
            }
            if (pane.startsWith("+") || pane.startsWith("-")) {
                int n = pane.length() == 1 ? 1 : positive(pane.substring(1));
                Pane p = step(panes, w.active(), pane.charAt(0) == '+' ? n : -n);
                if (p != null) {
                    return p;
                }
            }
            Integer index = number(pane);
            if (index != null) {
                for (Pane p : panes) {
                    if (p.index() == index) {
                        return p;
                    }
                }
            }
            return null;
        }

        // ---- numbers -------------------------------------------------------------------------------

        /** {@code n} places from {@code from} in {@code list}, wrapping round (tmux's {@code *_next_by_number}). */
        private static <T> T step(List<T> list, T from, int n) {
            int at = list.indexOf(from);
            if (at < 0 || list.isEmpty()) {
                return null;
            }
            int size = list.size();
            return list.get(Math.floorMod(at + n % size, size));
        }

        /** A count after + or -: tmux's {@code strtonum(s, 1, INT_MAX)}, 0 when it does not read. */
        private static int positive(String s) {
            Integer n = number(s);
            return n == null || n < 1 ? 0 : n;
        }

        /** A whole non-negative decimal number, or null. */
        static Integer number(String s) {
            if (s.isEmpty() || s.length() > 10) {
                return null;
            }
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                    return null;
                }
            }
            long v = Long.parseLong(s);
            return v > Integer.MAX_VALUE ? null : (int) v;
        }

        /** An {@code fnmatch(3)} pattern without flags: {@code *}, {@code ?}, {@code [...]}, {@code \} escapes. */
        static Pattern glob(String pattern) {
            StringBuilder re = new StringBuilder();
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                switch (c) {
                    case '*' -> re.append(".*");
                    case '?' -> re.append('.');
                    case '\\' -> {
                        if (i + 1 < pattern.length()) {
                            re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
                        } else {
                            re.append("\\\\");
                        }
                    }
                    case '[' -> {
                        int end = pattern.indexOf(']', i + 2);
                        if (end < 0) {
                            re.append("\\[");
                        } else {
                            String set = pattern.substring(i + 1, end);
                            boolean negate = set.startsWith("!");
                            re.append('[').append(negate ? "^" : "")
                                    .append((negate ? set.substring(1) : set).replace("\\", "\\\\").replace("[", "\\["))
                                    .append(']');
                            i = end;
                        }
                    }
                    default -> re.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(re.toString(), Pattern.DOTALL);
        }
    }
}
