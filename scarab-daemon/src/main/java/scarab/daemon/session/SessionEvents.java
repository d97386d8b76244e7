package scarab.daemon.session;

/** What a session tells its owner about itself; called from the session's own threads. */
public interface SessionEvents {
    /** The session's process ended with {@code exitCode}. */
    void exited(Session session, int exitCode);

    /** Metadata changed by the session itself (size, title): to be stored, off the caller's thread. */
    void changed(Session session, SessionMeta meta);
}
