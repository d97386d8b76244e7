package scarab.daemon.command;

import scarab.daemon.ipc.Connection;
import scarab.daemon.ipc.RequestHandler;
import scarab.daemon.session.SessionManager;
import scarab.protocol.Request;
import scarab.protocol.Response;

/** {@code scarab daemon status}. */
public final class DaemonStatusHandler implements RequestHandler<Request.DaemonStatus> {
    private final SessionManager sessions;
    private final DaemonControl daemon;

    public DaemonStatusHandler(SessionManager sessions, DaemonControl daemon) {
        this.sessions = sessions;
        this.daemon = daemon;
    }

    @Override
    public Class<Request.DaemonStatus> type() {
        return Request.DaemonStatus.class;
    }

    @Override
    public Response handle(Request.DaemonStatus r, Connection connection) {
        return new Response.Status(r.id(), daemon.version(), ProcessHandle.current().pid(), daemon.startedAt(),
                daemon.socket(), daemon.database(), daemon.config(), sessions.count(), daemon.configWarnings(),
                daemon.problems());
    }
}
