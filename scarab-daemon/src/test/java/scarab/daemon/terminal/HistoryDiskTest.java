package scarab.daemon.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scarab.daemon.TestNatives;
import scarab.daemon.session.SessionId;
import scarab.daemon.session.SessionMeta;
import scarab.daemon.store.SessionStore;
import scarab.daemon.store.Snapshot;

/**
 * History on disk (history-disk): a screen that keeps few lines in memory, whose snapshots go to a
 * real store, captures exactly what a screen with a history limit large enough to keep everything
 * captures from the same bytes, over every way history changes (scrolling, lines taken back by a
 * resize, the newest line's wrapped flag cleared, history cleared), with -S and -E counted over
 * the whole history as tmux counts them; and so does the same session restored from the store.
 */
class HistoryDiskTest {
    static {
        TestNatives.keepOutOfTmp();
    }

    private static final int LIMIT = 60;
    private static final int HUGE = 1_000_000;

    @TempDir
    Path dir;
    private SessionStore store;
    /** The pane whose history is stored. */
    private int id;
    private SessionId session;

    @BeforeEach
    void open() {
        store = SessionStore.open(dir.resolve("sessions.db"));
        session = SessionId.random();
        scarab.daemon.store.StoredSession one = scarab.daemon.store.SessionStoreTest.shape(
                new SessionMeta(session, "s", 1, 0, SessionMeta.RUNNING, null, 0));
        id = one.windows().get(0).panes().get(0).id();
        store.saveStructure(one).join();
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** One round of the snapshot thread, as Session runs it: prepare, store, committed, tell the screen. */
    private void snapshot(Screen s, HistoryArchive archive) {
        snapshot(s, archive, () -> { });
    }

    /** A round during which the screen changes ({@code meanwhile}) between its copy and its commit. */
    private void snapshot(Screen s, HistoryArchive archive, Runnable meanwhile) {
        HistoryArchive.Round r = archive.prepare(s);
        meanwhile.run();
        store.saveSnapshot(Snapshot.incremental(id, "/", r.screenReplay(), r.historyStart(), r.historyEnd(), r.keptEnd(),
                r.chunks(), r.diskStart())).join();
        archive.committed(r);
        s.historyStored(r.historyEnd(), r.diskStart());
    }

    private List<String> capture(Screen s, CaptureOptions o) {
        return s.captureView(o).readingStoredLinesFrom((from, to) -> store.loadHistoryChunks(id, from, to)).capture();
    }

    /** The session as a new daemon loads it. */
    private Screen restore(int cols, int rows, long limitBytes, HistoryArchive into) throws IOException {
        Snapshot snap = store.loadSnapshot(id).orElseThrow();
        Screen t = new Screen(cols, rows, LIMIT, limitBytes, true);
        into.restore(t, snap.historyStart(), snap.historyEnd(), snap.chunks(), snap.storedChunks());
        t.feed(snap.replay());
        return t;
    }

    private static String noise(Random r, int i) {
        StringBuilder in = new StringBuilder();
        in.append("\u001b[").append(30 + r.nextInt(8)).append('m').append("line ").append(i);
        if (r.nextInt(4) == 0) in.append(' ').append("w".repeat(r.nextInt(130))); // wraps
        if (r.nextInt(7) == 0) in.append("\u4e2d\u6587e\u0301\u03b1\u0300\u0301\u0302");
        in.append("\r\n");
        return in.toString();
    }

    private void assertCapturesLike(Screen reference, Screen s, Random r, String what) {
        long total = reference.historySize();
        List<CaptureOptions> options = new java.util.ArrayList<>(List.of(
                new CaptureOptions(true, Integer.MIN_VALUE, null, false, false),
                new CaptureOptions(false, Integer.MIN_VALUE, Integer.MAX_VALUE, true, false),
                CaptureOptions.visible()));
        for (int k = 0; k < 4; k++) {
            int start = -r.nextInt((int) total + 20);
            int end = r.nextBoolean() ? -r.nextInt((int) total + 5) : r.nextInt(14);
            options.add(new CaptureOptions(r.nextBoolean(), start, end, false, false));
        }
        for (CaptureOptions o : options) {
            assertEquals(reference.capture(o), capture(s, o), what + " " + o);
        }
    }

    @Test
    void storedHistoryCapturesAsIfAllWereInMemoryAndRestoresSo() throws IOException {
        for (int seed = 1; seed <= 6; seed++) {
            Random r = new Random(seed);
            Screen reference = new Screen(50, 12, HUGE, Long.MAX_VALUE);
            Screen s = new Screen(50, 12, LIMIT, Long.MAX_VALUE, true);
            HistoryArchive archive = new HistoryArchive(Long.MAX_VALUE);
            int line = 0;
            for (int round = 0; round < 30; round++) {
                // Up to one and a half times the limit a round: memory holds the lines not stored
                // yet up to twice its limit, so none is lost; a round's chunk can then reach past
                // what memory keeps, and a resize taking lines back cuts it.
                int n = r.nextInt(4) == 0 ? 1 + r.nextInt(3) : r.nextInt(LIMIT * 3 / 2 - 20);
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < n; i++) out.append(noise(r, line++));
                String change = switch (r.nextInt(6)) {
                    case 0 -> "\u001b[H\u001b[2K"; // the newest history line is no longer wrapped
                    case 1 -> r.nextInt(4) == 0 ? "\u001b[3J" : ""; // history cleared, on disk too
                    default -> "";
                };
                int rows = r.nextInt(3) == 0 ? 12 + r.nextInt(8) : s.rows();
                Screen[] both = {reference, s};
                Runnable changes = () -> {
                    for (Screen x : both) {
                        x.feed(change);
                        x.resize(50, rows); // more rows: history lines (stored ones too) taken back
                    }
                };
                int when = r.nextInt(3); // before the new lines, after them, or during the round's store
                if (when == 0) changes.run();
                for (Screen x : both) x.feed(out.toString());
                if (when == 1) changes.run();
                snapshot(s, archive, when == 2 ? changes : () -> { });
                assertTrue(s.historySize() <= 2 * LIMIT, "memory keeps to its bounds: " + s.historySize());
                assertCapturesLike(reference, s, r, "seed " + seed + " round " + round);
                if (round % 5 == 4) {
                    // what a new daemon would load, and it goes on storing from there (after a round
                    // that stores what changed during the last one)
                    snapshot(s, archive);
                    archive = new HistoryArchive(Long.MAX_VALUE);
                    s = restore(s.cols(), s.rows(), Long.MAX_VALUE, archive);
                    assertCapturesLike(reference, s, r, "restored, seed " + seed + " round " + round);
                }
            }
            assertTrue(line > 5 * LIMIT, "most of the history left memory");
        }
    }

    /**
     * Copy mode over a history mostly on disk (ScreenLines reading the stored chunks) sees the
     * lines a screen that kept everything in memory has: every line's cells, wrapped flag and
     * length, and the text a selection of the whole history copies; also after a restore.
     */
    @Test
    void copyModeReadsStoredLinesAsIfInMemory() throws IOException {
        Random r = new Random(11);
        Screen reference = new Screen(50, 12, HUGE, Long.MAX_VALUE);
        Screen s = new Screen(50, 12, LIMIT, Long.MAX_VALUE, true);
        HistoryArchive archive = new HistoryArchive(Long.MAX_VALUE);
        for (int round = 0; round < 12; round++) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < 70; i++) out.append(noise(r, round * 70 + i));
            reference.feed(out.toString());
            s.feed(out.toString());
            snapshot(s, archive);
        }
        assertTrue(s.historySize() < reference.historySize() / 4, "most lines left memory: " + s.historySize());
        HistorySource stored = (from, to) -> store.loadHistoryChunks(id, from, to);
        assertCopiesLike(reference, s.lines().readingStoredLinesFrom(stored), "stored");
        snapshot(s, archive);
        Screen restored = restore(50, 12, Long.MAX_VALUE, new HistoryArchive(Long.MAX_VALUE));
        assertCopiesLike(reference, restored.lines().readingStoredLinesFrom(stored), "restored");
    }

    private static void assertCopiesLike(Screen reference, ScreenLines ours, String what) {
        ScreenLines theirs = reference.lines();
        assertEquals(theirs.size(), ours.size(), what + ": lines");
        assertEquals(theirs.historySize(), ours.historySize(), what + ": history");
        for (long y = 0; y < theirs.size(); y++) {
            LineView a = theirs.line(y);
            LineView b = ours.line(y);
            StringBuilder ta = new StringBuilder();
            StringBuilder tb = new StringBuilder();
            for (int x = 0; x < 50; x++) {
                ta.append(a.text(x)).append(a.width(x));
                tb.append(b.text(x)).append(b.width(x));
            }
            assertEquals(ta.toString() + a.wrapped() + a.used(), tb.toString() + b.wrapped() + b.used(), what + ": line " + y);
        }
        String[] copied = new String[2];
        ScreenLines[] both = {theirs, ours};
        for (int i = 0; i < 2; i++) {
            int k = i;
            scarab.daemon.copy.CopyMode mode = new scarab.daemon.copy.CopyMode(both[i], true,
                    new scarab.daemon.copy.CopyTarget() {
                        @Override
                        public void copy(byte[] text) {
                            copied[k] = new String(text, java.nio.charset.StandardCharsets.UTF_8);
                        }

                        @Override
                        public void append(byte[] text) {
                            copy(text);
                        }
                    });
            mode.command("history-top");
            mode.command("begin-selection");
            mode.command("history-bottom");
            assertEquals(String.valueOf(both[i].historySize()), mode.positionIndicator().replaceAll("\\[0/(\\d+)\\]", "$1"));
            assertEquals(scarab.daemon.copy.CopyMode.Action.CANCEL, mode.command("copy-selection-and-cancel"));
        }
        assertTrue(copied[0].length() > 10_000, what + ": the whole history was copied");
        assertEquals(copied[0], copied[1], what + ": the copied text");
    }

    @Test
    void historyBytesPushesLinesToDiskToo() throws IOException {
        Random r = new Random(5);
        Screen reference = new Screen(80, 10, HUGE, Long.MAX_VALUE);
        Screen s = new Screen(80, 10, HUGE, 16 << 10, true); // 16 KB of lines in memory
        HistoryArchive archive = new HistoryArchive(Long.MAX_VALUE);
        for (int round = 0; round < 20; round++) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < 40; i++) out.append(noise(r, round * 40 + i));
            reference.feed(out.toString());
            s.feed(out.toString());
            snapshot(s, archive);
            assertTrue(s.historyBytesUsed() <= 32 << 10, "memory keeps to twice its bound: " + s.historyBytesUsed());
        }
        assertTrue(s.historySize() < reference.historySize() / 2, "most lines left memory: " + s.historySize());
        assertCapturesLike(reference, s, r, "bytes bound");
        assertCapturesLike(reference, restore(80, 10, 16 << 10, new HistoryArchive(Long.MAX_VALUE)), r, "restored");
    }

    @Test
    void theDiskBoundDropsTheOldestStoredLines() {
        Random r = new Random(7);
        Screen reference = new Screen(60, 8, HUGE, Long.MAX_VALUE);
        Screen s = new Screen(60, 8, LIMIT, Long.MAX_VALUE, true);
        long bound = 8 << 10;
        HistoryArchive archive = new HistoryArchive(bound);
        for (int round = 0; round < 60; round++) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < 40; i++) out.append("numbered line ").append(round * 40 + i).append(' ')
                    .append(Long.toHexString(r.nextLong())).append("\r\n");
            reference.feed(out.toString());
            s.feed(out.toString());
            snapshot(s, archive);
        }
        List<String> all = reference.capture(CaptureOptions.all());
        List<String> kept = capture(s, CaptureOptions.all());
        assertTrue(kept.size() > LIMIT + 8 && kept.size() < all.size() / 2, "the disk keeps some, not all: " + kept.size());
        assertEquals(all.subList(all.size() - kept.size(), all.size()), kept, "the newest lines, without a gap");
        long stored = store.loadSnapshot(id).orElseThrow().storedChunks().stream().mapToLong(ChunkExtent::bytes).sum();
        assertTrue(stored <= bound, "the chunks take " + stored + " bytes, over " + bound);
    }

    @Test
    void withoutAStoreInTimeMemoryStillKeepsToTwiceItsBoundsAndTheRestIsContiguous() {
        Screen reference = new Screen(40, 5, HUGE, Long.MAX_VALUE);
        Screen s = new Screen(40, 5, LIMIT, Long.MAX_VALUE, true);
        HistoryArchive archive = new HistoryArchive(Long.MAX_VALUE);
        for (int round = 0; round < 3; round++) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < 500; i++) out.append("flood ").append(round * 500 + i).append("\r\n");
            reference.feed(out.toString());
            s.feed(out.toString());
            assertTrue(s.historySize() <= 2 * LIMIT, "memory keeps to twice its bound: " + s.historySize());
            assertTrue(s.historyWaitingForStore(), "the snapshot thread is asked to hurry");
            snapshot(s, archive);
        }
        List<String> all = reference.capture(CaptureOptions.all());
        List<String> kept = capture(s, CaptureOptions.all());
        assertEquals(all.subList(all.size() - kept.size(), all.size()), kept, "what is kept has no gap");
    }

    @Test
    void killingTheSessionDeletesItsHistoryOnDisk() {
        Screen s = new Screen(40, 5, LIMIT, Long.MAX_VALUE, true);
        HistoryArchive archive = new HistoryArchive(Long.MAX_VALUE);
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 50; i++) s.feed("line " + (round * 50 + i) + "\r\n");
            snapshot(s, archive);
        }
        assertTrue(s.historySize() < 200, "history left memory: " + s.historySize());
        assertEquals("line 0", capture(s, CaptureOptions.all()).get(0), "and is read from the store");
        store.delete(session).join();
        assertEquals(List.of(), store.loadHistoryChunks(id, 0, Long.MAX_VALUE));
    }
}
