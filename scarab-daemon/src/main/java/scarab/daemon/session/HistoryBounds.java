package scarab.daemon.session;

/**
 * How much history each session keeps: at most {@code lines} lines ({@code history-limit},
 * formerly {@code scrollback}) and at most {@code bytes} bytes of heap for them ({@code history-bytes})
 * in memory, whichever is reached first; the lines pushed out stay in the store, compressed, up to
 * {@code disk} bytes of it ({@code history-disk}; 0: they are dropped).
 */
public record HistoryBounds(int lines, long bytes, long disk) {
    /** Memory only, nothing kept on disk. */
    public HistoryBounds(int lines, long bytes) {
        this(lines, bytes, 0);
    }
}
