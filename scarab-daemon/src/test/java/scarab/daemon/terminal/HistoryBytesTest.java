package scarab.daemon.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * History is bounded in bytes as well as lines: a flood of cells that each carry nine combining
 * marks keeps no more than history-bytes of history lines, held compactly, and what is kept is
 * what tmux shows for those lines.
 */
class HistoryBytesTest {
    private static final String CELL = "\u03b1\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308"; // α + 9 marks

    private static byte[] flood(int cols, int lines) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            b.append(i).append(' ').append(CELL.repeat(cols - String.valueOf(i).length() - 1)).append("\r\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCombiningMarkFloodStaysWithinTheByteBoundAndMatchesTmux() throws Exception {
        int cols = 200, rows = 30, lines = 1500;
        long bound = 1L << 20;
        byte[] bytes = flood(cols, lines);
        Screen s = new Screen(cols, rows, 10_000, bound);
        s.feed(bytes);
        assertTrue(s.historyBytesUsed() <= bound, "history holds " + s.historyBytesUsed() + " bytes, over " + bound);
        int kept = s.historySize();
        assertTrue(kept > 50 && kept < lines - rows, "some history kept, the oldest dropped: " + kept);
        // compact: far less than an array object per cell (that cost about 64 bytes a cell)
        assertTrue(s.historyBytesUsed() / ((long) kept * cols) < 40,
                "bytes per history cell: " + s.historyBytesUsed() / ((long) kept * cols));

        List<String> ours = s.capture(CaptureOptions.all());
        try (TmuxOracle tmux = new TmuxOracle()) {
            List<String> theirs = tmux.capture(bytes, cols, rows, true);
            assertTrue(theirs.size() >= ours.size(), "tmux keeps every line here (history-limit 10000)");
            assertEquals(theirs.subList(theirs.size() - ours.size(), theirs.size()), ours,
                    "what is kept is tmux's capture of the same lines");
        }
    }

    @Test
    void theLineLimitStillAppliesAndBothBoundsHoldAfterARestore() throws Exception {
        Screen s = new Screen(80, 10, 300, 1L << 30);
        for (int i = 0; i < 1000; i++) s.feed("line " + i + "\r\n");
        assertTrue(s.historySize() <= 300, "lines: " + s.historySize());

        Screen big = new Screen(200, 30, 10_000, 64L << 20);
        big.feed(flood(200, 800));
        HistoryArchive archive = new HistoryArchive();
        HistoryArchive.Round r = archive.prepare(big);
        Screen small = new Screen(200, 30, 10_000, 1L << 20);
        new HistoryArchive().restore(small, r.historyStart(), r.historyEnd(), r.chunks());
        assertTrue(small.historyBytesUsed() <= 1L << 20, "a restore into a smaller bound keeps to it: " + small.historyBytesUsed());
        assertTrue(small.historySize() > 0);
    }
}
