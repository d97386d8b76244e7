package scarab.daemon.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scarab.daemon.store.SessionStore;
import scarab.daemon.store.Snapshot;

/**
 * Writes each session's screen and history to the store when it changed: every interval, and
 * once more at shutdown. One thread, off every PTY path: it renders under the screen's read lock,
 * compresses outside it, and hands the batch to the store thread as one transaction.
 */
public final class Snapshotter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Snapshotter.class);

    private final SessionManager sessions;
    private final SessionStore store;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scarab-snapshot");
        t.setDaemon(true);
        return t;
    });

    public Snapshotter(SessionManager sessions, SessionStore store) {
        this.sessions = sessions;
        this.store = store;
    }

    public void start(Duration interval) {
        long ms = Math.max(50, interval.toMillis());
        timer.scheduleWithFixedDelay(this::snapshotChanged, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void snapshotChanged() {
        List<Session> taken = new ArrayList<>();
        try {
            if (store.checkInPlace()) {
                // The database was made again from memory: every screen goes into it again.
                sessions.list().forEach(Session::snapshotLost);
            }
            sessions.saveUnsaved();
            List<Snapshot> batch = new ArrayList<>();
            for (Session s : sessions.list()) {
                Snapshot snap = s.snapshotIfChanged();
                if (snap != null) {
                    batch.add(snap);
                    taken.add(s);
                }
            }
            if (!batch.isEmpty()) {
                store.saveSnapshots(batch).join();
                log.debug("snapshotted {} sessions", batch.size());
            }
        } catch (RuntimeException e) {
            // A full disk or a locked database must not stop later snapshots: log, and take these
            // again next time even if their screens do not change meanwhile.
            taken.forEach(Session::snapshotLost);
            log.warn("snapshot of {} sessions failed: {}", taken.size(), e.getMessage());
        }
    }

    /** Takes a last snapshot of everything that changed and waits for it to be stored. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        snapshotChanged();
    }
}
