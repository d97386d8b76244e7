package scarab.daemon.terminal;

/**
 * Where a stored history chunk is, without its data: lines {@code [firstLine, firstLine + lineCount)}
 * and the bytes it takes in the store (what {@code history-disk} bounds).
 */
public record ChunkExtent(long firstLine, int lineCount, long bytes) {
    public long endLine() {
        return firstLine + lineCount;
    }
}
