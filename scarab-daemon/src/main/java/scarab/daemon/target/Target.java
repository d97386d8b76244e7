package scarab.daemon.target;

import scarab.daemon.target.TargetModel.Pane;
import scarab.daemon.target.TargetModel.Session;
import scarab.daemon.target.TargetModel.Window;

/** A resolved target: always all three, as tmux's {@code cmd_find_state} once found. */
public record Target(Session session, Window window, Pane pane) {

    /** A session's current window and that window's active pane. */
    public static Target of(Session s) {
        return of(s, s.current());
    }

    /** The window's active pane. */
    public static Target of(Session s, Window w) {
        return new Target(s, w, w.active());
    }
}
