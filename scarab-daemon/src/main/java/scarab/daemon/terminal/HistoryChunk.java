package scarab.daemon.terminal;

/**
 * Stored history lines {@code [firstLine, firstLine + lineCount)} (absolute line numbers, see
 * {@link History}), encoded and deflated by {@link HistoryArchive}. Written once; dropped when the
 * screen drops its lines or changes them.
 */
public record HistoryChunk(long firstLine, int lineCount, byte[] data) {
    public long endLine() {
        return firstLine + lineCount;
    }
}
