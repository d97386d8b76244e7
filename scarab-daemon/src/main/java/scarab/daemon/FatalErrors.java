package scarab.daemon;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's policy for failures nobody can handle: an {@link Error} in any thread (out of
 * memory, a stack overflow, a native library's failure) or the loss of a thread that every session
 * depends on. A daemon that lives on with a dead thread serves nobody (a dead poller freezes every
 * session, a dead accept loop leaves clients waiting forever) while it keeps the lock that stops a
 * new one; so the daemon logs the cause and exits with {@link #EXIT_STATUS}. systemd
 * ({@code Restart=on-failure}) or the next client starts a new one, which restores the sessions
 * from the store.
 *
 * <p>The exit runs the usual orderly stop (the shutdown hook: last snapshots, sessions hung up)
 * on a thread of its own, and halts the JVM if that does not finish within {@link #HALT_AFTER_SECONDS}:
 * a JVM short of memory may not manage it.
 */
public final class FatalErrors {
    /** EX_SOFTWARE (sysexits.h): an internal failure, not a usage mistake or a lost race. */
    public static final int EXIT_STATUS = 70;
    private static final long HALT_AFTER_SECONDS = 15;
    private static final Logger log = LoggerFactory.getLogger(FatalErrors.class);
    private static final AtomicBoolean exiting = new AtomicBoolean();

    private FatalErrors() {}

    /**
     * Makes every uncaught {@link Error} end the daemon. An uncaught RuntimeException ends only its
     * own thread (logged): the threads that every session needs catch theirs, and per-client ones
     * (a writer, an input writer) may end without harm to the rest.
     */
    public static void install() {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (e instanceof Error) {
                exit("thread " + thread.getName(), e);
            } else {
                log.error("thread {} ended by an uncaught exception", thread.getName(), e);
            }
        });
    }

    /**
     * Wraps a task for a scheduled executor: there, an exception would only cancel the task and
     * sit in its Future where nobody looks. An Error ends the daemon; the task is not run again.
     */
    public static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Error e) {
                exit(what, e);
                throw e;
            }
        };
    }

    /** Logs why, then exits with {@link #EXIT_STATUS}; only the first call does anything. */
    public static void exit(String where, Throwable cause) {
        if (!exiting.compareAndSet(false, true)) {
            log.error("also failed after the daemon started exiting: {}", where, cause);
            return;
        }
        String line = "scarab daemon: fatal: " + where + " failed: " + cause + "; exiting (status " + EXIT_STATUS
                + ") so that a new daemon can restore the sessions";
        try {
            log.error("fatal: {} failed; exiting (status {}) so that a new daemon can restore the sessions", where,
                    EXIT_STATUS, cause);
            System.err.println(line); // daemon.out: seen even if the log cannot be written
        } catch (Throwable t) {
            // out of memory for the message: exit all the same
        }
        try {
            Thread halt = new Thread(() -> {
                try {
                    TimeUnit.SECONDS.sleep(HALT_AFTER_SECONDS);
                } catch (InterruptedException e) {
                    // halt at once
                }
                Runtime.getRuntime().halt(EXIT_STATUS);
            }, "scarab-fatal-halt");
            halt.setDaemon(true);
            halt.start();
            // Not on the failing thread: the orderly stop may need it (the poller hangs sessions up).
            Thread exit = new Thread(() -> System.exit(EXIT_STATUS), "scarab-fatal-exit");
            exit.start();
        } catch (Throwable t) {
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
    }
}
