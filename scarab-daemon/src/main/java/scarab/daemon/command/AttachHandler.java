package scarab.daemon.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import scarab.daemon.UserError;
import scarab.daemon.ipc.Connection;
import scarab.daemon.ipc.RequestHandler;
import scarab.daemon.session.Session;
import scarab.daemon.session.SessionManager;
import scarab.protocol.Request;
import scarab.protocol.Response;

/** {@code scarab attach}: the response, then a full redraw and the live output as 'O' frames. */
public final class AttachHandler implements RequestHandler<Request.Attach> {
    private final SessionManager sessions;
    private final SessionTargets targets;

    public AttachHandler(SessionManager sessions, SessionTargets targets) {
        this.sessions = sessions;
        this.targets = targets;
    }

    @Override
    public Class<Request.Attach> type() {
        return Request.Attach.class;
    }

    @Override
    public Response handle(Request.Attach r, Connection connection) {
        if (connection.attachment() != null) {
            throw new UserError("already-attached", "this connection is already attached to a session");
        }
        Session s = r.target() == null ? sessions.mostRecent() : targets.session(r.target());
        if (r.fromSession() != null && r.fromSession().equals(s.id().full())) {
            throw new UserError("recursive", "refusing to attach session \"" + s.meta().name()
                    + "\" from inside itself (SCARAB_SESSION is set); detach first or use another terminal");
        }
        if (r.terminalDevice() != null && s.panes().stream().anyMatch(p -> p.isOwnTerminal(r.terminalDevice()))) {
            // SCARAB_SESSION unset, or a client started by the session some other way: its output
            // would be the session's input, forever.
            throw new UserError("recursive", "refusing to attach session \"" + s.meta().name()
                    + "\" from its own terminal; detach first or use another terminal");
        }
        if (s.meta().exited()) {
            throw new UserError("exited", "session \"" + s.meta().name() + "\" has exited (status " + s.meta().exitCode()
                    + "); see its screen with: scarab capture " + s.meta().name());
        }
        sessions.ensureRunning(s);
        try {
            sessions.attach(s, connection, r.readOnly(), r.detachOthers(), r.cols(), r.rows(), r.terminalPid(),
                    r.detachKeys(), r.ttyName(), r.termName(), r.id());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return null;
    }
}
