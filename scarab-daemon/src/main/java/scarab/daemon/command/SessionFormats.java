package scarab.daemon.command;

import java.util.function.Function;
import scarab.daemon.session.Session;
import scarab.daemon.session.SessionMeta;

/**
 * The format variables of a session as {@code ls -F} (tmux's list-sessions -F) expands them:
 * tmux's {@code session_*} names, then, as tmux's format tree has them, those of the session's
 * current window and its active pane ({@link ModelTargets#variables}). Times are Unix seconds.
 */
final class SessionFormats {
    private SessionFormats() {}

    static Function<String, String> variables(ModelTargets model, Session s) {
        Function<String, String> rest = model.variables(ModelTargets.of(s, s.currentWindow(), s.activePane()));
        return name -> {
            String own = session(name, s);
            return own != null ? own : rest.apply(name);
        };
    }

    private static String session(String name, Session s) {
        SessionMeta m = s.meta();
        return switch (name) {
            case "session_created" -> Long.toString(m.createdAt() / 1000);
            case "session_last_attached" -> m.lastAttachedAt() == 0 ? "" : Long.toString(m.lastAttachedAt() / 1000);
            case "session_many_attached" -> s.clientCount() > 1 ? "1" : "0";
            case "session_alerts" -> "";
            case "session_format" -> "1";
            default -> null;
        };
    }
}
