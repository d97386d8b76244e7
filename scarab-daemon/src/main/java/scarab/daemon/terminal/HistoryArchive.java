package scarab.daemon.terminal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Which of a screen's history lines are stored, in which chunks: the snapshot of a session stores
 * only the history lines that are new since the last one (append-only chunks), plus its visible
 * screen. History lines are immutable, so a stored chunk is still right as long as its last line
 * is the same object at the same absolute number; a line taken back onto the screen (a resize that
 * adds rows) or changed (its wrapped flag) makes the chunk that holds it, and every later one, be
 * written again. Owned by the snapshot thread; it reads the screen only in {@link #prepare}, under
 * the screen's lock.
 */
public final class HistoryArchive {
    /** Lines per chunk at most, so that a flood does not make one huge row. */
    static final int CHUNK_LINES = 1000;
    /** A last chunk smaller than this is written again with the new lines, so a shell that prints a line every round does not leave thousands of tiny chunks. */
    static final int MERGE_BELOW = 200;
    private static final int FORMAT = 1;
    private static final int MAX_CHUNK_LINES = 1 << 20;

    private record Stored(long first, int count, HistLine last) {
        long end() {
            return first + count;
        }
    }

    /** The chunks in the store, oldest first. */
    private List<Stored> stored = new ArrayList<>();

    /**
     * Under the screen's lock: the history lines not yet stored (shared: they are immutable) and a
     * copy of the visible screen. Everything costly (rendering, encoding, compressing) is done
     * later, without the lock, by the returned round.
     */
    public Round prepare(Screen s) {
        History h = s.history;
        long base = h.firstAbs();
        long end = h.endAbs();
        List<Stored> valid = new ArrayList<>();
        for (Stored c : stored) {
            if (c.end() <= base) continue; // dropped from the screen: deleted with this round
            boolean same = c.end() <= end && h.get((int) (c.end() - 1 - base)) == c.last();
            if (!same) break; // this one and every later one are written again
            valid.add(c);
        }
        if (!valid.isEmpty() && end > valid.get(valid.size() - 1).end() && valid.get(valid.size() - 1).count() < MERGE_BELOW) {
            valid.remove(valid.size() - 1);
        }
        long keptEnd = valid.isEmpty() ? base : Math.max(base, valid.get(valid.size() - 1).end());
        HistLine[] fresh = h.copyFrom((int) (keptEnd - base));
        return new Round(valid, keptEnd, base, end, fresh, s.copyWithoutHistory());
    }

    /** The round was stored: its chunks are the stored ones now. */
    public void committed(Round r) {
        List<Stored> now = new ArrayList<>(r.kept);
        for (HistoryChunk c : r.chunks()) {
            now.add(new Stored(c.firstLine(), c.lineCount(), r.fresh[(int) (c.endLine() - 1 - r.keptEnd)]));
        }
        stored = now;
    }

    /** One snapshot's worth: what to store, made outside the screen's lock. */
    public static final class Round {
        private final List<Stored> kept;
        private final long keptEnd;
        private final long historyStart;
        private final long historyEnd;
        private final HistLine[] fresh;
        private final Screen screen;
        private List<HistoryChunk> chunks;

        private Round(List<Stored> kept, long keptEnd, long historyStart, long historyEnd, HistLine[] fresh, Screen screen) {
            this.kept = kept;
            this.keptEnd = keptEnd;
            this.historyStart = historyStart;
            this.historyEnd = historyEnd;
            this.fresh = fresh;
            this.screen = screen;
        }

        /** Absolute number of the oldest history line kept. */
        public long historyStart() {
            return historyStart;
        }

        /** Absolute number after the newest history line. */
        public long historyEnd() {
            return historyEnd;
        }

        /** Stored chunks that reach past this line are out of date: replaced by {@link #chunks()}. */
        public long keptEnd() {
            return keptEnd;
        }

        /** The new chunks, encoded and compressed (once). */
        public List<HistoryChunk> chunks() {
            if (chunks == null) {
                List<HistoryChunk> out = new ArrayList<>();
                for (int from = 0; from < fresh.length; from += CHUNK_LINES) {
                    int to = Math.min(fresh.length, from + CHUNK_LINES);
                    out.add(new HistoryChunk(keptEnd + from, to - from, encode(fresh, from, to)));
                }
                chunks = out;
            }
            return chunks;
        }

        /** The bytes that repaint the visible screen, cursor and modes on a fresh screen (no history). */
        public byte[] screenReplay() {
            return Renderer.renderHistoryAndScreen(screen);
        }
    }

    static byte[] encode(HistLine[] lines, int from, int to) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        // Buffered: the lines are written a few bytes at a time, and each write to a deflater stream is a deflate call.
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
                new DeflaterOutputStream(bytes, deflater, 16 * 1024), 16 * 1024))) {
            out.writeByte(FORMAT);
            Varint.write(out, to - from);
            for (int i = from; i < to; i++) lines[i].writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    static List<HistLine> decode(HistoryChunk c) throws IOException {
        Inflater inflater = new Inflater();
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(
                new InflaterInputStream(new java.io.ByteArrayInputStream(c.data()), inflater), 16 * 1024))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) throw new IOException("unknown history chunk format " + format);
            int n = Varint.read(in, MAX_CHUNK_LINES);
            if (n != c.lineCount()) throw new IOException("history chunk holds " + n + " lines, not " + c.lineCount());
            List<HistLine> lines = new ArrayList<>(n);
            for (int i = 0; i < n; i++) lines.add(HistLine.readFrom(in));
            return lines;
        } finally {
            inflater.end();
        }
    }

    /**
     * Puts stored history lines {@code [start, end)} into a fresh screen (before its visible part
     * is replayed) and remembers the chunks as stored. Throws IOException when the chunks are
     * corrupt or do not cover the range; the screen is then left without history.
     */
    public void restore(Screen s, long start, long end, List<HistoryChunk> chunks) throws IOException {
        List<HistLine> lines = new ArrayList<>();
        List<Stored> found = new ArrayList<>();
        List<HistLine> lastOf = new ArrayList<>();
        long next = start;
        for (HistoryChunk c : chunks) {
            if (c.endLine() <= start || c.firstLine() >= end) continue;
            if (c.firstLine() > next) throw new IOException("history lines " + next + " to " + c.firstLine() + " are missing");
            List<HistLine> decoded = decode(c);
            for (int i = 0; i < decoded.size(); i++) {
                long abs = c.firstLine() + i;
                if (abs >= next && abs < end) {
                    lines.add(decoded.get(i));
                    next = abs + 1;
                }
            }
            found.add(new Stored(c.firstLine(), c.lineCount(), null));
            lastOf.add(decoded.get(decoded.size() - 1));
        }
        if (next != end) throw new IOException("history lines " + next + " to " + end + " are missing");
        s.restoreHistory(start, lines);
        List<Stored> now = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            Stored f = found.get(i);
            now.add(new Stored(f.first(), f.count(), f.end() <= end ? lastOf.get(i) : null));
        }
        stored = now;
    }
}
