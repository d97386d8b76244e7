package scarab.daemon.ipc;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * How many connections the daemon holds at once, and how long one may stay silent before its
 * hello. Connections take descriptors, and those that have spoken a thread each; without a bound,
 * a script opening thousands of idle connections took 5,000 threads and 1 GB, and at the
 * descriptor limit the daemon could accept nobody, its own user included.
 *
 * @param maxConnections connections held at once, silent or served; a quarter of the descriptor
 *                       limit (the JVM raises the soft limit to the hard one at start,
 *                       -XX:+MaxFDLimit), at most 1024: the rest stay for sessions (a PTY master
 *                       and a pidfd each), attached terminals, the database and the log
 * @param helloTimeout   how long a connection may go without its hello
 */
public record ConnectionLimits(int maxConnections, Duration helloTimeout) {
    public static final Duration HELLO_TIMEOUT = Duration.ofSeconds(10);

    /** Limits for this process's descriptor limit. */
    public static ConnectionLimits forThisProcess() {
        long descriptors = 1024;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            descriptors = unix.getMaxFileDescriptorCount();
        }
        return forDescriptors(descriptors);
    }

    static ConnectionLimits forDescriptors(long descriptors) {
        return new ConnectionLimits((int) Math.max(16, Math.min(1024, descriptors / 4)), HELLO_TIMEOUT);
    }
}
