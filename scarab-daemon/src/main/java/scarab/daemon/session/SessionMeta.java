package scarab.daemon.session;

/**
 * A session's own metadata (its panes have theirs, {@link PaneMeta}): an immutable value, replaced
 * whole on each change so that every reader sees one consistent version (a rename is seen
 * everywhere at once).
 *
 * @param state          {@link #RUNNING} or {@link #EXITED} (its last pane ended): what the store remembers
 * @param exitCode       the last pane's exit status once the session has ended, else null
 * @param lastAttachedAt epoch millis, 0 when never attached
 * @param exitedAt       epoch millis of the session's end, 0 while it has not ended
 */
public record SessionMeta(SessionId id, String name, long createdAt, long lastAttachedAt, String state, Integer exitCode,
                          long exitedAt) {

    public static final String RUNNING = "running";
    public static final String EXITED = "exited";

    /** A session created now. */
    public static SessionMeta created(SessionId id, String name) {
        return new SessionMeta(id, name, System.currentTimeMillis(), 0, RUNNING, null, 0);
    }

    public SessionMeta withName(String newName) {
        return new SessionMeta(id, newName, createdAt, lastAttachedAt, state, exitCode, exitedAt);
    }

    public SessionMeta withExit(int code) {
        return new SessionMeta(id, name, createdAt, lastAttachedAt, EXITED, code, System.currentTimeMillis());
    }

    public SessionMeta withLastAttached(long millis) {
        return new SessionMeta(id, name, createdAt, millis, state, exitCode, exitedAt);
    }

    public boolean exited() {
        return EXITED.equals(state);
    }
}
