package scarab.daemon.target;

import java.util.List;
import scarab.protocol.command.Caller;

/**
 * What the {@link TargetResolver} needs to know of sessions, windows and panes, and nothing else:
 * the model implements it (a read-only view taken at one moment; the resolver does not lock).
 * Ids are the numbers of tmux's {@code $N}, {@code @N} and {@code %N}; indexes are what people
 * type ({@code work:1.2}).
 */
public interface TargetModel {

    /** Every session, in any order. */
    List<Session> sessions();

    /** The most recently used session (tmux's "best session"), or null when there is none. */
    Session mostRecent();

    /**
     * Where the caller runs: the session, window and pane of its {@code SCARAB_PANE} (or of its
     * session, when the caller names only that), or null when it runs outside every pane.
     */
    Target caller(Caller caller);

    interface Session {
        int id();

        String name();

        /** Ordered by index. */
        List<Window> windows();

        Window current();

        /** The previously current window, or null. */
        Window last();
    }

    interface Window {
        int id();

        int index();

        String name();

        /** Ordered by pane index. */
        List<Pane> panes();

        Pane active();

        /** The previously active pane, or null. */
        Pane last();
    }

    interface Pane {
        int id();

        int index();
    }
}
