package scarab.daemon.command;

import scarab.daemon.ipc.Connection;
import scarab.daemon.ipc.RequestHandler;
import scarab.protocol.Request;
import scarab.protocol.Response;

/** {@code scarab daemon stop}: answers, then shuts the daemon down in order. */
public final class DaemonStopHandler implements RequestHandler<Request.DaemonStop> {
    private final DaemonControl daemon;

    public DaemonStopHandler(DaemonControl daemon) {
        this.daemon = daemon;
    }

    @Override
    public Class<Request.DaemonStop> type() {
        return Request.DaemonStop.class;
    }

    @Override
    public Response handle(Request.DaemonStop r, Connection connection) {
        connection.trySend(new Response.Done(r.id()));
        daemon.requestStop();
        return null;
    }
}
