package scarab.daemon.session;

import scarab.daemon.resources.Limits;

/**
 * A session's own metadata (its panes have theirs, {@link PaneMeta}): an immutable value, replaced
 * whole on each change so that every reader sees one consistent version (a rename is seen
 * everywhere at once).
 *
 * @param state          {@link #RUNNING} or {@link #EXITED} (its last pane ended): what the store remembers
 * @param exitCode       the last pane's exit status once the session has ended, else null
 * @param lastAttachedAt epoch millis, 0 when never attached
 * @param exitedAt       epoch millis of the session's end, 0 while it has not ended
 * @param group          the session's group ({@code new --group}), null for none
 * @param limits         what each of its panes may use; never null ({@link Limits#NONE})
 * @param exitReason     why it ended, when known beyond the status ({@code out of memory}), else null
 */
public record SessionMeta(SessionId id, String name, long createdAt, long lastAttachedAt, String state, Integer exitCode,
                          long exitedAt, String group, Limits limits, String exitReason) {

    public SessionMeta {
        limits = limits == null ? Limits.NONE : limits;
    }

    /** A session of no group and no limits. */
    public SessionMeta(SessionId id, String name, long createdAt, long lastAttachedAt, String state, Integer exitCode,
                       long exitedAt) {
        this(id, name, createdAt, lastAttachedAt, state, exitCode, exitedAt, null, Limits.NONE, null);
    }

    public static final String RUNNING = "running";
    public static final String EXITED = "exited";

    /** A session created now. */
    public static SessionMeta created(SessionId id, String name) {
        return created(id, name, null, Limits.NONE);
    }

    public static SessionMeta created(SessionId id, String name, String group, Limits limits) {
        return new SessionMeta(id, name, System.currentTimeMillis(), 0, RUNNING, null, 0, group, limits, null);
    }

    public SessionMeta withName(String newName) {
        return new SessionMeta(id, newName, createdAt, lastAttachedAt, state, exitCode, exitedAt, group, limits, exitReason);
    }

    public SessionMeta withExit(int code) {
        return withExit(code, null);
    }

    /** Ended with {@code code}; {@code reason} when more is known ({@code out of memory}), else null. */
    public SessionMeta withExit(int code, String reason) {
        return new SessionMeta(id, name, createdAt, lastAttachedAt, EXITED, code, System.currentTimeMillis(), group, limits,
                reason);
    }

    public SessionMeta withLastAttached(long millis) {
        return new SessionMeta(id, name, createdAt, millis, state, exitCode, exitedAt, group, limits, exitReason);
    }

    public boolean exited() {
        return EXITED.equals(state);
    }
}
