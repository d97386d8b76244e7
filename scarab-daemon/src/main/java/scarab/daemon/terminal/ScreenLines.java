package scarab.daemon.terminal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of a screen's whole history and visible lines, by line number (0 is the oldest line,
 * the stored ones included; {@link #historySize} the first visible line), as tmux's copy mode
 * clones a pane's screen: later output does not change it. Taken under the screen's lock
 * ({@link Screen#lines}): the history lines in memory are immutable and shared, the visible ones
 * copied, and the lines that left memory for the store are read from {@link HistorySource} when
 * first asked for, a chunk at a time (a few chunks kept), never under any lock. A stored line the
 * store has dropped since reads as blank. Used by one thread at a time.
 */
public final class ScreenLines {
    private static final int CHUNKS_KEPT = 8;

    private final Row[] memory;
    private final int cols;
    private final int rows;
    private final int cursorX;
    private final int cursorY;
    /** Stored lines {@code [diskFrom, diskFrom + diskCount)} come before the lines in memory. */
    private final long diskFrom;
    private final long diskCount;
    private HistorySource stored = HistorySource.NONE;
    private final Map<Long, List<HistLine>> chunks = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, List<HistLine>> e) {
            return size() > CHUNKS_KEPT;
        }
    };

    ScreenLines(Row[] memory, int cols, int rows, int cursorX, int cursorY, long diskFrom, long diskCount) {
        this.memory = memory;
        this.cols = cols;
        this.rows = rows;
        this.cursorX = cursorX;
        this.cursorY = cursorY;
        this.diskFrom = diskFrom;
        this.diskCount = diskCount;
    }

    /** Where the lines that are only in the store are read from (none: they read as blank). */
    public ScreenLines readingStoredLinesFrom(HistorySource source) {
        this.stored = source;
        return this;
    }

    public int cols() {
        return cols;
    }

    /** The visible lines. */
    public int rows() {
        return rows;
    }

    /** History lines, the stored ones included. */
    public long historySize() {
        return diskCount + memory.length - rows;
    }

    /** Every line: history and visible. */
    public long size() {
        return diskCount + memory.length;
    }

    /** The screen's cursor when the snapshot was taken (its row counts from the first visible line). */
    public int cursorX() {
        return cursorX;
    }

    public int cursorY() {
        return cursorY;
    }

    /** Line {@code y} (0: the oldest); past the end, a blank line. */
    public LineView line(long y) {
        if (y < 0 || y >= size()) {
            return LineView.BLANK;
        }
        if (y >= diskCount) {
            return new LineView(memory[(int) (y - diskCount)]);
        }
        long abs = diskFrom + y;
        long first = abs - Math.floorMod(abs, HistoryArchive.CHUNK_LINES);
        List<HistLine> chunk = chunks.get(first);
        if (chunk == null) {
            chunk = read(first);
            chunks.put(first, chunk);
        }
        int i = (int) (abs - first);
        return i < chunk.size() && chunk.get(i) != null ? new LineView(chunk.get(i)) : LineView.BLANK;
    }

    /** The stored lines {@code [first, first + CHUNK_LINES)}, by position; null where the store has none. */
    private List<HistLine> read(long first) {
        HistLine[] lines = new HistLine[HistoryArchive.CHUNK_LINES];
        long to = Math.min(first + HistoryArchive.CHUNK_LINES, diskFrom + diskCount);
        for (HistoryChunk c : stored.chunks(first, to)) {
            List<HistLine> decoded;
            try {
                decoded = HistoryArchive.decode(c);
            } catch (IOException e) {
                throw new UncheckedIOException("stored history lines " + c.firstLine() + " to " + c.endLine()
                        + " are unreadable: " + e.getMessage(), e);
            }
            for (int i = 0; i < decoded.size(); i++) {
                long abs = c.firstLine() + i;
                if (abs >= first && abs < to) {
                    lines[(int) (abs - first)] = decoded.get(i);
                }
            }
        }
        return java.util.Arrays.asList(lines);
    }
}
