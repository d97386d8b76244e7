package scarab.daemon.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** render(screen) fed into a fresh screen reproduces cells, attributes, cursor and modes. */
class RendererPropertyTest {

    /** Full comparable description of a screen's state (visible cells, cursor, modes, pen, saved state...). */
    static String state(Screen s) {
        StringBuilder sb = new StringBuilder();
        sb.append("size ").append(s.cols).append('x').append(s.rows).append('\n');
        sb.append("cursor ").append(s.cx).append(',').append(s.cy).append(" mode ").append(Integer.toHexString(s.mode))
                .append(" region ").append(s.rupper).append('-').append(s.rlower).append('\n');
        sb.append("pen ").append(Long.toHexString(s.pen)).append(' ').append(s.penUs).append(" cs ").append(s.charsetSet)
                .append(s.g0).append(s.g1).append('\n');
        sb.append("saved ").append(Math.min(s.savedCx, s.cols - 1)).append(',').append(s.savedCy).append(' ')
                .append(Long.toHexString(s.savedPen)).append(' ').append(s.savedUs).append(' ').append(s.savedSet)
                .append(s.savedG0).append(s.savedG1).append(' ').append(s.savedMode & Screen.MODE_ORIGIN).append('\n');
        sb.append("title ").append(s.title()).append(" style ").append(s.cursorStyle).append('\n');
        sb.append("tabs ").append(Arrays.toString(s.tabs)).append('\n');
        sb.append("alt ").append(s.alternateScreenActive()).append('\n');
        if (s.altSaved != null) {
            sb.append("altcursor ").append(s.altSavedCx).append(',').append(s.altSavedCy).append(' ')
                    .append(Long.toHexString(s.altSavedPen)).append('\n');
            lines(sb, s.altSaved, s.cols);
        } else if (s.altSavedCx != -1) {
            sb.append("altcursor ").append(Math.min(s.altSavedCx, s.cols - 1)).append(',').append(s.altSavedCy).append('\n');
        }
        lines(sb, s.lines, s.cols);
        return sb.toString();
    }

    static void lines(StringBuilder sb, Line[] lines, int cols) {
        for (int y = 0; y < lines.length; y++) {
            Line l = lines[y];
            sb.append(y).append(':');
            for (int x = 0; x < cols; x++) {
                int c = l.cp(x);
                if (c == 0) c = ' ';
                long a = l.attr(x);
                sb.append(c == Line.PADDING ? "~" : new String(Character.toChars(c)));
                int[] cb = l.comb(x);
                if (cb != null) for (int k : cb) sb.appendCodePoint(k);
                if (a != 0 || l.us(x) != 0) sb.append('{').append(Long.toHexString(a)).append('/').append(l.us(x)).append('}');
            }
            sb.append('\n');
        }
    }

    static void assertRoundTrip(Screen s, String name) {
        byte[] r = Renderer.render(s);
        Screen t = new Screen(s.cols(), s.rows(), 1000);
        t.feed(r);
        assertEquals(state(s), state(t), name);
        assertEquals(s.capture(CaptureOptions.visible()), t.capture(CaptureOptions.visible()), name + " capture");
    }

    @TestFactory
    Stream<DynamicTest> randomScreensRoundTrip() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int seed = 1; seed <= 150; seed++) {
            final int sd = seed;
            tests.add(DynamicTest.dynamicTest("seed " + seed, () -> {
                int cols = 10 + (sd * 7) % 90, rows = 3 + (sd * 5) % 30;
                Screen s = new Screen(cols, rows, 100);
                s.feed(TortureCases.RandomSequences.generate(sd, 50 + sd * 10, true));
                assertRoundTrip(s, "seed " + sd);
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> tortureCasesRoundTrip() {
        List<DynamicTest> tests = new ArrayList<>();
        for (TmuxOracle.Case c : TortureCases.all()) {
            tests.add(DynamicTest.dynamicTest(c.name(), () -> {
                Screen s = new Screen(c.cols(), c.rows(), 1000);
                s.feed(TmuxOracle.onlcr(c.bytes()));
                assertRoundTrip(s, c.name());
            }));
        }
        return tests.stream();
    }

    @Test
    void historyAndScreenRoundTrip() {
        for (int seed = 1; seed <= 40; seed++) {
            Screen s = new Screen(40, 10, 500);
            StringBuilder in = new StringBuilder();
            java.util.Random r = new java.util.Random(seed);
            for (int i = 0; i < 30 + seed * 5; i++) {
                in.append("\u001b[").append(30 + r.nextInt(8)).append('m').append("line ").append(i);
                if (r.nextInt(4) == 0) in.append(" ").append("w".repeat(r.nextInt(90)));
                if (r.nextInt(5) == 0) in.append("\u001b[44m   \u001b[0m");
                if (r.nextInt(7) == 0) in.append("\u4e2d\u6587e\u0301");
                in.append("\r\n");
            }
            in.append("\u001b[0mprompt$ \u001b[?2004h");
            s.feed(in.toString());
            Screen t = new Screen(40, 10, 500);
            t.feed(Renderer.renderHistoryAndScreen(s));
            CaptureOptions all = new CaptureOptions(true, Integer.MIN_VALUE, null, false, false);
            assertEquals(s.capture(all), t.capture(all), "seed " + seed);
            assertEquals(s.capture(new CaptureOptions(false, Integer.MIN_VALUE, null, true, false)),
                    t.capture(new CaptureOptions(false, Integer.MIN_VALUE, null, true, false)), "joined seed " + seed);
            assertEquals(s.historySize(), t.historySize());
            assertEquals(s.cursorX() + "," + s.cursorY(), t.cursorX() + "," + t.cursorY());
            assertEquals(s.bracketedPaste(), t.bracketedPaste());
        }
    }
}
