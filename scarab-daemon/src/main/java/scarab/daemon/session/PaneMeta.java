package scarab.daemon.session;

import java.util.List;

/**
 * A pane's metadata: an immutable value, replaced whole on each change so that every reader sees
 * one consistent version.
 *
 * @param id       the pane id, {@code %N}
 * @param state    {@link SessionMeta#RUNNING} or {@link SessionMeta#EXITED}
 * @param exitedAt epoch millis of the process's exit, 0 while it has not exited
 */
public record PaneMeta(int id, List<String> command, String cwd, int cols, int rows, String state, Integer exitCode,
                       String title, long exitedAt) {

    public PaneMeta {
        command = List.copyOf(command);
        title = title == null ? "" : title;
    }

    /** A pane whose command has just been started. */
    public static PaneMeta started(int id, List<String> command, String cwd, int cols, int rows) {
        return new PaneMeta(id, command, cwd, cols, rows, SessionMeta.RUNNING, null, "", 0);
    }

    public PaneMeta withExit(int code) {
        return new PaneMeta(id, command, cwd, cols, rows, SessionMeta.EXITED, code, title, System.currentTimeMillis());
    }

    public PaneMeta withSize(int newCols, int newRows) {
        return new PaneMeta(id, command, cwd, newCols, newRows, state, exitCode, title, exitedAt);
    }

    public PaneMeta withTitle(String newTitle) {
        return new PaneMeta(id, command, cwd, cols, rows, state, exitCode, newTitle, exitedAt);
    }

    public PaneMeta withCwd(String newCwd) {
        return new PaneMeta(id, command, newCwd, cols, rows, state, exitCode, title, exitedAt);
    }

    /** The same pane started again with a new process (respawn-pane): running, no exit status. */
    public PaneMeta respawned(List<String> newCommand, String newCwd) {
        return new PaneMeta(id, newCommand, newCwd, cols, rows, SessionMeta.RUNNING, null, title, 0);
    }

    public boolean exited() {
        return SessionMeta.EXITED.equals(state);
    }
}
