package scarab.daemon.session;

import java.util.List;

/**
 * A session's metadata: an immutable value, replaced whole on each change so that every reader
 * sees one consistent version (a rename is seen everywhere at once).
 *
 * @param state          {@link #RUNNING} or {@link #EXITED}: what the store remembers
 * @param lastAttachedAt epoch millis, 0 when never attached
 */
public record SessionMeta(SessionId id, String name, List<String> command, String cwd, int cols, int rows,
                          long createdAt, long lastAttachedAt, String state, Integer exitCode, String title) {

    public static final String RUNNING = "running";
    public static final String EXITED = "exited";

    public SessionMeta {
        command = List.copyOf(command);
        title = title == null ? "" : title;
    }

    public SessionMeta withName(String newName) {
        return new SessionMeta(id, newName, command, cwd, cols, rows, createdAt, lastAttachedAt, state, exitCode, title);
    }

    public SessionMeta withExit(int code) {
        return new SessionMeta(id, name, command, cwd, cols, rows, createdAt, lastAttachedAt, EXITED, code, title);
    }

    public SessionMeta withSize(int newCols, int newRows) {
        return new SessionMeta(id, name, command, cwd, newCols, newRows, createdAt, lastAttachedAt, state, exitCode, title);
    }

    public SessionMeta withLastAttached(long millis) {
        return new SessionMeta(id, name, command, cwd, cols, rows, createdAt, millis, state, exitCode, title);
    }

    public SessionMeta withTitle(String newTitle) {
        return new SessionMeta(id, name, command, cwd, cols, rows, createdAt, lastAttachedAt, state, exitCode, newTitle);
    }

    public SessionMeta withCwd(String newCwd) {
        return new SessionMeta(id, name, command, newCwd, cols, rows, createdAt, lastAttachedAt, state, exitCode, title);
    }

    public boolean exited() {
        return EXITED.equals(state);
    }
}
