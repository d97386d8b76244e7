package scarab.daemon.command;

import scarab.daemon.UserError;
import scarab.daemon.ipc.Attachment;
import scarab.daemon.ipc.Connection;
import scarab.daemon.ipc.RequestHandler;
import scarab.daemon.session.Session;
import scarab.daemon.session.SessionManager;
import scarab.protocol.Request;
import scarab.protocol.Response;

/** Detach: this connection (the detach keys), or every client of a target session. */
public final class DetachHandler implements RequestHandler<Request.Detach> {
    private final SessionManager sessions;
    private final SessionTargets targets;

    public DetachHandler(SessionManager sessions, SessionTargets targets) {
        this.sessions = sessions;
        this.targets = targets;
    }

    @Override
    public Class<Request.Detach> type() {
        return Request.Detach.class;
    }

    @Override
    public Response handle(Request.Detach r, Connection connection) {
        if (r.target() == null) {
            Attachment a = connection.attachment();
            if (a == null) {
                throw new UserError("not-attached", "this connection is not attached to a session");
            }
            a.detach();
            return null; // the client's answer is the 'detached' event, after its last output
        }
        Session s = targets.session(r.target());
        sessions.detachAll(s, "detached-by-command");
        return new Response.Done(r.id());
    }
}
