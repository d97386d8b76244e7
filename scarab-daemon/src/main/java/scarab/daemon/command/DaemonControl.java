package scarab.daemon.command;

/** What handlers may ask of the daemon itself. */
public interface DaemonControl {
    String version();

    long startedAt();

    String socket();

    String database();

    String config();

    /** The config file's problems when the daemon started (each says which default it used). */
    java.util.List<String> configWarnings();

    /** One-time notices for the next {@code ls} (e.g. a recovered database); cleared by the call. */
    java.util.List<String> takeNotices();

    /** What the daemon found wrong and works around, for {@code daemon status} (e.g. rows it skipped). */
    java.util.List<String> problems();

    /** Begins an orderly shutdown after the current response is sent. */
    void requestStop();

    /**
     * Re-executes the daemon in place (same pid), handing every running process to the new
     * program. Returns only when that failed, with why; the daemon then goes on as before.
     */
    String upgrade();
}
