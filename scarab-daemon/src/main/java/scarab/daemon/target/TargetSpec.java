package scarab.daemon.target;

import scarab.protocol.command.TargetKind;

/**
 * A target as typed, split into its parts as tmux's {@code cmd_find_target} splits it:
 * {@code session}, {@code session:window}, {@code session:window.pane}, {@code :window},
 * {@code .pane}, {@code window.pane}, {@code $N}, {@code @N}, {@code %N}, and a leading {@code =}
 * for an exact session or window name. Split at the first {@code :} and the last {@code .} (tmux
 * takes the first {@code .}; the last lets a window name hold one). A bare word means what the
 * command's {@link TargetKind} says. Nothing is looked up here: a session name may itself hold a
 * {@code .}, so the resolver first tries the {@link #raw} word whole as a session name.
 *
 * @param raw     the target as typed
 * @param session the session part, or null when blank
 * @param window  the window part without its {@code =}, or null when blank
 * @param pane    the pane part, or null when blank
 */
public record TargetSpec(String raw, String session, boolean exactSession, String window, boolean exactWindow,
                         String pane) {

    /** Nothing typed: the caller's pane (or the most recent session's) whole. */
    public boolean isCurrent() {
        return session == null && window == null && pane == null;
    }

    public static TargetSpec parse(String raw, TargetKind kind) {
        if (raw == null || raw.isEmpty()) {
            return new TargetSpec(raw == null ? "" : raw, null, false, null, false, null);
        }
        String session = null;
        String window = null;
        String pane = null;
        int colon = raw.indexOf(':');
        if (colon >= 0) {
            session = raw.substring(0, colon);
            String rest = raw.substring(colon + 1);
            int period = rest.lastIndexOf('.');
            if (period >= 0) {
                window = rest.substring(0, period);
                pane = rest.substring(period + 1);
            } else {
                window = rest;
            }
        } else {
            int period = raw.lastIndexOf('.');
            if (period >= 0) {
                window = raw.substring(0, period);
                pane = raw.substring(period + 1);
            } else if (raw.startsWith("$")) {
                session = raw;
            } else if (raw.startsWith("@")) {
                window = raw;
            } else if (raw.startsWith("%")) {
                pane = raw;
            } else {
                switch (kind) {
                    case SESSION -> session = raw;
                    case WINDOW -> window = raw;
                    case PANE -> pane = raw;
                }
            }
        }
        boolean exactSession = session != null && session.startsWith("=");
        if (exactSession) {
            session = session.substring(1);
        }
        boolean exactWindow = window != null && window.startsWith("=");
        if (exactWindow) {
            window = window.substring(1);
        }
        return new TargetSpec(raw, blank(session), exactSession, blank(window), exactWindow, blank(pane));
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
