package scarab.daemon.command;

import java.util.concurrent.ScheduledFuture;
import scarab.daemon.UserError;
import scarab.daemon.ipc.Connection;
import scarab.daemon.ipc.RequestHandler;
import scarab.daemon.session.Pane;
import scarab.daemon.watch.SilenceWatch;
import scarab.daemon.watch.WatchAnswer;
import scarab.daemon.watch.Watches;
import scarab.protocol.Request;
import scarab.protocol.Response;
import scarab.protocol.command.TargetKind;

/**
 * {@code scarab wait --idle S -t PANE}: answered when the pane has printed nothing for S
 * seconds ({@link SilenceWatch}); an error {@code timeout} at the deadline.
 */
public final class WaitIdleHandler implements RequestHandler<Request.WaitIdle> {
    private final SessionTargets targets;
    private final Watches watches;

    public WaitIdleHandler(SessionTargets targets, Watches watches) {
        this.targets = targets;
        this.watches = watches;
    }

    @Override
    public Class<Request.WaitIdle> type() {
        return Request.WaitIdle.class;
    }

    @Override
    public Response handle(Request.WaitIdle r, Connection connection) {
        if (r.idleMillis() <= 0 || r.timeoutMillis() < 0) {
            throw new UserError("bad-argument", "the idle time must be positive and the timeout not negative");
        }
        Pane pane = ModelTargets.pane(targets.resolve(r.target(), TargetKind.PANE));
        WatchAnswer answer = new WatchAnswer(connection, r.id(), watches);
        SilenceWatch watch = new SilenceWatch(r.idleMillis(), answer, watches);
        pane.watch(watch, screen -> null);
        answer.onEnd(() -> pane.unwatch(watch));
        if (r.timeoutMillis() > 0) {
            ScheduledFuture<?> deadline = WaitDeadline.start(watches, r.timeoutMillis(), answer, "pane " + pane.label()
                    + " was not quiet for " + WaitDeadline.seconds(r.idleMillis()) + " within " + WaitDeadline.seconds(r.timeoutMillis()));
            answer.onEnd(() -> deadline.cancel(false));
        }
        watch.start();
        return null; // answered later
    }
}
