package scarab.daemon.view;

/**
 * What one client's terminal shows, and the bytes that bring it to a new frame: the shadow of
 * the terminal and {@link FrameDiff}. One per client, used by one thread (the one that draws
 * that client) or under the client's lock.
 */
public final class TerminalWriter {
    private Frame shadow;

    /** The bytes that make the terminal show {@code next}; from then on the terminal is taken to show it. */
    public byte[] update(Frame next) {
        return update(next, null, java.util.List.of());
    }

    /**
     * As {@link #update(Frame)}, with rows of {@code next} known to be rows of the shadow moved up
     * ({@link Scroll}); they are relative to {@code from}, the frame they were composed from, and
     * ignored unless that is the shadow.
     */
    public byte[] update(Frame next, Frame from, java.util.List<Scroll> scrolls) {
        byte[] b = FrameDiff.diff(shadow, next, from == shadow ? scrolls : java.util.List.of());
        shadow = next;
        return b;
    }

    /**
     * Forgets what the terminal shows, so the next update draws everything: after bytes were
     * dropped on the way to it, or it was written by someone else.
     */
    public void invalidate() { shadow = null; }

    /** The frame the terminal is taken to show, or null if unknown. */
    public Frame shadow() { return shadow; }
}
