package scarab.daemon.session;

import java.util.List;

/**
 * A session's metadata: an immutable value, replaced whole on each change so that every reader
 * sees one consistent version (a rename is seen everywhere at once).
 *
 * @param state          {@link #RUNNING} or {@link #EXITED}: what the store remembers
 * @param lastAttachedAt epoch millis, 0 when never attached
 * @param exitedAt       epoch millis of the process's exit, 0 while it has not exited
 */
public record SessionMeta(SessionId id, String name, List<String> command, String cwd, int cols, int rows,
                          long createdAt, long lastAttachedAt, String state, Integer exitCode, String title,
                          long exitedAt) {

    public static final String RUNNING = "running";
    public static final String EXITED = "exited";

    public SessionMeta {
        command = List.copyOf(command);
        title = title == null ? "" : title;
    }

    public SessionMeta withName(String newName) {
        return new SessionMeta(id, newName, command, cwd, cols, rows, createdAt, lastAttachedAt, state, exitCode, title, exitedAt);
    }

    public SessionMeta withExit(int code) {
        return new SessionMeta(id, name, command, cwd, cols, rows, createdAt, lastAttachedAt, EXITED, code, title,
                System.currentTimeMillis());
    }

    public SessionMeta withSize(int newCols, int newRows) {
        return new SessionMeta(id, name, command, cwd, newCols, newRows, createdAt, lastAttachedAt, state, exitCode, title, exitedAt);
    }

    public SessionMeta withLastAttached(long millis) {
        return new SessionMeta(id, name, command, cwd, cols, rows, createdAt, millis, state, exitCode, title, exitedAt);
    }

    public SessionMeta withTitle(String newTitle) {
        return new SessionMeta(id, name, command, cwd, cols, rows, createdAt, lastAttachedAt, state, exitCode, newTitle,
                exitedAt);
    }

    public SessionMeta withCwd(String newCwd) {
        return new SessionMeta(id, name, command, newCwd, cols, rows, createdAt, lastAttachedAt, state, exitCode, title, exitedAt);
    }

    public boolean exited() {
        return EXITED.equals(state);
    }
}
