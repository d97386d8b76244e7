package scarab.daemon.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Reflow on resize against a live tmux 3.3a: generated output (long lines, wide characters,
 * combining marks, colours, lines of exactly the width, empty lines, a cursor left inside a line)
 * printed into a pane, then a sequence of resizes (with more output between some of them, and the
 * alternate screen in some cases), and the history and screen ({@code capture-pane -p -S -}, plain
 * and with {@code -e}) and the cursor compared with Scarab's screen given the same steps.
 *
 * <p>Seeds: a few fixed ones and one new each run ({@code -Dscarab.reflow.rounds=N}: N new ones);
 * {@code -Dscarab.reflow.seed=N} replays one.
 */
class ReflowTmuxTest {
    private static final int CASES_PER_SEED = 6;
    private static TmuxResizeOracle tmux;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(TmuxOracle.available(), "the reflow tests need tmux 3.3a on PATH");
        tmux = new TmuxResizeOracle();
    }

    @AfterAll
    static void stop() {
        if (tmux != null) tmux.close();
    }

    @TestFactory
    Stream<DynamicTest> reflowMatchesTmux() {
        List<Long> seeds = new ArrayList<>();
        Long fixed = Long.getLong("scarab.reflow.seed");
        if (fixed != null) {
            seeds.add(fixed);
        } else {
            seeds.addAll(List.of(1L, 2L, 3L, 4L));
            long first = System.nanoTime();
            for (int i = 0; i < Integer.getInteger("scarab.reflow.rounds", 1); i++) seeds.add(first + i);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (long seed : seeds) {
            Random random = new Random(seed);
            for (int i = 0; i < CASES_PER_SEED; i++) {
                int cols = 2 + random.nextInt(40);
                int rows = 2 + random.nextInt(14);
                List<TmuxResizeOracle.Step> steps = steps(random, cols, rows);
                String name = "seed " + seed + " case " + i + ": " + cols + "x" + rows + " " + steps;
                tests.add(DynamicTest.dynamicTest(name, () -> compare(name, cols, rows, steps)));
            }
        }
        return tests.stream();
    }

    private static void compare(String name, int cols, int rows, List<TmuxResizeOracle.Step> steps) throws Exception {
        TmuxResizeOracle.Result want = tmux.run(cols, rows, steps);
        Screen s = new Screen(cols, rows, TmuxOracle.HISTORY_LIMIT);
        for (TmuxResizeOracle.Step step : steps) {
            if (step.isOutput()) s.feed(TmuxOracle.onlcr(step.bytes()));
            else s.resize(step.cols(), step.rows());
        }
        assertEquals(want.size(), s.cols() + "x" + s.rows(), name + ": size");
        assertEquals(String.join("\n", want.all()), String.join("\n", s.capture(CaptureOptions.all())),
                name + ": history and screen");
        assertEquals(String.join("\n", want.allEscapes()),
                String.join("\n", s.capture(CaptureOptions.all().withEscapes(true))), name + ": with -e");
        assertEquals(want.cursorX() + "," + want.cursorY(), s.rawCursorX() + "," + s.cursorY(), name + ": cursor");
    }

    /** Output, then resizes (narrower and wider, rows too), sometimes more output or the alternate screen between. */
    static List<TmuxResizeOracle.Step> steps(Random r, int cols, int rows) {
        List<TmuxResizeOracle.Step> steps = new ArrayList<>();
        steps.add(TmuxResizeOracle.Step.output(text(r, cols, 1 + r.nextInt(3 * rows + 4))));
        boolean alternate = r.nextInt(4) == 0;
        if (alternate) {
            steps.add(TmuxResizeOracle.Step.output(("\033[?1049h" + new String(text(r, cols, 1 + r.nextInt(rows)),
                    StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
        }
        int resizes = 1 + r.nextInt(4);
        for (int i = 0; i < resizes; i++) {
            int c = 2 + r.nextInt(2 * cols + 2);
            int h = r.nextInt(3) == 0 ? rows : 2 + r.nextInt(2 * rows);
            steps.add(TmuxResizeOracle.Step.resize(c, h));
            if (r.nextInt(4) == 0) steps.add(TmuxResizeOracle.Step.output(text(r, c, 1 + r.nextInt(4))));
        }
        if (alternate) {
            steps.add(TmuxResizeOracle.Step.output("\033[?1049l".getBytes(StandardCharsets.UTF_8)));
            if (r.nextBoolean()) steps.add(TmuxResizeOracle.Step.resize(2 + r.nextInt(2 * cols + 2), 2 + r.nextInt(2 * rows)));
        }
        return steps;
    }

    private static final String[] SGR = {"\033[1m", "\033[31m", "\033[4;38;5;200m", "\033[48;2;10;20;30m", "\033[7;32m",
            "\033[0m", "\033[0m"};

    /** Lines of generated text, the last one not always ended (the cursor stays on it, sometimes moved back into it). */
    static byte[] text(Random r, int cols, int lines) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            int kind = r.nextInt(10);
            int len;
            if (kind == 0) len = 0;
            else if (kind == 1) len = cols;
            else if (kind == 2) len = 2 * cols;
            else len = r.nextInt(3 * cols + 1);
            boolean wide = r.nextInt(3) == 0;
            int width = 0;
            while (width < len) {
                int k = r.nextInt(20);
                if (k == 0) {
                    b.append(SGR[r.nextInt(SGR.length)]);
                } else if (wide && k < 6) {
                    b.appendCodePoint(0x4e00 + r.nextInt(500));
                    width += 2;
                } else if (k == 6) {
                    b.append('e').append('\u0301');
                    width++;
                } else if (k == 7) {
                    b.append(' ');
                    width++;
                } else {
                    b.append((char) ('a' + r.nextInt(26)));
                    width++;
                }
            }
            // The pen is reset before a newline: a line scrolled in while the pen has a background
            // is filled with it past its text, which a history line does not keep (a known
            // difference, docs/architecture.md "Reflow on resize").
            if (i < lines - 1 || r.nextInt(3) == 0) b.append("\033[0m\n");
        }
        if (r.nextInt(4) == 0) b.append("\033[").append(1 + r.nextInt(cols)).append('D');
        if (r.nextInt(6) == 0) b.append("\033[A");
        b.append("\033[0m");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
