package scarab.daemon.terminal;

import java.nio.charset.StandardCharsets;

/**
 * Turns a screen into bytes that repaint a terminal of the same size exactly: every cell with
 * its attributes, the alternate screen over the main one, the cursor (including the pending-wrap
 * state and the saved cursor), the scroll region, the modes a program relies on (cursor keys,
 * keypad, bracketed paste, mouse, focus), and the title. Used for attach and for redraws after a
 * client fell behind or a resize.
 */
public final class Renderer {
    private Renderer() {}

    public static byte[] render(Screen s) {
        StringBuilder out = new StringBuilder(s.cols() * s.rows() + 256);
        out.append("\033[0m\033(B\033)B\017\033[r\033[?6l\033[?7h\033[4l\033[H\033[2J");
        if (s.alternateScreenActive()) {
            paintRows(out, s, true);
            // ?1049h saves the cursor as it enters: put the main screen's cursor where it was saved.
            if (s.altCursorSaved()) {
                out.append("\033[").append(s.altSavedY() + 1).append(';').append(Math.min(s.altSavedX(), s.cols() - 1) + 1)
                        .append('H');
                Sgr.write(out, s.altSavedAttr() & ~Attr.CHARSET);
            }
            out.append("\033[?1049h\033[0m\033[H\033[2J");
        }
        paintRows(out, s, false);
        tail(out, s);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Bytes that, fed to a fresh screen of the same size, rebuild the main screen's history (with
     * attributes) and its visible rows, then put the cursor back: a session's snapshot.
     */
    public static byte[] renderHistoryAndScreen(Screen s) {
        StringBuilder out = new StringBuilder();
        out.append("\033[0m\033[?7h");
        int total = s.historySize() + s.rows();
        for (int i = 0; i < total; i++) {
            Line l = i < s.historySize() ? s.historyLine(i) : s.mainLine(i - s.historySize());
            int end = contentEnd(l, s.cols());
            paintLine(out, l, end);
            // A full wrapped row continues by autowrap (keeping the wrap mark) when the next row starts
            // with a character to wrap onto; any other row ends with CR LF.
            Line next = i + 1 < total ? (i + 1 < s.historySize() ? s.historyLine(i + 1) : s.mainLine(i + 1 - s.historySize())) : null;
            boolean continues = l.wrapped() && end >= s.cols() && next != null && next.cp(0) > 0;
            if (i < total - 1 && !continues) {
                out.append("\r\n");
            }
        }
        boolean alt = s.alternateScreenActive();
        int cy = alt && s.altCursorSaved() ? s.altSavedY() : s.cursorY();
        int cx = alt && s.altCursorSaved() ? s.altSavedX() : s.cursorX();
        out.append("\033[").append(Math.min(cy, s.rows() - 1) + 1).append(';')
                .append(Math.min(cx, s.cols() - 1) + 1).append('H');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void paintRows(StringBuilder out, Screen s, boolean main) {
        for (int r = 0; r < s.rows(); r++) {
            Line l = main ? s.mainLine(r) : s.line(r);
            int end = contentEnd(l, s.cols());
            if (end == 0) {
                continue;
            }
            out.append("\033[").append(r + 1).append(";1H");
            paintLine(out, l, end);
        }
        out.append("\033[0m");
    }

    /**
     * Paints cells [0, end) from the cursor at column 0. Empty cells are skipped with a cursor
     * move and blank cells with a background are made with ECH, so that the repainted row has the
     * same empty cells as the original (not spaces), which capture and clear-to-history rely on.
     * Leaves attributes reset and the G0 charset as ASCII.
     */
    private static void paintLine(StringBuilder out, Line l, int end) {
        long current = 0;
        boolean graphics = false;
        out.append("\033[0m");
        int c = 0;
        while (c < end) {
            int cp = l.cp(c);
            long a = l.attr(c);
            if (cp == 0 && l.combiningAt(c) == null) {
                int run = 1;
                while (c + run < end && l.cp(c + run) == 0 && l.attr(c + run) == a && l.combiningAt(c + run) == null) {
                    run++;
                }
                if (a != 0) {
                    if (a != current) {
                        current = a;
                        Sgr.write(out, current);
                    }
                    out.append("\033[").append(run).append('X');
                }
                out.append("\033[").append(run).append('C');
                c += run;
                continue;
            }
            if (cp == Line.WIDE_TAIL) {
                c++;
                continue;
            }
            if ((a & ~Attr.CHARSET) != current) {
                current = a & ~Attr.CHARSET;
                Sgr.write(out, current);
            }
            graphics = charset(out, graphics, (a & Attr.CHARSET) != 0);
            appendCell(out, l, c);
            if (CharWidth.of(cp) == 2 && c + 1 < end && l.cp(c + 1) != Line.WIDE_TAIL) {
                // tmux's quirk: ASCII written over the right half of a wide character leaves the left
                // half. Step back so the next cell lands on that right half, as it did originally.
                out.append('\b');
            }
            c++;
        }
        if (graphics) {
            out.append("\033(B");
        }
        if (current != 0) {
            out.append("\033[0m");
        }
    }

    /** Cells up to the last one that is not a default blank. */
    private static int contentEnd(Line l, int cols) {
        int end = Math.min(l.length(), cols);
        while (end > 0 && l.cp(end - 1) == 0 && l.attr(end - 1) == 0 && l.combiningAt(end - 1) == null) {
            end--;
        }
        return end;
    }

    private static boolean charset(StringBuilder out, boolean graphics, boolean want) {
        if (want != graphics) {
            out.append(want ? "\033(0" : "\033(B");
        }
        return want;
    }

    private static void appendCell(StringBuilder out, Line l, int c) {
        int cp = l.cp(c);
        out.appendCodePoint(cp == 0 ? ' ' : cp);
        String extra = l.combiningAt(c);
        if (extra != null) {
            out.append(extra);
        }
    }

    /** Cursor, saved cursor, region, modes, charsets, attributes and title, after the cells. */
    private static void tail(StringBuilder out, Screen s) {
        if (s.hasSavedCursor()) {
            out.append("\033[").append(Math.min(s.savedY(), s.rows() - 1) + 1).append(';')
                    .append(Math.min(s.savedX(), s.cols() - 1) + 1).append('H');
            Sgr.write(out, s.savedAttr() & ~Attr.CHARSET);
            out.append("\0337");
        }
        if (s.scrollTop() != 0 || s.scrollBottom() != s.rows() - 1) {
            out.append("\033[").append(s.scrollTop() + 1).append(';').append(s.scrollBottom() + 1).append('r');
        }
        for (int c = 0; c < s.cols(); c++) {
            boolean dflt = c % 8 == 0 && c > 0;
            if (s.tabStop(c) != dflt) {
                // Tab stops differ from the defaults: clear them all and set each one.
                out.append("\033[3g");
                for (int t = 0; t < s.cols(); t++) {
                    if (s.tabStop(t)) {
                        out.append("\033[").append(t + 1).append("G\033H");
                    }
                }
                break;
            }
        }
        int x = s.cursorX();
        int y = s.cursorY();
        if (x >= s.cols() && s.autowrap()) {
            // Pending wrap: reprint the last cell so the terminal is left in the same state.
            Line l = s.line(y);
            int col = s.cols() - 1;
            if (l.cp(col) == Line.WIDE_TAIL && col > 0) {
                col--;
            }
            out.append("\033[?7h\033[").append(y + 1).append(';').append(col + 1).append('H');
            long a = l.attr(col);
            Sgr.write(out, a & ~Attr.CHARSET);
            boolean g = charset(out, false, (a & Attr.CHARSET) != 0);
            appendCell(out, l, col);
            if (g) {
                out.append("\033(B");
            }
        } else {
            out.append("\033[?7h\033[").append(y + 1).append(';').append(Math.min(x, s.cols() - 1) + 1).append('H');
        }
        if (s.originMode()) {
            // Origin mode homes the cursor, and tmux lets the cursor sit outside the region, where CUP
            // cannot reach in this mode: set the mode, let DECSTBM put the cursor at the corner, and
            // walk to the position with relative moves.
            out.append("\033[?6h\033[").append(s.scrollTop() + 1).append(';').append(s.scrollBottom() + 1).append('r');
            int col = Math.min(x, s.cols() - 1);
            if (y > 0) {
                out.append("\033[").append(y).append('B');
            }
            if (col > 0) {
                out.append("\033[").append(col).append('C');
            }
        }
        if (!s.autowrap()) {
            out.append("\033[?7l");
        }
        if (s.insertMode()) {
            out.append("\033[4h");
        }
        out.append(s.applicationCursorKeys() ? "\033[?1h" : "\033[?1l");
        out.append(s.applicationKeypad() ? "\033=" : "\033>");
        out.append(s.bracketedPaste() ? "\033[?2004h" : "\033[?2004l");
        out.append(s.mouseMode() != 0 ? "\033[?" + s.mouseMode() + "h" : "\033[?1000l\033[?1002l\033[?1003l");
        out.append(s.mouseSgr() ? "\033[?1006h" : "\033[?1006l");
        out.append(s.focusEvents() ? "\033[?1004h" : "\033[?1004l");
        out.append(s.g0Graphics() ? "\033(0" : "\033(B");
        out.append(s.g1Graphics() ? "\033)0" : "\033)B");
        out.append(s.shiftOut() ? "\016" : "\017");
        Sgr.write(out, s.currentAttr());
        if (!s.title().isEmpty()) {
            out.append("\033]2;").append(s.title()).append("\033\\");
        }
        out.append(s.cursorVisible() ? "\033[?25h" : "\033[?25l");
    }
}
