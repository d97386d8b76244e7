package scarab.daemon.terminal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One feature per test, exact cells and cursor. */
class ScreenTest {
    static Screen feed(int cols, int rows, String text) {
        Screen s = new Screen(cols, rows, 100);
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        new VtParser(s).feed(b, 0, b.length);
        return s;
    }

    static String[] screen(Screen s) {
        return s.capture(CaptureOptions.visible()).toArray(String[]::new);
    }

    static void cursor(Screen s, int x, int y) {
        assertEquals(x + "," + y, s.cursorX() + "," + s.cursorY(), "cursor");
    }

    @Test
    void autowrapAndPendingWrap() {
        Screen s = feed(5, 3, "abcde");
        cursor(s, 5, 0); // pending: at the width
        s = feed(5, 3, "abcdef");
        assertArrayEquals(new String[] {"abcde", "f", ""}, screen(s));
        assertTrue(s.line(0).wrapped());
        cursor(s, 1, 1);
        s = feed(5, 3, "\033[?7labcdefg");
        assertArrayEquals(new String[] {"abcdg", "", ""}, screen(s));
        cursor(s, 4, 0);
    }

    @Test
    void cursorMotionIsClamped() {
        Screen s = feed(10, 5, "\033[3;4H");
        cursor(s, 3, 2);
        byte[] moves = "\033[10A\033[20C\033[B\033[2D".getBytes();
        new VtParser(s).feed(moves, 0, moves.length);
        cursor(s, 7, 1);
        s = feed(10, 5, "\033[5G\033[4d\033[2E\033[F");
        cursor(s, 0, 3);
    }

    @Test
    void scrollRegionAndOriginMode() {
        Screen s = feed(10, 5, "1\n2\n3\n4\n5".replace("\n", "\r\n") + "\033[2;4r\033[?6h\033[1;1HX\033[9;1HY");
        assertArrayEquals(new String[] {"1", "X", "3", "Y", "5"}, screen(s));
        new VtParser(s).feed("\r\n".getBytes(), 0, 2);
        assertArrayEquals(new String[] {"1", "3", "Y", "", "5"}, screen(s));
    }

    @Test
    void insertAndDeleteLinesAndCharacters() {
        Screen s = feed(6, 4, "aaaaaa\r\nbbbbbb\r\ncccccc\033[2;1H\033[L");
        assertArrayEquals(new String[] {"aaaaaa", "", "bbbbbb", "cccccc"}, screen(s));
        new VtParser(s).feed("\033[M\033[M".getBytes(), 0, 6);
        assertArrayEquals(new String[] {"aaaaaa", "cccccc", "", ""}, screen(s));
        s = feed(8, 1, "abcdefgh\033[3G\033[2@");
        assertArrayEquals(new String[] {"ab  cdef"}, screen(s));
        new VtParser(s).feed("\033[3P".getBytes(), 0, 4);
        assertArrayEquals(new String[] {"abdef"}, screen(s));
        new VtParser(s).feed("\033[1G\033[2X".getBytes(), 0, 8);
        assertArrayEquals(new String[] {"  def"}, screen(s));
    }

    @Test
    void eraseInDisplayAndLine() {
        Screen s = feed(4, 3, "aaaa\r\nbbbb\r\ncccc\033[2;3H\033[K");
        assertArrayEquals(new String[] {"aaaa", "bb", "cccc"}, screen(s));
        new VtParser(s).feed("\033[1K".getBytes(), 0, 4);
        assertArrayEquals(new String[] {"aaaa", "", "cccc"}, screen(s));
        new VtParser(s).feed("\033[J".getBytes(), 0, 3);
        assertArrayEquals(new String[] {"aaaa", "", ""}, screen(s));
    }

    @Test
    void clearingTheScreenKeepsItsLinesInHistory() {
        Screen s = feed(10, 3, "one\r\ntwo\033[2J");
        assertEquals(2, s.historySize());
        assertEquals(List.of("one", "two", "", "", ""), s.capture(CaptureOptions.all()));
        new VtParser(s).feed("\033[3J".getBytes(), 0, 4);
        assertEquals(0, s.historySize());
    }

    @Test
    void historyLimitDropsTheOldestTenthAtOnceLikeTmux() {
        Screen s = new Screen(10, 2, 10);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            b.append(i).append("\r\n");
        }
        byte[] bytes = b.toString().getBytes();
        new VtParser(s).feed(bytes, 0, bytes.length);
        // 11 lines scrolled off; at the limit a tenth (1 line) is dropped before each new one.
        assertEquals(10, s.historySize());
        assertEquals("1", s.capture(CaptureOptions.all()).get(0));
    }

    @Test
    void tabStops() {
        Screen s = feed(30, 2, "\tA\033[3g\033[4G\033H\r\tB\033[Z\033[ZC");
        assertArrayEquals(new String[] {"C  B    A", ""}, screen(s));
    }

    @Test
    void sgrColorsInAllForms() {
        Screen s = feed(10, 1, "\033[1;31mA\033[38;5;200mB\033[38:2::1:2:3mC\033[48;2;4;5;6mD\033[0mE");
        Line l = s.line(0);
        assertEquals(Attr.palette(1), Attr.fg(l.attr(0)));
        assertTrue((l.attr(0) & Attr.BOLD) != 0);
        assertEquals(Attr.palette(200), Attr.fg(l.attr(1)));
        assertEquals(Attr.rgb(1, 2, 3), Attr.fg(l.attr(2)));
        assertEquals(Attr.rgb(4, 5, 6), Attr.bg(l.attr(3)));
        assertEquals(0, l.attr(4));
    }

    @Test
    void saveRestoreCursorKeepsAttributesAndCharset() {
        Screen s = feed(10, 3, "\033[2;3H\033[1m\033(0\0337\033[H\033[0m\033(Bx\0338q");
        cursor(s, 3, 1);
        assertTrue((s.line(1).attr(2) & Attr.BOLD) != 0);
        assertTrue((s.line(1).attr(2) & Attr.CHARSET) != 0);
    }

    @Test
    void alternateScreenKeepsTheMainOne() {
        Screen s = feed(10, 3, "main\033[?1049hALT");
        assertTrue(s.alternateScreenActive());
        assertArrayEquals(new String[] {"    ALT", "", ""}, screen(s), "entering keeps the cursor where it was");
        new VtParser(s).feed("\033[?1049l".getBytes(), 0, 8);
        assertFalse(s.alternateScreenActive());
        assertArrayEquals(new String[] {"main", "", ""}, screen(s));
        cursor(s, 4, 0);
    }

    @Test
    void modesForRedraw() {
        Screen s = feed(10, 3, "\033[?1h\033=\033[?2004h\033[?1002h\033[?1006h\033[?1004h\033[?25l");
        assertTrue(s.applicationCursorKeys());
        assertTrue(s.applicationKeypad());
        assertTrue(s.bracketedPaste());
        assertEquals(1002, s.mouseMode());
        assertTrue(s.mouseSgr());
        assertTrue(s.focusEvents());
        assertFalse(s.cursorVisible());
    }

    @Test
    void titleFromOsc() {
        assertEquals("build: ok", feed(10, 2, "\033]2;build: ok\007").title());
        assertEquals("zero", feed(10, 2, "\033]0;zero\033\\").title());
    }

    @Test
    void wideAndCombiningCharacters() {
        Screen s = feed(5, 3, "ab中\u0301cd中");
        assertArrayEquals(new String[] {"ab中\u0301c", "d中", ""}, screen(s));
        assertEquals(Line.WIDE_TAIL, s.line(0).cp(3));
        s = feed(5, 2, "abcd中");
        assertArrayEquals(new String[] {"abcd", "中"}, screen(s), "a wide char at the last column wraps");
    }

    @Test
    void queriesAreAnswered() {
        Screen s = feed(10, 5, "\033[3;4H\033[6n\033[5n\033[c\033[>c\033[?2004$p");
        assertEquals("\033[3;4R\033[0n\033[?1;2c\033[>84;0;0c\033[?2004;2$y", new String(s.takeReplies(), StandardCharsets.US_ASCII));
        assertNull(s.takeReplies());
    }

    @Test
    void resizeKeepsContentAndPushesOffTopRowsToHistory() {
        Screen s = feed(6, 4, "1\r\n2\r\n3\r\n4");
        s.resize(3, 2);
        assertArrayEquals(new String[] {"3", "4"}, screen(s));
        assertEquals(2, s.historySize());
        s.resize(6, 4);
        assertArrayEquals(new String[] {"1", "2", "3", "4"}, screen(s), "a taller screen takes its lines back");
        s = feed(6, 4, "abcdef");
        s.resize(3, 4);
        assertArrayEquals(new String[] {"abc", "", "", ""}, screen(s));
    }

    @Test
    void decGraphicsKeepTheirLettersAsTmuxDoes() {
        Screen s = feed(10, 1, "\033(0lqk\033(Bq");
        assertArrayEquals(new String[] {"lqkq"}, screen(s));
        assertTrue((s.line(0).attr(0) & Attr.CHARSET) != 0);
        assertFalse((s.line(0).attr(3) & Attr.CHARSET) != 0);
    }

    @Test
    void idleScreenIsSmall() {
        Screen s = feed(80, 24, "$ ");
        assertTrue(s.footprint() < 8 * 1024, "an idle 80x24 screen costs " + s.footprint() + " bytes");
    }
}
