package scarab.daemon.watch;

import java.lang.ref.WeakReference;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import scarab.daemon.ipc.Connection;
import scarab.protocol.Response;

/**
 * The one answer an output wait owes its client, given once by whichever comes first (a match,
 * silence, the deadline, the pane's end). The connection is held weakly, as {@code wait} holds
 * it: a client that went away leaves nothing behind but a watcher that notices and removes itself.
 * Sent on the work pool, never on the poller or the timer.
 */
public final class WatchAnswer {
    private final WeakReference<Connection> connection;
    private final long id;
    private final Executor sender;
    private final AtomicBoolean done = new AtomicBoolean();
    private final CopyOnWriteArrayList<Runnable> cleanups = new CopyOnWriteArrayList<>();

    public WatchAnswer(Connection connection, long id, Watches watches) {
        this.connection = new WeakReference<>(connection);
        this.id = id;
        this.sender = watches.work();
    }

    public long id() {
        return id;
    }

    /** Runs when the wait ends, however it ends (at once if it has). */
    public void onEnd(Runnable cleanup) {
        cleanups.add(cleanup);
        if (done.get()) {
            cleanup.run();
        }
    }

    public boolean done() {
        return done.get();
    }

    /** The client went away: the wait ends, unanswered. Cheap enough for the poller. */
    boolean abandonedByClient() {
        Connection c = connection.get();
        if (c != null && c.isOpen()) {
            return false;
        }
        end();
        return true;
    }

    /** Answers, unless answered already. */
    public void answer(Response r) {
        if (!end()) {
            return;
        }
        sender.execute(() -> {
            Connection c = connection.get();
            if (c != null && c.isOpen()) {
                c.trySend(r);
            }
        });
    }

    public void fail(String code, String message) {
        answer(new Response.Error(id, code, message));
    }

    private boolean end() {
        if (!done.compareAndSet(false, true)) {
            return false;
        }
        for (Runnable r : cleanups) {
            r.run();
        }
        return true;
    }
}
