package scarab.daemon.pty;

import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the calling thread's scheduling priority (Linux: a nice value per thread) for work that
 * must never slow the output path: snapshots encode and compress every history line that leaves
 * memory (history-disk), which during a flood is as much work as the flood itself. With two
 * cores shared by the program, the daemon and the client, the output path is served first and the
 * snapshots catch up when the flood pauses (memory stays bounded meanwhile: History drops lines
 * not yet stored past twice its bounds).
 */
public final class BackgroundPriority {
    private static final Logger log = LoggerFactory.getLogger(BackgroundPriority.class);
    /** The nice value given: the lowest, below the poller's 0 (SCHED_IDLE would starve it under steady load). */
    static final int NICE = 19;
    private static final int PRIO_PROCESS = 0;

    private BackgroundPriority() {}

    /** Lowers this thread's priority; a failure (not Linux, not allowed) only costs speed, so it is logged. */
    public static void lowerThisThread() {
        try {
            // /proc/thread-self is this thread's task directory: its name is the thread id.
            String task = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
            int tid = Integer.parseInt(task);
            // Only ever lower it: a daemon started niced further stays so.
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            int now = Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
            if (now < NICE && Posix.LibC.INSTANCE.setpriority(PRIO_PROCESS, tid, NICE) != 0) {
                log.debug("setpriority for thread {} failed: errno {}", tid, Posix.errno());
            }
        } catch (java.io.IOException | RuntimeException | LinkageError e) {
            log.debug("cannot lower the priority of thread {}: {}", Thread.currentThread().getName(), e.toString());
        }
    }
}
