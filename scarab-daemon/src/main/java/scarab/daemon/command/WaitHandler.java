package scarab.daemon.command;

import scarab.daemon.UserError;
import scarab.daemon.ipc.Connection;
import scarab.daemon.ipc.RequestHandler;
import scarab.daemon.session.Session;
import scarab.daemon.session.SessionManager;
import scarab.protocol.Request;
import scarab.protocol.Response;

/** {@code scarab wait}: blocks this connection until the session's process ends. */
public final class WaitHandler implements RequestHandler<Request.Wait> {
    private final SessionManager sessions;

    public WaitHandler(SessionManager sessions) {
        this.sessions = sessions;
    }

    @Override
    public Class<Request.Wait> type() {
        return Request.Wait.class;
    }

    @Override
    public Response handle(Request.Wait r, Connection connection) {
        Session s = sessions.resolve(r.target());
        if (!s.hasProcess() && !s.meta().exited()) {
            throw new UserError("stopped", "session \"" + s.meta().name() + "\" has no running process to wait for");
        }
        int code = s.exitFuture().join();
        return new Response.Exited(r.id(), s.meta().name(), code);
    }
}
