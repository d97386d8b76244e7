package scarab.daemon.session;

/** What a pane tells its owner about itself; called from the pane's own threads. */
public interface PaneEvents {
    /** The pane's process ended with {@code exitCode}. */
    void exited(Pane pane, int exitCode);

    /** Metadata changed by the pane itself (its size): to be stored, off the caller's thread. */
    void changed(Pane pane, PaneMeta meta);

    /** The program set a new title: stored with the next round of snapshots, not a write of its own. */
    void titleChanged(Pane pane);

    /**
     * History lines past the bounds wait in memory to be stored before they may leave it
     * (history-disk): the next round of snapshots should come soon. On the poller thread: never waits.
     */
    default void historyWaiting(Pane pane) {}
}
