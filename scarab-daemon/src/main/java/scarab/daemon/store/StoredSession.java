package scarab.daemon.store;

import java.util.List;
import scarab.daemon.session.SessionMeta;

/**
 * A session as the store keeps it: its row, its windows in index order, and which window is
 * current and last (window ids; {@code lastWindow} 0 when there is none).
 */
public record StoredSession(SessionMeta meta, int currentWindow, int lastWindow, List<StoredWindow> windows) {
    public StoredSession {
        windows = List.copyOf(windows);
    }
}
