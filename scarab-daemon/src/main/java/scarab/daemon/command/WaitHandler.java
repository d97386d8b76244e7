package scarab.daemon.command;

import java.lang.ref.WeakReference;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import scarab.daemon.UserError;
import scarab.daemon.ipc.Connection;
import scarab.daemon.ipc.RequestHandler;
import scarab.daemon.session.Session;
import scarab.daemon.session.SessionManager;
import scarab.protocol.Request;
import scarab.protocol.Response;

/**
 * {@code scarab wait}: answered when the session's process ends. The connection is not held
 * meanwhile: its thread goes back to reading it, so a client that goes away (killed, its terminal
 * closed) ends its connection, thread and socket at once, as any other client's. What stays until
 * the session ends is the promise of an answer, which does not keep the connection itself.
 */
public final class WaitHandler implements RequestHandler<Request.Wait> {
    private final SessionManager sessions;
    private final SessionTargets targets;
    /**
     * Sends the answers when processes end: off the thread that noticed the end (the store's or
     * the poller's), which must not wait for a client's socket. Its thread ends when idle.
     */
    private final ExecutorService answers = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "scarab-wait-answers");
                t.setDaemon(true);
                return t;
            });

    public WaitHandler(SessionManager sessions, SessionTargets targets) {
        this.sessions = sessions;
        this.targets = targets;
        ((ThreadPoolExecutor) answers).allowCoreThreadTimeOut(true);
    }

    @Override
    public Class<Request.Wait> type() {
        return Request.Wait.class;
    }

    @Override
    public Response handle(Request.Wait r, Connection connection) {
        Session s = targets.session(r.target());
        if (s.status().equals("stopped")) {
            throw new UserError("stopped", "session \"" + s.meta().name() + "\" has no running process to wait for");
        }
        CompletableFuture<Integer> exit = s.exitFuture();
        if (exit.isDone()) {
            return new Response.Exited(r.id(), s.meta().name(), exit.join());
        }
        WeakReference<Connection> waiting = new WeakReference<>(connection);
        exit.thenAcceptAsync(code -> {
            Connection c = waiting.get();
            if (c != null && c.isOpen()) {
                c.trySend(new Response.Exited(r.id(), s.meta().name(), code));
            }
        }, answers);
        return null; // answered later
    }
}
