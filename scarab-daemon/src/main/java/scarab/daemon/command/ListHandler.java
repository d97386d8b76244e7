package scarab.daemon.command;

import scarab.daemon.ipc.Connection;
import scarab.daemon.ipc.RequestHandler;
import scarab.daemon.session.SessionInfoView;
import scarab.daemon.session.SessionManager;
import scarab.protocol.Request;
import scarab.protocol.Response;

/** {@code scarab ls}: every session, oldest first, plus any one-time notices from the daemon. */
public final class ListHandler implements RequestHandler<Request.ListSessions> {
    private final SessionManager sessions;
    private final DaemonControl daemon;

    public ListHandler(SessionManager sessions, DaemonControl daemon) {
        this.sessions = sessions;
        this.daemon = daemon;
    }

    @Override
    public Class<Request.ListSessions> type() {
        return Request.ListSessions.class;
    }

    @Override
    public Response handle(Request.ListSessions r, Connection connection) {
        return new Response.Listing(r.id(), sessions.list().stream().map(SessionInfoView::of).toList(), daemon.takeNotices());
    }
}
