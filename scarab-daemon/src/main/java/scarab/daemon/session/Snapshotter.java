package scarab.daemon.session;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scarab.daemon.FatalErrors;
import scarab.daemon.FaultInjection;
import scarab.daemon.store.SessionStore;
import scarab.daemon.store.Snapshot;

/**
 * Writes each session's screen and history to the store when it changed: every interval, and
 * once more at shutdown. One thread, off every PTY path: it renders under the screen's read lock,
 * compresses outside it, and hands each session's snapshot to the store thread as a write of its
 * own (group-committed with the others, but never failed by them).
 */
public final class Snapshotter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Snapshotter.class);

    private final SessionManager sessions;
    private final SessionStore store;
    /** Sessions whose last snapshot failed, with why; touched only by the snapshot thread. */
    private final Map<Integer, String> failing = new HashMap<>();
    /** Its thread runs at a lower priority than the output path ({@link scarab.daemon.pty.BackgroundPriority}). */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(() -> {
            scarab.daemon.pty.BackgroundPriority.lowerThisThread();
            r.run();
        }, "scarab-snapshot");
        t.setDaemon(true);
        return t;
    });

    public Snapshotter(SessionManager sessions, SessionStore store) {
        this.sessions = sessions;
        this.store = store;
    }

    /** A round asked for early is queued (history waiting to be stored); snapshot thread clears it. */
    private final java.util.concurrent.atomic.AtomicBoolean early = new java.util.concurrent.atomic.AtomicBoolean();
    /** When the last round ended (System.nanoTime); snapshot thread only, read by {@link #soon}. */
    private volatile long lastRound = System.nanoTime();
    /** Rounds asked for early come at most this often: each renders every changed screen. */
    private static final long EARLY_SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    /**
     * Asks for a round before the interval is up: history lines wait in memory to be stored before
     * they may leave it (history-disk). Never waits; many asks before the round make one round.
     */
    public void soon() {
        if (early.getAndSet(true)) {
            return;
        }
        long delay = Math.max(0, lastRound + EARLY_SPACING_NANOS - System.nanoTime());
        try {
            timer.schedule(FatalErrors.guarded("the snapshot task", () -> {
                early.set(false);
                snapshotChanged();
            }), delay, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping: the last round is taken by close()
        }
    }

    public void start(Duration interval) {
        long ms = Math.max(50, interval.toMillis());
        timer.scheduleWithFixedDelay(FatalErrors.guarded("the snapshot task", this::snapshotChanged), ms, ms,
                TimeUnit.MILLISECONDS);
    }

    private void snapshotChanged() {
        if (FaultInjection.fires("snapshot-error")) {
            throw new AssertionError("test fault: snapshot-error");
        }
        try {
            if (store.checkInPlace()) {
                // The database was made again from memory: every screen goes into it again.
                sessions.allPanes().forEach(Pane::snapshotLost);
            }
            sessions.saveUnsaved();
        } catch (RuntimeException e) {
            log.warn("saving session metadata again failed: {}", e.getMessage());
        }
        // Each pane's snapshot is a write of its own: one that does not fit (a huge screen on a
        // nearly full disk) fails alone, and every other pane's is still stored.
        Map<Pane, CompletableFuture<Void>> queued = new LinkedHashMap<>();
        for (Pane p : sessions.allPanes()) {
            try {
                Snapshot snap = p.snapshotIfChanged();
                if (snap != null) {
                    queued.put(p, store.saveSnapshot(snap));
                }
            } catch (RuntimeException e) {
                p.snapshotLost();
                failed(p, e.getMessage());
            }
        }
        int stored = 0;
        for (Map.Entry<Pane, CompletableFuture<Void>> e : queued.entrySet()) {
            Pane p = e.getKey();
            try {
                e.getValue().join();
                p.snapshotStored();
                stored++;
                String was = failing.remove(p.id());
                if (was != null) {
                    log.info("snapshot of session {} pane {} stored again", p.session().meta().name(), p.label());
                }
            } catch (CompletionException | CancellationException ex) {
                // Taken again next round even if the screen does not change meanwhile.
                p.snapshotLost();
                failed(p, ex.getCause() != null ? ex.getCause().getMessage() : ex.getMessage());
            }
        }
        failing.keySet().retainAll(sessions.allPanes().stream().map(Pane::id).toList());
        lastRound = System.nanoTime();
        if (stored > 0) {
            log.debug("snapshotted {} panes", stored);
        }
    }

    /** Reports a pane's failed snapshot once per episode (until one is stored), not every round. */
    private void failed(Pane p, String why) {
        String before = failing.put(p.id(), String.valueOf(why));
        if (before == null || !before.equals(why)) {
            log.warn("snapshot of session {} pane {} failed: {}; tried again every round, and reported again once stored",
                    p.session().meta().name(), p.label(), why);
        } else {
            log.debug("snapshot of session {} pane {} still failing: {}", p.session().meta().name(), p.label(), why);
        }
    }

    /**
     * Takes a snapshot of everything that changed now, on the snapshot thread (in order with its
     * rounds), and waits for it to be stored: an upgrade's last round, the timer going on after.
     */
    public void flushNow() throws InterruptedException, java.util.concurrent.ExecutionException {
        timer.submit(this::snapshotChanged).get();
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
