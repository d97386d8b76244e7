package scarab.daemon.command;

import scarab.daemon.ipc.Connection;
import scarab.daemon.ipc.RequestHandler;
import scarab.protocol.Request;
import scarab.protocol.Response;

/**
 * {@code scarab daemon upgrade}: the daemon re-executes itself in place. On success nothing answers
 * (the connection ends with the old program, and the client waits for the new one); a failure is
 * answered, and the daemon goes on as before.
 */
public final class DaemonUpgradeHandler implements RequestHandler<Request.DaemonUpgrade> {
    private final DaemonControl daemon;

    public DaemonUpgradeHandler(DaemonControl daemon) {
        this.daemon = daemon;
    }

    @Override
    public Class<Request.DaemonUpgrade> type() {
        return Request.DaemonUpgrade.class;
    }

    @Override
    public Response handle(Request.DaemonUpgrade r, Connection connection) {
        String failure = daemon.upgrade();
        return new Response.Error(r.id(), "upgrade-failed", "the daemon was not upgraded: " + failure);
    }
}
