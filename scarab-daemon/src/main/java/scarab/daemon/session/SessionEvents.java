package scarab.daemon.session;

/** What a session tells its owner about itself; called from the session's own threads. */
public interface SessionEvents {
    /** The session's process ended with {@code exitCode}. */
    void exited(Session session, int exitCode);

    /** Metadata changed by the session itself (its size): to be stored, off the caller's thread. */
    void changed(Session session, SessionMeta meta);

    /** The program set a new title: stored with the next round of snapshots, not a write of its own. */
    void titleChanged(Session session);

    /**
     * History lines past the bounds wait in memory to be stored before they may leave it
     * (history-disk): the next round of snapshots should come soon. On the poller thread: never waits.
     */
    default void historyWaiting(Session session) {}
}
