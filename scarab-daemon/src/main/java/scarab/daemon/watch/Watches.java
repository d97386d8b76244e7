package scarab.daemon.watch;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads the output waits run on, so that the poller never does their work: a pool that
 * matches lines and sends the answers (a pattern that takes long, or a client slow to read its
 * answer, holds one of its threads, not the poller nor another wait), and one timer for the
 * deadlines and the idle checks. Both keep no thread while nobody waits.
 */
public final class Watches {
    private final AtomicInteger threads = new AtomicInteger();
    private final ThreadPoolExecutor work = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> daemonThread(r, "scarab-watch-" + threads.incrementAndGet()));
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
            r -> daemonThread(r, "scarab-watch-timer"));

    public Watches() {
        timer.setKeepAliveTime(10, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        timer.setRemoveOnCancelPolicy(true);
    }

    private static Thread daemonThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Where lines are matched and answers sent. */
    public Executor work() {
        return work;
    }

    public ScheduledFuture<?> after(long millis, Runnable task) {
        return timer.schedule(task, millis, TimeUnit.MILLISECONDS);
    }
}
