package scarab.daemon.command;

import scarab.daemon.ipc.Connection;
import scarab.daemon.ipc.RequestHandler;
import scarab.daemon.record.Recordings;
import scarab.daemon.session.Pane;
import scarab.protocol.Request;
import scarab.protocol.Response;
import scarab.protocol.command.TargetKind;

/** {@code scarab record stop [-t PANE]}: answered once everything recorded is in the file and it is closed. */
public final class RecordStopHandler implements RequestHandler<Request.RecordStop> {
    private final SessionTargets targets;
    private final Recordings recordings;

    public RecordStopHandler(SessionTargets targets, Recordings recordings) {
        this.targets = targets;
        this.recordings = recordings;
    }

    @Override
    public Class<Request.RecordStop> type() {
        return Request.RecordStop.class;
    }

    @Override
    public Response handle(Request.RecordStop r, Connection connection) {
        Pane pane = ModelTargets.pane(targets.resolve(r.target(), TargetKind.PANE));
        recordings.stop(pane);
        return new Response.Done(r.id());
    }
}
