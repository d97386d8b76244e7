package scarab.daemon.session;

import scarab.daemon.terminal.Screen;

/**
 * Something that keeps a copy of what goes through a pane (a recording): its output bytes as they
 * reach the screen, its size changes and, if it asks, what is typed into it. The output and size
 * calls come on the poller thread under the screen's write lock, like {@link OutputWatcher}'s: a
 * tap copies and queues, never waits, never takes another lock, never throws.
 */
public interface PaneTap {
    /** {@code length} bytes of output, just fed to {@code screen}. Poller thread, write lock held. */
    void output(Screen screen, byte[] buffer, int length);

    /** The pane's screen took a new size. Write lock held. */
    void resized(int cols, int rows);

    /** Bytes typed into the pane (keys, send-keys, a paste), on whichever thread typed them. */
    default void input(byte[] data) {}
}
