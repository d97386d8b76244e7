package scarab.daemon.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import scarab.daemon.UserError;
import scarab.daemon.session.ForegroundCwd;
import scarab.daemon.session.Pane;
import scarab.daemon.session.PaneMeta;
import scarab.daemon.session.Session;
import scarab.daemon.session.SessionManager;
import scarab.daemon.session.Window;
import scarab.daemon.target.Target;
import scarab.daemon.target.TargetModel;
import scarab.protocol.command.Caller;

/**
 * The sessions, windows and panes as the {@link scarab.daemon.target.TargetResolver} sees them:
 * views that carry the real objects, so a command unwraps what a target resolved to with
 * {@link #session}, {@link #window} and {@link #pane}. Also the format variables of a target,
 * under tmux's names.
 */
public final class ModelTargets {
    private final SessionManager sessions;

    private final TargetModel model;

    public ModelTargets(SessionManager sessions) {
        this.sessions = sessions;
        this.model = new Model(sessions);
    }

    /** The model the resolver reads. */
    public TargetModel model() {
        return model;
    }

    record SessionView(Session session) implements TargetModel.Session {
        @Override
        public int id() {
            return session.number();
        }

        @Override
        public String name() {
            return session.meta().name();
        }

        @Override
        public List<TargetModel.Window> windows() {
            List<TargetModel.Window> all = new ArrayList<>();
            for (Window w : session.windows()) {
                all.add(new WindowView(w));
            }
            return all;
        }

        @Override
        public TargetModel.Window current() {
            return new WindowView(session.currentWindow());
        }

        @Override
        public TargetModel.Window last() {
            Window w = session.lastWindow();
            return w == null ? null : new WindowView(w);
        }
    }

    record WindowView(Window window) implements TargetModel.Window {
        @Override
        public int id() {
            return window.id();
        }

        @Override
        public int index() {
            return window.index();
        }

        @Override
        public String name() {
            return window.name();
        }

        @Override
        public List<TargetModel.Pane> panes() {
            List<TargetModel.Pane> all = new ArrayList<>();
            List<Pane> panes = window.panes();
            for (int i = 0; i < panes.size(); i++) {
                all.add(new PaneView(panes.get(i), i));
            }
            return all;
        }

        @Override
        public TargetModel.Pane active() {
            Pane p = window.active();
            return new PaneView(p, Math.max(0, window.indexOf(p)));
        }

        @Override
        public TargetModel.Pane last() {
            Pane p = window.lastActive();
            int i = p == null ? -1 : window.indexOf(p);
            return i < 0 ? null : new PaneView(p, i);
        }
    }

    record PaneView(Pane pane, int index) implements TargetModel.Pane {
        @Override
        public int id() {
            return pane.id();
        }
    }

    public static Session session(Target t) {
        return ((SessionView) t.session()).session();
    }

    public static Window window(Target t) {
        return ((WindowView) t.window()).window();
    }

    public static Pane pane(Target t) {
        return ((PaneView) t.pane()).pane();
    }

    /** The target of one pane: its session, window and itself. */
    public static Target of(Session s, Window w, Pane p) {
        return new Target(new SessionView(s), new WindowView(w), new PaneView(p, Math.max(0, w.indexOf(p))));
    }

    /**
     * The format variables of a target, as tmux names them (null for a name it does not know).
     * Each is worked out when the format asks for it: list-panes -a of 1000 panes with
     * {@code -F '#{pane_id}'} took 1.8 s when every one was, the foreground process's directory
     * (read from /proc) among them.
     */
    public Function<String, String> variables(Target target) {
        Session s = session(target);
        Window w = window(target);
        Pane p = pane(target);
        Map<String, String> known = new HashMap<>();
        return name -> known.computeIfAbsent(name, n -> n.startsWith("session_group") ? group(n, s)
                : variable(n, s, w, p));
    }

    /**
     * tmux's session-group variables for scarab's groups ({@code new --group}): the group's name,
     * whether it has one, and its sessions' names and number.
     */
    private String group(String name, Session s) {
        String group = s.meta().group();
        if (name.equals("session_group")) {
            return group == null ? "" : group;
        }
        List<String> members = new java.util.ArrayList<>();
        if (group != null) {
            for (Session other : sessions.list()) {
                if (group.equals(other.meta().group())) {
                    members.add(other.meta().name());
                }
            }
        }
        return switch (name) {
            case "session_grouped" -> group == null ? "0" : "1";
            case "session_group_list" -> String.join(",", members);
            case "session_group_size" -> group == null ? "" : Integer.toString(members.size());
            default -> null;
        };
    }

    private static String variable(String name, Session s, Window w, Pane p) {
        PaneMeta m = p.meta();
        return switch (name) {
            case "session_name" -> s.meta().name();
            case "session_id" -> "$" + s.number();
            case "session_windows" -> Integer.toString(s.windows().size());
            case "session_attached" -> Integer.toString(s.clientCount());
            case "window_index" -> Integer.toString(w.index());
            case "window_id" -> w.label();
            case "window_name" -> w.name();
            case "window_panes" -> Integer.toString(w.panes().size());
            case "window_active" -> s.currentWindow() == w ? "1" : "0";
            case "window_last_flag" -> s.lastWindow() == w ? "1" : "0";
            case "window_width" -> Integer.toString(s.size(w)[0]);
            case "window_height" -> Integer.toString(s.size(w)[1]);
            case "window_zoomed_flag" -> s.zoomed(w) ? "1" : "0";
            case "window_flags", "window_raw_flags" ->
                    (s.currentWindow() == w ? "*" : "") + (s.lastWindow() == w ? "-" : "") + (s.zoomed(w) ? "Z" : "");
            case "history_size" -> Integer.toString(p.readScreen(screen -> screen.historySize()));
            case "history_limit" -> Integer.toString(p.readScreen(screen -> screen.historyLimit()));
            case "history_bytes" -> Long.toString(p.readScreen(screen -> screen.historyBytesUsed()));
            case "window_layout" -> s.layoutString(w);
            case "pane_index" -> Integer.toString(Math.max(0, w.indexOf(p)));
            case "pane_id" -> p.label();
            case "pane_active" -> w.active() == p ? "1" : "0";
            case "pane_width" -> Integer.toString(s.geometry(w, p).width());
            case "pane_height" -> Integer.toString(s.geometry(w, p).height());
            case "pane_left" -> Integer.toString(s.geometry(w, p).left());
            case "pane_top" -> Integer.toString(s.geometry(w, p).top());
            case "pane_right" -> Integer.toString(s.geometry(w, p).left() + s.geometry(w, p).width() - 1);
            case "pane_bottom" -> Integer.toString(s.geometry(w, p).top() + s.geometry(w, p).height() - 1);
            case "pane_title" -> m.title();
            case "pane_start_command" -> String.join(" ", m.command());
            case "pane_current_command" -> p.currentCommand();
            case "pane_current_path" -> currentPath(p);
            case "pane_dead" -> m.exited() ? "1" : "0";
            case "pane_dead_status" -> m.exitCode() == null ? "" : m.exitCode().toString();
            case "pane_pid" -> p.pid() > 0 ? Long.toString(p.pid()) : "";
            default -> null;
        };
    }

    /** Where the pane's foreground process is now; where it started when that cannot be read. */
    static String currentPath(Pane p) {
        String cwd = p.pid() > 0 ? ForegroundCwd.of(p.pid()) : null;
        return cwd != null ? cwd : p.meta().cwd() == null ? "" : p.meta().cwd();
    }

    /** The resolver's view; the names of TargetModel's own types shadow the model's classes in here. */
    private static final class Model implements TargetModel {
        private final SessionManager sessions;

        Model(SessionManager sessions) {
            this.sessions = sessions;
        }

        @Override
        public List<TargetModel.Session> sessions() {
            List<TargetModel.Session> all = new ArrayList<>();
            for (scarab.daemon.session.Session s : sessions.list()) {
                all.add(new SessionView(s));
            }
            return all;
        }

        @Override
        public TargetModel.Session mostRecent() {
            try {
                return new SessionView(sessions.mostRecent());
            } catch (UserError none) {
                return null;
            }
        }

        @Override
        public Target caller(Caller caller) {
            if (caller.pane() != null && caller.pane().startsWith("%")) {
                try {
                    scarab.daemon.session.Pane p = sessions.pane(Integer.parseInt(caller.pane().substring(1)));
                    if (p != null) {
                        scarab.daemon.session.Session s = p.session();
                        for (scarab.daemon.session.Window w : s.windows()) {
                            if (w.indexOf(p) >= 0) {
                                return of(s, w, p);
                            }
                        }
                    }
                } catch (NumberFormatException notOurs) {
                    // A SCARAB_PANE that is not %N names no pane of ours.
                }
            }
            if (caller.session() != null) {
                for (scarab.daemon.session.Session s : sessions.list()) {
                    if (caller.session().equals(s.id().full()) || caller.session().equals(s.meta().name())) {
                        return Target.of(new SessionView(s));
                    }
                }
            }
            return null;
        }
    }
}
