package scarab.client.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's state and start time as Linux's {@code /proc/PID/stat} gives them; the start time
 * tells the process from a later one that reuses its pid.
 */
final class ProcState {
    private ProcState() {}

    /** The start time (clock ticks after boot), or null when there is no such process or no /proc. */
    static String startTime(long pid) {
        String[] f = fields(pid);
        return f == null || f.length < 20 ? null : f[19];
    }

    /** Exited, and not yet reaped by its parent. */
    static boolean zombie(long pid) {
        String[] f = fields(pid);
        return f != null && f.length > 0 && (f[0].equals("Z") || f[0].equals("X"));
    }

    /** The fields after the command name (which may hold spaces and parentheses): state first. */
    private static String[] fields(long pid) {
        String stat;
        try {
            stat = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "stat")), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return null;
        }
        int end = stat.lastIndexOf(')');
        return end < 0 ? null : stat.substring(end + 1).trim().split(" ");
    }
}
