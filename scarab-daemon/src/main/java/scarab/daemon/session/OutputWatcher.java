package scarab.daemon.session;

import scarab.daemon.terminal.Screen;

/**
 * Something waiting on a pane's output ({@code wait-for-output}, {@code wait --idle}): told after
 * each chunk of output has reached the screen. Called on the poller thread under the screen's
 * write lock: it copies what it needs and hands the rest of its work to a thread of its own. It
 * never waits, nor takes another lock: every session's output goes through that thread.
 */
public interface OutputWatcher {
    void fed(Screen screen);
}
