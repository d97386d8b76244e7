package scarab.daemon.command;

import java.util.concurrent.ScheduledFuture;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import scarab.daemon.UserError;
import scarab.daemon.ipc.Connection;
import scarab.daemon.ipc.RequestHandler;
import scarab.daemon.session.Pane;
import scarab.daemon.watch.LineWatch;
import scarab.daemon.watch.WatchAnswer;
import scarab.daemon.watch.Watches;
import scarab.protocol.Request;
import scarab.protocol.Response;
import scarab.protocol.command.TargetKind;

/**
 * {@code scarab wait-for-output -t PANE REGEX}: answered when a line of the pane matches, its
 * screen as it is first, then its output as it comes ({@link LineWatch}, fed by the pane's output
 * path); an error {@code timeout} at the deadline, {@code exited} if the pane ends first. Like
 * {@code wait}, the connection's thread does not wait meanwhile.
 */
public final class WaitForOutputHandler implements RequestHandler<Request.WaitForOutput> {
    private final SessionTargets targets;
    private final Watches watches;

    public WaitForOutputHandler(SessionTargets targets, Watches watches) {
        this.targets = targets;
        this.watches = watches;
    }

    @Override
    public Class<Request.WaitForOutput> type() {
        return Request.WaitForOutput.class;
    }

    @Override
    public Response handle(Request.WaitForOutput r, Connection connection) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(r.pattern() == null ? "" : r.pattern());
        } catch (PatternSyntaxException e) {
            throw new UserError("bad-argument", "bad regex: " + e.getDescription() + " near index " + e.getIndex()
                    + " in /" + r.pattern() + "/");
        }
        if (r.timeoutMillis() < 0) {
            throw new UserError("bad-argument", "the timeout cannot be negative");
        }
        Pane pane = ModelTargets.pane(targets.resolve(r.target(), TargetKind.PANE));
        WatchAnswer answer = new WatchAnswer(connection, r.id(), watches);
        LineWatch watch = new LineWatch(pattern, pane.label(), answer, watches);
        pane.watch(watch, watch::first);
        answer.onEnd(() -> pane.unwatch(watch));
        if (r.timeoutMillis() > 0) {
            ScheduledFuture<?> deadline = WaitDeadline.start(watches, r.timeoutMillis(), answer,
                    "no line of pane " + pane.label() + " matched /" + pattern + "/ within " + WaitDeadline.seconds(r.timeoutMillis()));
            answer.onEnd(() -> deadline.cancel(false));
        }
        pane.exitFuture().thenRun(watch::ended);
        return null; // answered later
    }
}
