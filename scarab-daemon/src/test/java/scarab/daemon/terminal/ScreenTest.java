package scarab.daemon.terminal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScreenTest {
    static final String E = "\u001b", CSI = "\u001b[";

    /** Unit tests cover the xterm features too (CHT, HPR, VPR, DECSTR, 1048), off in the default tmux-strict mode. */
    static Screen screen(int cols, int rows, String input) {
        Screen s = new Screen(cols, rows, 100);
        s.setTmuxStrict(false);
        s.feed(input.replace("\n", "\r\n")); // like a tty with ONLCR
        return s;
    }

    static void rows(Screen s, String... expected) {
        List<String> got = s.capture(CaptureOptions.visible());
        String[] exp = Arrays.copyOf(expected, s.rows());
        for (int i = 0; i < exp.length; i++) if (exp[i] == null) exp[i] = "";
        assertEquals(String.join("\n", exp), String.join("\n", got));
    }

    static void cursor(Screen s, int x, int y) {
        assertEquals(x + "," + y, s.cursorX() + "," + s.cursorY(), "cursor");
    }

    @Test
    void printAutowrapAndPendingWrap() {
        Screen s = screen(5, 3, "abcde");
        rows(s, "abcde");
        cursor(s, 4, 0);
        assertTrue(s.pendingWrap());
        s.feed("f");
        rows(s, "abcde", "f");
        cursor(s, 1, 1);
        s = screen(5, 3, "abcde\rX");
        rows(s, "Xbcde");
        s = screen(5, 3, "abcdefghijklm");
        rows(s, "abcde", "fghij", "klm");
        s.feed("nopqr");
        rows(s, "fghij", "klmno", "pqr");
        assertEquals(1, s.historySize());
        assertEquals(List.of("abcdefghijklmnopqr"), s.capture(new CaptureOptions(false, Integer.MIN_VALUE, null, true, false)));
    }

    /** The capture is made a line at a time (sent in pieces as it is made): the same lines, then no more. */
    @Test
    void captureLinesComeOneAtATime() {
        Screen s = screen(5, 3, "abcdefghijklm"); // abcde, fghij wrapped; klm
        assertEquals(List.of("abcdefghij"), s.capture(new CaptureOptions(false, null, 1, true, false)),
                "-J ending on a wrapped row: the rows joined so far are the last line");
        Screen.CaptureView view = s.captureView(new CaptureOptions(false, null, null, false, false));
        StringBuilder line = new StringBuilder("> ");
        List<String> lines = new java.util.ArrayList<>();
        while (view.nextLine(line)) {
            lines.add(line.toString());
            line.setLength(2);
        }
        assertEquals(List.of("> abcde", "> fghij", "> klm"), lines, "each appended to what the buffer holds");
        assertFalse(view.nextLine(line));
        assertEquals("> ", line.toString(), "nothing appended after the last line");
    }

    @Test
    void decawmOff() {
        Screen s = screen(5, 2, CSI + "?7labcdefg");
        rows(s, "abcdg");
        cursor(s, 4, 0);
        assertFalse(s.autoWrap());
        s.feed(CSI + "?7h\r\nxy");
        rows(s, "abcdg", "xy");
    }

    @Test
    void cursorMotion() {
        Screen s = screen(20, 10, CSI + "5;6H");
        cursor(s, 5, 4);
        s.feed(CSI + "2A"); cursor(s, 5, 2);
        s.feed(CSI + "3B"); cursor(s, 5, 5);
        s.feed(CSI + "4C"); cursor(s, 9, 5);
        s.feed(CSI + "2D"); cursor(s, 7, 5);
        s.feed(CSI + "E"); cursor(s, 0, 6);
        s.feed(CSI + "3;7H" + CSI + "2F"); cursor(s, 0, 0);
        s.feed(CSI + "12G"); cursor(s, 11, 0);
        s.feed(CSI + "4`"); cursor(s, 3, 0);
        s.feed(CSI + "8d"); cursor(s, 3, 7);
        s.feed(CSI + "2;3f"); cursor(s, 2, 1);
        s.feed(CSI + "3a"); cursor(s, 5, 1);     // HPR
        s.feed(CSI + "2e"); cursor(s, 5, 3);     // VPR
        s.feed(CSI + "99;99H"); cursor(s, 19, 9);
        s.feed(CSI + "0;0H"); cursor(s, 0, 0);
        s.feed(CSI + "99A" + CSI + "99D"); cursor(s, 0, 0);
    }

    @Test
    void indexNextLineReverseIndex() {
        Screen s = screen(10, 3, "a" + E + "Db" + E + "Ec");
        rows(s, "a", " b", "c");
        s.feed(CSI + "H" + E + "Mtop");
        rows(s, "top", "a", " b");
        s.feed(CSI + "3;1H" + E + "D");
        rows(s, "a", " b", "");
        assertEquals(1, s.historySize());
    }

    @Test
    void c0Controls() {
        Screen s = new Screen(20, 5, 10);
        s.feed("ab\bX\rY\nc\u000bd\u000ce"); // raw LF/VT/FF: line feed without carriage return
        rows(s, "YX", " c", "  d", "   e");
        s = screen(30, 2, "a\tb\tc");
        rows(s, "a       b       c");
        cursor(s, 17, 0);
        s = screen(10, 2, "\t\t\t\tx");
        rows(s, "         x");
    }

    @Test
    void tabStops() {
        Screen s = screen(40, 3, CSI + "3g" + CSI + "4G" + E + "H" + CSI + "11G" + E + "H\r\tA\tB\tC");
        String first = "   A      B" + " ".repeat(28) + "C";
        rows(s, first);
        s.feed("\r\n" + CSI + "2I" + "D");      // CHT
        rows(s, first, "          D");
        s.feed(CSI + "2Z" + "E");               // CBT
        rows(s, first, "   E      D");
        s.feed(CSI + "11G" + CSI + "g\r\n\t\tF");   // TBC 0 clears the stop at column 11
        rows(s, first, "   E      D", " ".repeat(39) + "F");
    }

    @Test
    void scrollRegionAndOrigin() {
        Screen s = screen(10, 6, "0\n1\n2\n3\n4\n5" + CSI + "2;4r");
        cursor(s, 0, 0);
        s.feed(CSI + "4;1H\nX");
        rows(s, "0", "2", "3", "X", "4", "5");
        assertEquals(1, s.historySize()); // tmux pushes region lines to history too
        s.feed(CSI + "?6h");
        cursor(s, 0, 1);
        s.feed(CSI + "2;2HO" + CSI + "9;1HP");
        rows(s, "0", "2", "3O", "P", "4", "5");
        s.feed(CSI + "6n");
        assertEquals("\u001b[3;2R", new String(s.takeReplies(), StandardCharsets.US_ASCII)); // origin-relative
        s.feed(CSI + "?6l" + CSI + "r");
        cursor(s, 0, 0);
        assertEquals(0, s.scrollTop());
        assertEquals(5, s.scrollBottom());
    }

    @Test
    void insertDeleteLines() {
        Screen s = screen(5, 5, "a\nb\nc\nd\ne" + CSI + "2;1H" + CSI + "2L");
        rows(s, "a", "", "", "b", "c");
        s.feed(CSI + "M");
        rows(s, "a", "", "b", "c", "");
        s.feed(CSI + "2;4r" + CSI + "3;1H" + CSI + "5L");
        rows(s, "a", "", "", "", "");
    }

    @Test
    void insertDeleteEraseChars() {
        Screen s = screen(10, 3, "abcdefghij" + CSI + "1;3H" + CSI + "2@");
        rows(s, "ab  cdefgh");
        s.feed(CSI + "3P");
        rows(s, "abdefgh");
        s.feed(CSI + "2X");
        rows(s, "ab  fgh");
        cursor(s, 2, 0);
        s.feed("\r\nxy" + CSI + "3b");  // REP repeats the last printed character
        rows(s, "ab  fgh", "xyyyy");
        s.feed(CSI + "D" + CSI + "3b");    // ... only right after it (like tmux)
        rows(s, "ab  fgh", "xyyyy");
    }

    @Test
    void eraseInDisplayAndLine() {
        Screen s = screen(5, 3, "aaaaabbbbbccccc" + CSI + "2;3H" + CSI + "K");
        rows(s, "aaaaa", "bb", "ccccc");
        s.feed(CSI + "1K");
        rows(s, "aaaaa", "", "ccccc");
        s.feed(CSI + "1;2H" + CSI + "J");
        rows(s, "a");
        s.feed("\r\nx\r\ny" + CSI + "2;1H" + CSI + "1J");
        rows(s, "", "", "y");
        s.feed(CSI + "3;1H" + CSI + "2K");
        rows(s, "");
    }

    @Test
    void clearScreenPushesToHistoryLikeTmux() {
        Screen s = screen(10, 5, "1\n2\n3" + CSI + "2J");
        rows(s);
        assertEquals(3, s.historySize());
        assertEquals(List.of("1", "2", "3", "", "", "", "", ""), s.capture(CaptureOptions.all()));
        s.feed(CSI + "3J");
        assertEquals(0, s.historySize());
    }

    @Test
    void scrollUpDown() {
        Screen s = screen(5, 4, "a\nb\nc\nd" + CSI + "S");
        rows(s, "b", "c", "d", "");
        s.feed(CSI + "2T");
        rows(s, "", "", "b", "c");
    }

    @Test
    void insertMode() {
        Screen s = screen(10, 2, "abcdef" + CSI + "1;2H" + CSI + "4hXY" + CSI + "4lZ");
        rows(s, "aXYZcdef");
        assertFalse(s.insertMode());
    }

    @Test
    void saveRestoreCursor() {
        Screen s = screen(20, 5, CSI + "31m" + E + "(0" + CSI + "2;3H" + E + "7" + CSI + "0m" + E + "(B" + CSI + "5;5Hx" + E + "8q");
        cursor(s, 3, 1);
        assertTrue((s.cellAttr(2, 1) & Attr.CHARSET) != 0);
        assertEquals(Attr.basic(1), Attr.fg(s.cellAttr(2, 1)));
        assertEquals("\u2500", s.cellText(2, 1));
        s.feed(CSI + "4;4H" + CSI + "s" + CSI + "1;1H" + CSI + "uy");
        rows(s, "", "  q", "", "   y", "    x");
        // DECSC keeps a pending wrap position only as the last column
        s = screen(5, 2, "abcde" + E + "7" + CSI + "2;1H" + E + "8Z");
        rows(s, "abcdZ");
        // mode 1048 saves/restores the cursor like DECSC
        s = screen(10, 3, CSI + "2;5H" + CSI + "?1048h" + CSI + "H" + CSI + "?1048lK");
        rows(s, "", "    K");
    }

    @Test
    void sgrAttributesAndColors() {
        Screen s = screen(40, 2, CSI + "1;2;3;4;5;7;8;9;53mA" + CSI + "0;4:3mB" + CSI + "0;38;5;100;48;2;1;2;3mC"
                + CSI + "0;38:2::10:20:30;48:5:7mD" + CSI + "0;91;102mE" + CSI + "0;31;42m" + CSI + "22;23;24;25;27;28;29;39;49mF"
                + CSI + "38:2:4:5:6mG" + CSI + "0;21mH");
        long a = s.cellAttr(0, 0);
        assertEquals(Attr.BOLD | Attr.DIM | Attr.ITALIC | Attr.BLINK | Attr.REVERSE | Attr.HIDDEN | Attr.STRIKE | Attr.OVERLINE,
                a & ~Attr.UL_MASK);
        assertEquals(1, Attr.underline(a));
        assertEquals(3, Attr.underline(s.cellAttr(1, 0)));
        assertEquals(Attr.palette(100), Attr.fg(s.cellAttr(2, 0)));
        assertEquals(Attr.rgb(1, 2, 3), Attr.bg(s.cellAttr(2, 0)));
        assertEquals(Attr.rgb(10, 20, 30), Attr.fg(s.cellAttr(3, 0)));
        assertEquals(Attr.palette(7), Attr.bg(s.cellAttr(3, 0)));
        assertEquals(Attr.basic(91), Attr.fg(s.cellAttr(4, 0)));
        assertEquals(Attr.basic(92), Attr.bg(s.cellAttr(4, 0)));
        assertEquals(0L, s.cellAttr(5, 0));
        assertEquals(Attr.rgb(4, 5, 6), Attr.fg(s.cellAttr(6, 0)));
        assertEquals(2, Attr.underline(s.cellAttr(7, 0)));
        assertEquals(List.of("\u001b[1;2;3;4;5;7;8;9;5:3mA\u001b[0;4:3m\u001b[39m\u001b[49mB\u001b[0m\u001b[38;5;100m\u001b[48;2;1;2;3mC"
                + "\u001b[38;2;10;20;30m\u001b[48;5;7mD\u001b[91m\u001b[102mE\u001b[39m\u001b[49mF\u001b[38;2;4;5;6mG\u001b[4:2m\u001b[39mH", ""),
                s.capture(new CaptureOptions(true, null, null, false, false)));
    }

    @Test
    void decSpecialGraphics() {
        Screen s = screen(10, 2, E + "(0lqk" + E + "(B-" + E + ")0\u000ex\u000fx");
        rows(s, "lqk-xx"); // capture shows the raw characters, like tmux
        assertEquals("\u250c", s.cellText(0, 0));
        assertEquals("\u2500", s.cellText(1, 0));
        assertEquals("\u2510", s.cellText(2, 0));
        assertEquals("-", s.cellText(3, 0));
        assertEquals("\u2502", s.cellText(4, 0));
        assertEquals("x", s.cellText(5, 0));
        assertEquals(List.of("\u000elqk\u000f-\u000ex\u000fx", ""), s.capture(new CaptureOptions(true, null, null, false, false)));
    }

    @Test
    void alternateScreens() {
        Screen s = screen(10, 3, "main" + CSI + "?1049h");
        assertTrue(s.alternateScreenActive());
        rows(s);
        cursor(s, 4, 0);
        s.feed(CSI + "2;2Halt");
        rows(s, "", " alt");
        s.feed(CSI + "?1049l");
        assertFalse(s.alternateScreenActive());
        rows(s, "main");
        cursor(s, 4, 0);
        s = screen(10, 3, "m" + CSI + "?47hA" + CSI + "?47l");
        rows(s, "m");
        cursor(s, 2, 0); // 47 does not restore the cursor
        s = screen(10, 3, "m" + CSI + "?1047hA\nB\nC\nD\nE" + CSI + "?1047l");
        rows(s, "m");
        assertEquals(0, s.historySize()); // never from the alternate screen
    }

    @Test
    void modesTracked() {
        Screen s = screen(10, 3, CSI + "?1h" + E + "=" + CSI + "?2004h" + CSI + "?1002h" + CSI + "?1006h" + CSI + "?1004h" + CSI + "?25l");
        assertTrue(s.applicationCursorKeys());
        assertTrue(s.applicationKeypad());
        assertTrue(s.bracketedPaste());
        assertEquals(1002, s.mouseTracking());
        assertTrue(s.mouseSgr());
        assertTrue(s.focusEvents());
        assertFalse(s.cursorVisible());
        s.feed(CSI + "?1003h");
        assertEquals(1003, s.mouseTracking());
        s.feed(CSI + "?1l" + E + ">" + CSI + "?2004l" + CSI + "?1000l" + CSI + "?25h");
        assertFalse(s.applicationCursorKeys());
        assertFalse(s.applicationKeypad());
        assertFalse(s.bracketedPaste());
        assertEquals(0, s.mouseTracking());
        assertTrue(s.cursorVisible());
    }

    @Test
    void titles() {
        Screen s = screen(10, 2, E + "]0;first\u0007");
        assertEquals("first", s.title());
        s.feed(E + "]2;second" + E + "\\");
        assertEquals("second", s.title());
        s.feed(E + "]1;icon only\u0007");
        assertEquals("second", s.title());
    }

    @Test
    void resets() {
        Screen s = screen(10, 3, CSI + "31mab" + CSI + "?1h" + CSI + "2;3r" + E + "c");
        rows(s);
        cursor(s, 0, 0);
        assertFalse(s.applicationCursorKeys());
        assertEquals(1, s.historySize()); // RIS clears the screen into history (tmux scroll-on-clear)
        s.feed("x");
        assertEquals(0L, s.cellAttr(0, 0));
        s = screen(10, 3, CSI + "31m" + CSI + "4h" + CSI + "?6h" + CSI + "?25l" + CSI + "2;3r" + CSI + "3;3H" + CSI + "!pz");
        assertTrue(s.cursorVisible());
        assertFalse(s.insertMode());
        assertFalse(s.originMode());
        assertEquals(0, s.scrollTop());
        rows(s, "", "", "  z");
        assertEquals(0L, s.cellAttr(2, 2));
        s = screen(4, 2, E + "#8");
        rows(s, "EEEE", "EEEE");
    }

    @Test
    void wideCharacters() {
        Screen s = screen(6, 3, "\u4e2d\u6587ab");
        rows(s, "\u4e2d\u6587ab");
        cursor(s, 5, 0);
        assertEquals(-1, s.cellCodePoint(1, 0));
        s = screen(5, 3, "abcd\u4e2d");
        rows(s, "abcd", "\u4e2d");  // does not fit in the last column: wraps, last column left alone
        cursor(s, 2, 1);
        s = screen(6, 2, "\u4e2d\u6587\u5b57" + CSI + "1;4Hx");
        rows(s, "\u4e2d x\u5b57"); // overwriting half of a wide character clears the other half
        s = screen(10, 2, "\ud83d\ude00!");
        rows(s, "\ud83d\ude00!");
        cursor(s, 3, 0);
    }

    @Test
    void combiningAndUnprintable() {
        Screen s = screen(10, 2, "e\u0301x\u0308\u0304");
        rows(s, "e\u0301x\u0308\u0304");
        cursor(s, 2, 0);
        assertEquals("e\u0301", s.cellText(0, 0));
        s = screen(10, 2, "\u0301a\u0378b\u0085c");
        rows(s, "abc"); // combining at column 0 and unprintable code points are dropped, like tmux
    }

    @Test
    void queries() {
        Screen s = screen(10, 5, CSI + "c" + CSI + ">c" + CSI + "5n" + CSI + "3;4H" + CSI + "6n" + CSI + "?2004$p"
                + CSI + "?2004h" + CSI + "?2004$p" + CSI + "4$p" + CSI + "?9999$p");
        assertEquals("\u001b[?1;2c\u001b[>84;0;0c\u001b[0n\u001b[3;4R\u001b[?2004;2$y\u001b[?2004;1$y\u001b[4;2$y\u001b[?9999;0$y",
                new String(s.takeReplies(), StandardCharsets.US_ASCII));
        assertNull(s.takeReplies());
    }

    @Test
    void historyLimitDropsOldest() {
        Screen s = new Screen(10, 2, 20);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 100; i++) sb.append(i).append("\r\n");
        s.feed(sb.toString());
        assertTrue(s.historySize() <= 20);
        List<String> all = s.capture(CaptureOptions.all());
        assertEquals("99", all.get(all.size() - 2));
        assertEquals(Integer.toString(99 - s.historySize()), all.get(0));
        Screen none = new Screen(10, 2, 0);
        none.feed(sb.toString());
        assertEquals(0, none.historySize());
    }

    @Test
    void captureRanges() {
        Screen s = new Screen(10, 3, 100);
        s.feed("1\r\n2\r\n3\r\n4\r\n5\r\n6");
        assertEquals(List.of("4", "5", "6"), s.capture(CaptureOptions.visible()));
        assertEquals(List.of("2", "3", "4"), s.capture(new CaptureOptions(false, -2, 0, false, false)));
        assertEquals(List.of("1", "2"), s.capture(new CaptureOptions(false, Integer.MIN_VALUE, -2, false, false)));
        Screen n = new Screen(10, 1, 0);
        n.feed("ab   ");
        assertEquals(List.of("ab   "), n.capture(new CaptureOptions(false, null, null, false, true)));
    }

    @Test
    void resizeKeepsCursorLineVisible() {
        Screen s = screen(10, 5, "a\nb\nc\nd");
        s.resize(10, 2);
        rows(s, "c", "d");
        cursor(s, 1, 1);
        assertEquals(2, s.historySize());
        s.resize(10, 5);               // lines come back from history
        rows(s, "a", "b", "c", "d");
        cursor(s, 1, 3);
        s.resize(3, 5);
        rows(s, "a", "b", "c", "d");
        s = screen(10, 5, "a\nb");     // blank lines below the cursor are removed first
        s.resize(10, 2);
        rows(s, "a", "b");
        assertEquals(0, s.historySize());
    }

    @Test
    void changeCountAndMemory() {
        Screen s = new Screen(80, 24, 2000);
        long c0 = s.changeCount();
        s.feed("x");
        assertTrue(s.changeCount() > c0);
        long idle = s.estimateFootprint();
        assertTrue(idle < 40_000, "idle footprint " + idle);
        Screen empty = new Screen(80, 24, 2000);
        assertTrue(empty.estimateFootprint() < 4_000, "empty footprint " + empty.estimateFootprint());
        assertArrayEquals(new byte[0], new byte[0]);
    }

    @Test
    void cellsWithTheSameCombiningMarksShareOneArray() {
        Screen s = new Screen(20, 3, 100);
        s.feed("e\u0301\u0302 a\u0301\u0302 e\u0301\u0302 e\u0301");
        Line l = s.lines[0];
        assertTrue(l.comb(0) == l.comb(4) && l.comb(0) == l.comb(2), "one array for one sequence of marks");
        assertArrayEquals(new int[] {0x301, 0x302}, l.comb(0));
        assertArrayEquals(new int[] {0x301}, l.comb(6), "a shorter sequence is its own");
        assertEquals(List.of("e\u0301\u0302 a\u0301\u0302 e\u0301\u0302 e\u0301"), s.capture(CaptureOptions.visible()).subList(0, 1));
    }
}
