package scarab.daemon.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Incremental snapshots: rounds of new history stored as chunks (as the store applies them), then
 * restored into a fresh screen, give back exactly the screen they were taken from, through every
 * way history changes: scrolling past the limit, lines taken back by a resize, the newest line's
 * wrapped flag cleared, history cleared.
 */
class HistoryArchiveTest {
    private static final CaptureOptions ALL_ESCAPES = new CaptureOptions(true, Integer.MIN_VALUE, null, false, false);
    private static final CaptureOptions ALL_JOINED = new CaptureOptions(false, Integer.MIN_VALUE, null, true, false);

    /** The store's side, as SessionStore applies a format 2 snapshot. */
    private static final class FakeStore {
        final TreeMap<Long, HistoryChunk> chunks = new TreeMap<>();
        long start;
        long end;
        byte[] screen;
        int written;

        void apply(HistoryArchive.Round r) {
            chunks.values().removeIf(c -> c.endLine() <= r.historyStart() || c.endLine() > r.keptEnd());
            for (HistoryChunk c : r.chunks()) {
                chunks.put(c.firstLine(), c);
                written += c.lineCount();
            }
            start = r.historyStart();
            end = r.historyEnd();
            screen = r.screenReplay();
        }

        Screen restore(int cols, int rows, int limit, HistoryArchive into) throws IOException {
            Screen t = new Screen(cols, rows, limit);
            List<HistoryChunk> range = new ArrayList<>();
            for (HistoryChunk c : chunks.values()) {
                if (c.endLine() > start && c.firstLine() < end) range.add(c);
            }
            into.restore(t, start, end, range);
            t.feed(screen);
            return t;
        }
    }

    private static void snapshot(Screen s, HistoryArchive archive, FakeStore store) {
        HistoryArchive.Round r = archive.prepare(s);
        store.apply(r);
        archive.committed(r);
    }

    private static void assertSame(Screen s, Screen t, String what) {
        assertEquals(s.capture(ALL_ESCAPES), t.capture(ALL_ESCAPES), what);
        assertEquals(s.capture(ALL_JOINED), t.capture(ALL_JOINED), what + " (joined)");
        assertEquals(s.historySize(), t.historySize(), what + ": history size");
        assertEquals(s.cursorX() + "," + s.cursorY(), t.cursorX() + "," + t.cursorY(), what + ": cursor");
        assertEquals(s.bracketedPaste(), t.bracketedPaste(), what + ": modes");
        assertEquals(s.alternateScreenActive(), false, what);
    }

    private static String noise(Random r, int i) {
        StringBuilder in = new StringBuilder();
        in.append("\u001b[").append(30 + r.nextInt(8)).append('m').append("line ").append(i);
        if (r.nextInt(4) == 0) in.append(' ').append("w".repeat(r.nextInt(130))); // wraps
        if (r.nextInt(5) == 0) in.append("\u001b[44m   \u001b[0m");
        if (r.nextInt(7) == 0) in.append("\u4e2d\u6587e\u0301\u03b1\u0300\u0301\u0302");
        if (r.nextInt(9) == 0) in.append("\u001b[4:3m\u001b[58;2;1;2;3mcurly\u001b[0m");
        in.append("\r\n");
        return in.toString();
    }

    @Test
    void roundsOfHistoryRestoreExactlyThroughEveryChange() throws IOException {
        for (int seed = 1; seed <= 12; seed++) {
            Random r = new Random(seed);
            int limit = 300;
            Screen s = new Screen(50, 12, limit);
            HistoryArchive archive = new HistoryArchive();
            FakeStore store = new FakeStore();
            int line = 0;
            for (int round = 0; round < 40; round++) {
                int n = r.nextInt(4) == 0 ? 1 + r.nextInt(3) : r.nextInt(150);
                for (int i = 0; i < n; i++) s.feed(noise(r, line++));
                switch (r.nextInt(8)) {
                    case 0 -> s.resize(50, 12 + r.nextInt(8)); // more rows: history lines taken back
                    case 1 -> s.resize(50, 12);
                    case 2 -> s.feed("\u001b[H\u001b[2K"); // clears the top line: the newest history line is no longer wrapped
                    case 3 -> { if (r.nextInt(3) == 0) s.feed("\u001b[3J"); } // history cleared
                    default -> { }
                }
                snapshot(s, archive, store);
                HistoryArchive restoredArchive = new HistoryArchive();
                Screen t = store.restore(s.cols(), s.rows(), limit, restoredArchive);
                assertSame(s, t, "seed " + seed + " round " + round);
            }
            assertTrue(line > limit, "the history went past its limit");
        }
    }

    @Test
    void aRestoredArchiveGoesOnStoringOnlyWhatIsNew() throws IOException {
        Random r = new Random(3);
        Screen s = new Screen(80, 24, 1000);
        HistoryArchive archive = new HistoryArchive();
        FakeStore store = new FakeStore();
        for (int i = 0; i < 2500; i++) s.feed(noise(r, i));
        snapshot(s, archive, store);
        int first = store.written;
        assertEquals(s.historySize(), first, "the first round stores every history line once");

        HistoryArchive restored = new HistoryArchive();
        Screen t = store.restore(80, 24, 1000, restored);
        assertSame(s, t, "restored");
        for (int i = 0; i < 30; i++) t.feed(noise(r, 5000 + i));
        int before = store.written;
        snapshot(t, restored, store);
        assertTrue(store.written - before < HistoryArchive.MERGE_BELOW + 30,
                "after a restore only new lines (and a small last chunk) are written: " + (store.written - before));
        assertSame(t, store.restore(80, 24, 1000, new HistoryArchive()), "after more output");

        int quiet = store.written;
        snapshot(t, restored, store);
        assertEquals(quiet, store.written, "nothing new, nothing written");
    }

    @Test
    void missingChunksAreRefused() throws IOException {
        Screen s = new Screen(40, 5, 5000);
        HistoryArchive archive = new HistoryArchive();
        FakeStore store = new FakeStore();
        for (int i = 0; i < 3000; i++) s.feed("line " + i + "\r\n");
        snapshot(s, archive, store);
        assertTrue(store.chunks.size() > 1);
        store.chunks.remove(store.chunks.firstKey() + HistoryArchive.CHUNK_LINES);
        assertThrows(IOException.class, () -> store.restore(40, 5, 5000, new HistoryArchive()));
    }

    @Test
    void corruptChunksAreRefusedNotTrusted() throws IOException {
        Random r = new Random(9);
        Screen s = new Screen(60, 5, 5000);
        for (int i = 0; i < 500; i++) s.feed(noise(r, i));
        HistoryArchive.Round round = new HistoryArchive().prepare(s);
        HistoryChunk good = round.chunks().get(0);
        for (int trial = 0; trial < 200; trial++) {
            byte[] inflated = inflate(good.data());
            inflated[1 + r.nextInt(inflated.length - 1)] ^= (byte) (1 + r.nextInt(255));
            HistoryChunk bad = new HistoryChunk(good.firstLine(), good.lineCount(), deflate(inflated));
            try {
                Screen t = new Screen(60, 5, 5000);
                new HistoryArchive().restore(t, round.historyStart(), round.historyEnd(), List.of(bad));
                t.capture(ALL_ESCAPES); // what was accepted can be shown
                Renderer.renderHistoryAndScreen(t);
            } catch (IOException expected) {
                // refused: fine; a flipped byte inside a character or an attribute may also decode
            }
        }
    }

    private static byte[] inflate(byte[] data) throws IOException {
        try (var in = new java.util.zip.InflaterInputStream(new java.io.ByteArrayInputStream(data))) {
            return in.readAllBytes();
        }
    }

    private static byte[] deflate(byte[] data) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (var d = new java.util.zip.DeflaterOutputStream(out)) {
            d.write(data);
        }
        return out.toByteArray();
    }
}
