package scarab.daemon.store;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import scarab.daemon.terminal.ChunkExtent;
import scarab.daemon.terminal.HistoryChunk;

/**
 * A pane's screen and history at one moment, with the directory its foreground process was in.
 *
 * <p>Format 1 (read, no longer written): {@code data} is the terminal byte stream that repaints the
 * history and the screen ({@code Renderer.renderHistoryAndScreen}), DEFLATE-compressed.
 *
 * <p>Format 2: {@code data} is that stream for the visible screen alone (cursor, modes, pen, title,
 * the alternate screen's main screen); the history lines {@code [historyStart, historyEnd)} are in
 * the pane's history chunks, written once each. A snapshot being stored carries only the new
 * chunks: stored chunks are cut at {@code keptEnd} (those from it on are replaced by the new ones;
 * one that reaches over it keeps its lines before it), and chunks wholly before {@code diskStart}
 * are deleted: the lines {@code [diskStart, historyStart)} left memory but stay in the store
 * ({@code history-disk}; without it {@code diskStart} is {@code historyStart}). A loaded one carries
 * every chunk of its range, and in {@code storedChunks} where each of the pane's chunks is.
 */
public record Snapshot(int paneId, int format, long takenAt, String cwd, byte[] data,
                       long historyStart, long historyEnd, long keptEnd, List<HistoryChunk> chunks,
                       long diskStart, List<ChunkExtent> storedChunks) {
    public static final int FORMAT_VT_DEFLATE = 1;
    public static final int FORMAT_SCREEN_AND_CHUNKS = 2;
    /** A decompressed snapshot larger than this is corrupt or hostile, not history. */
    static final int MAX_REPLAY_BYTES = 256 << 20;

    /** A format 1 snapshot (the whole history in {@code data}). */
    public Snapshot(int paneId, int format, long takenAt, String cwd, byte[] data) {
        this(paneId, format, takenAt, cwd, data, 0, 0, 0, List.of(), 0, List.of());
    }

    /** A format 2 snapshot: the visible screen's replay bytes, and the history chunks to store. */
    public static Snapshot incremental(int paneId, String cwd, byte[] screenReplay, long historyStart, long historyEnd,
                                       long keptEnd, List<HistoryChunk> chunks, long diskStart) {
        Snapshot s = of(paneId, cwd, screenReplay);
        return new Snapshot(paneId, FORMAT_SCREEN_AND_CHUNKS, s.takenAt(), cwd, s.data(), historyStart, historyEnd, keptEnd, chunks,
                diskStart, List.of());
    }

    /** A format 1 snapshot of the whole history and screen. */
    public static Snapshot of(int paneId, String cwd, byte[] replay) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(replay);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, replay.length / 4));
            byte[] buffer = new byte[16 * 1024];
            while (!deflater.finished()) {
                int n = deflater.deflate(buffer);
                out.write(buffer, 0, n);
            }
            return new Snapshot(paneId, FORMAT_VT_DEFLATE, System.currentTimeMillis(), cwd, out.toByteArray());
        } finally {
            deflater.end();
        }
    }

    /**
     * The replay bytes (format 2: of the visible screen, after the history chunks are restored);
     * throws StoreException for an unknown format or corrupt data.
     */
    public byte[] replay() {
        if (format != FORMAT_VT_DEFLATE && format != FORMAT_SCREEN_AND_CHUNKS) {
            throw new StoreException("snapshot of pane %" + paneId + " has unknown format " + format);
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 4);
            byte[] buffer = new byte[64 * 1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new StoreException("snapshot of pane %" + paneId + " is truncated");
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_REPLAY_BYTES) {
                    throw new StoreException("snapshot of pane %" + paneId + " is implausibly large");
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new StoreException("snapshot of pane %" + paneId + " is corrupt: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
