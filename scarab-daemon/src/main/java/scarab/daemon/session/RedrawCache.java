package scarab.daemon.session;

import java.lang.ref.WeakReference;
import java.util.LinkedHashMap;
import java.util.Map;
import scarab.daemon.terminal.Renderer;
import scarab.daemon.terminal.Screen;

/**
 * The full redraws ({@link Renderer#render}) of the few screens redrawn last, kept while their
 * screen has not changed ({@link Screen#changeCount}): switching back to a session whose screen
 * stayed as it was (switch-client, C-b ( and C-b )) sends the same bytes again without painting
 * them again, as a person flipping between two sessions does. Bounded to {@link #SIZE} redraws;
 * a screen is held weakly, so a closed pane's screen is never kept alive by it.
 */
final class RedrawCache {
    private static final int SIZE = 8;

    private record Entry(WeakReference<Screen> screen, long change, int cols, int rows, byte[] bytes) {}

    private static final Map<Integer, Entry> LAST = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Entry> eldest) {
            return size() > SIZE;
        }
    };

    private RedrawCache() {}

    /** {@link Renderer#render} of pane {@code paneId}'s screen; the caller holds that screen's lock. */
    static byte[] render(int paneId, Screen screen) {
        long change = screen.changeCount();
        synchronized (LAST) {
            Entry e = LAST.get(paneId);
            if (e != null && e.screen().get() == screen && e.change() == change && e.cols() == screen.cols()
                    && e.rows() == screen.rows()) {
                return e.bytes();
            }
        }
        byte[] bytes = Renderer.render(screen);
        synchronized (LAST) {
            LAST.put(paneId, new Entry(new WeakReference<>(screen), change, screen.cols(), screen.rows(), bytes));
        }
        return bytes;
    }
}
