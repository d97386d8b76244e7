package scarab.daemon.command;

import scarab.daemon.ipc.Connection;
import scarab.daemon.ipc.RequestHandler;
import scarab.daemon.session.SessionInfoView;
import scarab.daemon.session.Session;
import scarab.daemon.session.SessionManager;
import scarab.protocol.Request;
import scarab.protocol.Response;

/** {@code scarab rename}: committed to the store before it is reported done. */
public final class RenameHandler implements RequestHandler<Request.Rename> {
    private final SessionManager sessions;
    private final SessionTargets targets;

    public RenameHandler(SessionManager sessions, SessionTargets targets) {
        this.sessions = sessions;
        this.targets = targets;
    }

    @Override
    public Class<Request.Rename> type() {
        return Request.Rename.class;
    }

    @Override
    public Response handle(Request.Rename r, Connection connection) {
        Session s = targets.session(r.target());
        sessions.rename(s, r.newName());
        return new Response.Renamed(r.id(), SessionInfoView.of(s));
    }
}
