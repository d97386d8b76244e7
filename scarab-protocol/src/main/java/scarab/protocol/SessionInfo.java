package scarab.protocol;

import java.util.List;

/**
 * What the daemon tells clients about a session. Times are ISO-8601 instants (UTC) or null.
 *
 * <p>{@code cols}, {@code rows}, {@code command}, {@code cwd} and {@code title} are those of the
 * current window's active pane; {@code windows} and {@code panes} count all of the session's (null
 * from a daemon that predates windows: one of each).
 *
 * @param status      {@code running}, {@code exited} (the process ended; see {@code exitCode}) or
 *                    {@code stopped} (the daemon that ran it went away and it has not been restarted)
 * @param group       the session's group, null for none
 * @param cpuMillis   CPU time (user and system) of its panes' process trees, the live processes' own
 *                    and their waited-for children's; null when it runs no process
 * @param memoryBytes resident memory of those processes, summed; null when it runs no process
 * @param exitReason  why it ended when that is known beyond the status ({@code out of memory}), else null
 * @param memoryMax   the limit on each pane's memory in bytes ({@code new --memory-max}), null for none
 * @param cpuMax      the limit on each pane's CPU, percent of one CPU, null for none
 * @param tasksMax    the limit on each pane's processes and threads, null for none
 */
public record SessionInfo(String id, String name, String status, Integer exitCode, int cols, int rows,
                          String createdAt, String lastAttachedAt, int clients, List<String> command,
                          String cwd, String title, boolean restored, Integer windows, Integer panes,
                          String group, Long cpuMillis, Long memoryBytes, String exitReason,
                          Long memoryMax, Integer cpuMax, Integer tasksMax) {

    /** A session without limits. */
    public SessionInfo(String id, String name, String status, Integer exitCode, int cols, int rows,
                       String createdAt, String lastAttachedAt, int clients, List<String> command,
                       String cwd, String title, boolean restored, Integer windows, Integer panes,
                       String group, Long cpuMillis, Long memoryBytes, String exitReason) {
        this(id, name, status, exitCode, cols, rows, createdAt, lastAttachedAt, clients, command, cwd, title, restored,
                windows, panes, group, cpuMillis, memoryBytes, exitReason, null, null, null);
    }

    /** A session in no group, its resource use unknown. */
    public SessionInfo(String id, String name, String status, Integer exitCode, int cols, int rows,
                       String createdAt, String lastAttachedAt, int clients, List<String> command,
                       String cwd, String title, boolean restored, Integer windows, Integer panes) {
        this(id, name, status, exitCode, cols, rows, createdAt, lastAttachedAt, clients, command, cwd, title, restored,
                windows, panes, null, null, null, null);
    }

    public static final String RUNNING = "running";
    public static final String EXITED = "exited";
    public static final String STOPPED = "stopped";

    /** The id as shown to people: its first 8 hex digits, like git's short hashes. */
    public String shortId() {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }
}
