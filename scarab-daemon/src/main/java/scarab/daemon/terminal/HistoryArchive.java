package scarab.daemon.terminal;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
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
 *
 * <p>With history on disk ({@code history-disk}), chunks whose lines left memory stay in the store
 * (a line leaves memory only once it is stored and unchanged: {@link History#storedEnd()}), oldest
 * dropped first once the session's chunks take more than the bound. A chunk whose lines partly left
 * memory and whose rest changed (a resize took lines back) is cut: it keeps its lines before memory,
 * and the rest is written again.
 */
public final class HistoryArchive {
    /** Lines per chunk at most, so that a flood does not make one huge row. */
    static final int CHUNK_LINES = 1000;
    /** A last chunk smaller than this is written again with the new lines, so a shell that prints a line every round does not leave thousands of tiny chunks. */
    static final int MERGE_BELOW = 200;
    private static final int FORMAT = 1;
    private static final int MAX_CHUNK_LINES = 1 << 20;

    private record Stored(long first, int count, HistLine last, long bytes) {
        long end() {
            return first + count;
        }

        /** The chunk's lines before {@code at}: what a cut chunk keeps (its data is not rewritten). */
        Stored cut(long at) {
            return new Stored(first, (int) (at - first), null, bytes);
        }
    }

    /** The chunks in the store, oldest first. */
    private List<Stored> stored = new ArrayList<>();
    /** The bytes the chunks of lines no longer in memory may take in the store; 0: none are kept. */
    private final long diskBytes;

    /** History kept in memory only: the store holds the lines memory holds, no more. */
    public HistoryArchive() {
        this(0);
    }

    /** @param diskBytes history-disk: how much the session's chunks may take in the store */
    public HistoryArchive(long diskBytes) {
        this.diskBytes = Math.max(0, diskBytes);
    }

    /**
     * Under the screen's lock: the history lines not yet stored (shared: they are immutable) and a
     * copy of the visible screen. Everything costly (rendering, encoding, compressing) is done
     * later, without the lock, by the returned round.
     */
    public Round prepare(Screen s) {
        History h = s.history;
        // Changes from here on are not in this round (a field only the snapshot thread and the
        // screen's writers touch: the read lock held here keeps the writers out).
        h.copiedForStore();
        long base = h.firstAbs();
        long end = h.endAbs();
        long diskFirst = h.diskFirst();
        List<Stored> valid = new ArrayList<>();
        for (Stored c : stored) {
            if (c.end() <= diskFirst) continue; // gone from memory and disk: deleted with this round
            if (c.end() <= base) {
                // Wholly out of memory: its lines left only once stored and unchanged.
                valid.add(c);
                continue;
            }
            boolean same = c.end() <= end && h.get((int) (c.end() - 1 - base)) == c.last();
            if (!same) {
                // This one and every later one are written again; lines of it no longer in memory
                // cannot be, and are still right (they left memory unchanged): it keeps those.
                if (c.first() < base && h.onDisk()) valid.add(c.cut(base));
                break;
            }
            valid.add(c);
        }
        if (!valid.isEmpty()) {
            Stored last = valid.get(valid.size() - 1);
            if (end > last.end() && last.count() < MERGE_BELOW && last.first() >= base) valid.remove(valid.size() - 1);
        }
        long keptEnd = valid.isEmpty() ? base : Math.max(base, valid.get(valid.size() - 1).end());
        HistLine[] fresh = h.copyFrom((int) (keptEnd - base));
        return new Round(valid, keptEnd, base, end, fresh, s.copyWithoutHistory(), diskBytes);
    }

    /** The round was stored: its chunks are the stored ones now. */
    public void committed(Round r) {
        List<Stored> now = new ArrayList<>();
        long diskStart = r.diskStart();
        for (Stored c : r.kept) {
            if (c.end() > diskStart) now.add(c);
        }
        for (HistoryChunk c : r.chunks()) {
            now.add(new Stored(c.firstLine(), c.lineCount(), r.fresh[(int) (c.endLine() - 1 - r.keptEnd)], c.data().length));
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
        private final long diskBytes;
        private List<HistoryChunk> chunks;
        private long diskStart = -1;

        private Round(List<Stored> kept, long keptEnd, long historyStart, long historyEnd, HistLine[] fresh, Screen screen,
                      long diskBytes) {
            this.kept = kept;
            this.keptEnd = keptEnd;
            this.historyStart = historyStart;
            this.historyEnd = historyEnd;
            this.fresh = fresh;
            this.screen = screen;
            this.diskBytes = diskBytes;
        }

        /**
         * The oldest line the store keeps after this round: chunks that end at or before it are
         * deleted. The chunks of lines in memory are always kept; below them, the chunks that
         * follow one another without a gap, newest first, while all the session's chunks fit in
         * history-disk.
         */
        public long diskStart() {
            if (diskStart < 0) {
                long total = 0;
                long start = historyStart;
                for (HistoryChunk c : chunks()) total += c.data().length;
                int i = kept.size() - 1;
                for (; i >= 0 && kept.get(i).end() > historyStart; i--) {
                    total += kept.get(i).bytes();
                    start = Math.min(start, kept.get(i).first());
                }
                for (; i >= 0; i--) {
                    Stored c = kept.get(i);
                    if (c.end() != start || total + c.bytes() > diskBytes) break;
                    total += c.bytes();
                    start = c.first();
                }
                diskStart = start;
            }
            return diskStart;
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
        ByteSink out = new ByteSink(64 * (to - from));
        out.writeByte(FORMAT);
        out.writeVarint(to - from);
        for (int i = from; i < to; i++) lines[i].writeTo(out);
        return out.deflated(Deflater.BEST_SPEED);
    }

    static List<HistLine> decode(HistoryChunk c) throws IOException {
        Inflater inflater = new Inflater();
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(
                new InflaterInputStream(new java.io.ByteArrayInputStream(c.data()), inflater), 16 * 1024))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) throw new IOException("unknown history chunk format " + format);
            int n = Varint.read(in, MAX_CHUNK_LINES);
            // A cut chunk (see the class comment) holds more lines than its row says: the first ones count.
            if (n < c.lineCount()) throw new IOException("history chunk holds " + n + " lines, not " + c.lineCount());
            List<HistLine> lines = new ArrayList<>(c.lineCount());
            for (int i = 0; i < c.lineCount(); i++) lines.add(HistLine.readFrom(in));
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
        restore(s, start, end, chunks, List.of());
    }

    /**
     * As {@link #restore(Screen, long, long, List)}, with the extents of every chunk the store
     * holds for the session: those of lines before {@code start} (history on disk) that follow one
     * another up to it stay readable from the store, and count towards history-disk.
     */
    public void restore(Screen s, long start, long end, List<HistoryChunk> chunks, List<ChunkExtent> all)
            throws IOException {
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
            found.add(new Stored(c.firstLine(), c.lineCount(), null, c.data().length));
            lastOf.add(decoded.get(decoded.size() - 1));
        }
        if (next != end) throw new IOException("history lines " + next + " to " + end + " are missing");
        List<Stored> now = new ArrayList<>();
        long diskStart = found.isEmpty() ? start : Math.min(start, found.get(0).first());
        for (int i = all.size() - 1; i >= 0; i--) {
            ChunkExtent e = all.get(i);
            if (e.endLine() > start) continue; // one of the chunks above
            if (e.endLine() != diskStart) break;
            now.add(0, new Stored(e.firstLine(), e.lineCount(), null, e.bytes()));
            diskStart = e.firstLine();
        }
        s.restoreHistory(diskStart, start, lines);
        for (int i = 0; i < found.size(); i++) {
            Stored f = found.get(i);
            now.add(new Stored(f.first(), f.count(), f.end() <= end ? lastOf.get(i) : null, f.bytes()));
        }
        stored = now;
    }
}
