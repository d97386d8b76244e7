package scarab.daemon.command;

import scarab.daemon.UserError;
import scarab.daemon.ipc.Connection;
import scarab.daemon.ipc.RequestHandler;
import scarab.daemon.record.Recordings;
import scarab.daemon.session.Pane;
import scarab.protocol.Request;
import scarab.protocol.Response;
import scarab.protocol.command.TargetKind;

/**
 * {@code scarab record start [-t PANE] [--input] [--format v3] FILE}: the pane's output from now
 * on into an asciicast file, which begins with the pane's screen as it is (a pane already running
 * plays back from what it shows). Answered once the recording is stored (it survives a restart).
 */
public final class RecordStartHandler implements RequestHandler<Request.RecordStart> {
    private final SessionTargets targets;
    private final Recordings recordings;

    public RecordStartHandler(SessionTargets targets, Recordings recordings) {
        this.targets = targets;
        this.recordings = recordings;
    }

    @Override
    public Class<Request.RecordStart> type() {
        return Request.RecordStart.class;
    }

    @Override
    public Response handle(Request.RecordStart r, Connection connection) {
        if (r.recording() == null) {
            throw new UserError("bad-argument", "no file given to record to");
        }
        Pane pane = ModelTargets.pane(targets.resolve(r.target(), TargetKind.PANE));
        if (pane.exitFuture().isDone()) {
            throw new UserError("exited", "pane " + pane.label() + " has ended: nothing more to record");
        }
        String current = recordings.fileOf(pane.id());
        if (current != null) {
            throw new UserError("already-recording", "pane " + pane.label() + " is already being recorded to " + current);
        }
        Request.Recording rec = r.recording();
        recordings.start(pane, Recordings.prepare(rec.file(), rec.format(), rec.input()));
        return new Response.Done(r.id());
    }
}
