package scarab.daemon.watch;

import java.util.concurrent.ScheduledFuture;
import scarab.daemon.session.OutputWatcher;
import scarab.daemon.terminal.Screen;
import scarab.protocol.Response;

/**
 * {@code wait --idle}: answered once the pane has printed nothing for the given time, counted
 * from the start of the wait at the earliest. The output only notes the time ({@link #fed}); the
 * timer looks when the quiet time would be over, and if output came meanwhile looks again when
 * the quiet after it would be. No polling: one timer task per stretch of output at most.
 */
public final class SilenceWatch implements OutputWatcher {
    private final long idleNanos;
    private final WatchAnswer answer;
    private final Watches watches;
    private volatile long lastOutput = System.nanoTime();
    private volatile ScheduledFuture<?> check;

    public SilenceWatch(long idleMillis, WatchAnswer answer, Watches watches) {
        this.idleNanos = idleMillis * 1_000_000;
        this.answer = answer;
        this.watches = watches;
    }

    @Override
    public void fed(Screen screen) {
        lastOutput = System.nanoTime();
    }

    public void start() {
        answer.onEnd(() -> {
            ScheduledFuture<?> c = check;
            if (c != null) {
                c.cancel(false);
            }
        });
        schedule(idleNanos);
    }

    private void schedule(long nanos) {
        check = watches.after(Math.max(1, (nanos + 999_999) / 1_000_000), this::look);
    }

    private void look() {
        if (answer.done() || answer.abandonedByClient()) {
            return;
        }
        long quiet = System.nanoTime() - lastOutput;
        if (quiet >= idleNanos) {
            answer.answer(new Response.Done(answer.id()));
        } else {
            schedule(idleNanos - quiet);
        }
    }
}
