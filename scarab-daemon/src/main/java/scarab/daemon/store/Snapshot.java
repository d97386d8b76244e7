package scarab.daemon.store;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import scarab.daemon.session.SessionId;

/**
 * A session's screen and history at one moment, with the directory its foreground process was in.
 *
 * <p>Encoding, format 1: the terminal byte stream that repaints the history and the screen
 * ({@code Renderer.renderHistoryAndScreen}), DEFLATE-compressed. A byte stream rather than a
 * dump of cells keeps the format independent of the in-memory layout: any later screen model
 * replays it, at any size.
 */
public record Snapshot(SessionId sessionId, int format, long takenAt, String cwd, byte[] data) {
    public static final int FORMAT_VT_DEFLATE = 1;
    /** A decompressed snapshot larger than this is corrupt or hostile, not history. */
    static final int MAX_REPLAY_BYTES = 256 << 20;

    public static Snapshot of(SessionId id, String cwd, byte[] replay) {
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
            return new Snapshot(id, FORMAT_VT_DEFLATE, System.currentTimeMillis(), cwd, out.toByteArray());
        } finally {
            deflater.end();
        }
    }

    /** The replay bytes; throws StoreException for an unknown format or corrupt data. */
    public byte[] replay() {
        if (format != FORMAT_VT_DEFLATE) {
            throw new StoreException("snapshot of session " + sessionId.shortForm() + " has unknown format " + format);
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 4);
            byte[] buffer = new byte[64 * 1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new StoreException("snapshot of session " + sessionId.shortForm() + " is truncated");
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_REPLAY_BYTES) {
                    throw new StoreException("snapshot of session " + sessionId.shortForm() + " is implausibly large");
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new StoreException("snapshot of session " + sessionId.shortForm() + " is corrupt: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
