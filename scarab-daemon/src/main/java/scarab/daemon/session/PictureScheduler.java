package scarab.daemon.session;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that draws the pictures sent to clients of another size than their session's
 * ({@link ClientLink#pictureDue}): off the poller thread, which must not spend its turns painting.
 */
final class PictureScheduler {
    private static final Logger log = LoggerFactory.getLogger(PictureScheduler.class);
    private static final ScheduledExecutorService THREAD = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scarab-pictures");
        t.setDaemon(true);
        return t;
    });

    private PictureScheduler() {}

    static void schedule(Runnable draw, long delayNanos) {
        THREAD.schedule(() -> {
            try {
                draw.run();
            } catch (RuntimeException e) {
                // One failed picture must not end the thread every other client's pictures need.
                log.warn("a picture for a client could not be drawn", e);
            }
        }, delayNanos, TimeUnit.NANOSECONDS);
    }
}
