package scarab.daemon.terminal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Produces byte streams that repaint a terminal of the same size as a {@link Screen}.
 *
 * <p>{@link #render(Screen)} reproduces cells (with attributes, colours, DEC graphics, wide and combining
 * characters), tab stops, the DECSC saved cursor, modes, scroll region, cursor (including a pending wrap), pen, title
 * and, if active, the alternate screen on top of the main screen. The caller must hold the screen's lock.
 */
public final class Renderer {
    private Renderer() {}

    public static byte[] render(Screen s) {
        Out o = new Out(s.cols);
        o.raw("\033[?25l\033[0m\033(B\033)B\017\033[r\033[?6l\033[?7h\033[4l\033[H\033[2J");
        if (s.altSaved != null) {
            paint(o, s, s.altSaved, s.altSavedRows);
            o.resetCharset();
            if (s.altSavedCx != -1) {
                o.cup(Math.min(s.altSavedCy, s.rows - 1), Math.min(s.altSavedCx, s.cols - 1));
                o.sgr(s.altSavedPen, s.altSavedUs);
                o.raw("\033[?1049h");
            } else {
                o.sgr(s.altSavedPen, s.altSavedUs);
                o.raw("\033[?1047h");
            }
        } else if (s.altSavedCx != -1) {
            // remember the cursor a later ESC[?1049l would restore
            o.cup(Math.min(s.altSavedCy, s.rows - 1), Math.min(s.altSavedCx, s.cols - 1));
            o.sgr(s.altSavedPen, s.altSavedUs);
            o.raw("\033[?1049h\033[?47l");
        }
        paint(o, s, s.lines, s.rows);
        finish(o, s);
        return o.bytes();
    }

    /**
     * For an in-place upgrade, whose snapshot ({@link #renderHistoryAndScreen}) keeps the main
     * screen only: bytes that, fed after that replay, put the active alternate screen back on top
     * of it (a full-screen program goes on drawing there); null when none is active.
     */
    public static byte[] renderAlternate(Screen s) {
        if (s.altSaved == null) {
            return null;
        }
        Out o = new Out(s.cols);
        o.raw(s.altSavedCx != -1 ? "\033[?1049h" : "\033[?1047h");
        o.raw("\033[?25l\033[0m\033(B\033)B\017\033[r\033[?6l\033[?7h\033[4l\033[H\033[2J");
        paint(o, s, s.lines, s.rows);
        finish(o, s);
        return o.bytes();
    }

    /**
     * Bytes that, fed into a fresh Screen of the same size, reproduce the history (with attributes) followed by the
     * visible main screen, plus cursor, modes and pen. The alternate screen, if active, is dropped (its main screen is
     * used).
     */
    public static byte[] renderHistoryAndScreen(Screen s) {
        Out o = new Out(s.cols);
        o.raw("\033[0m\033(B\033)B\017\033[r\033[?6l\033[?7h\033[4l\033[H");
        Line[] main = s.altSaved != null ? s.altSaved : s.lines;
        int rows = Math.min(s.rows, main.length);
        int hs = s.history.size();
        int total = hs + rows;
        for (int i = 0; i < total; i++) {
            Row r = i < hs ? s.history.get(i) : main[i - hs];
            int n = Math.min(r.used(), s.cols);
            o.col = 0;
            for (int x = 0; x < n; x++) cell(o, r, x, s.cols);
            if (i + 1 < total) {
                Row next = i + 1 < hs ? s.history.get(i + 1) : main[i + 1 - hs];
                boolean flow = flows(r, o.col, next, s.cols);
                if (!flow) o.raw("\r\n");
            }
        }
        // cleared-with-background cells after the used part of visible lines
        for (int y = 0; y < rows; y++) trailingBackground(o, main[y], y, s.cols);
        o.resetCharset();
        tabsAndSaved(o, s);
        boolean alt = s.altSaved != null;
        int cx = alt ? Math.max(0, Math.min(s.altSavedCx, s.cols - 1)) : s.cx;
        int cy = alt ? Math.max(0, Math.min(s.altSavedCy, s.rows - 1)) : s.cy;
        if (alt && s.altSavedCx == -1) {
            cx = 0;
            cy = 0;
        }
        modesAndCursor(o, s, main, cx, cy);
        return o.bytes();
    }

    // ------------------------------------------------------------------------------------------------

    private static void paint(Out o, Screen s, Line[] lines, int nrows) {
        int rows = Math.min(nrows, Math.min(lines.length, s.rows));
        boolean cont = false;
        for (int y = 0; y < rows; y++) {
            Line l = lines[y];
            int n = Math.min(l.used, s.cols);
            if (!cont) o.cup(y, 0);
            o.col = cont ? 0 : 0;
            for (int x = 0; x < n; x++) cell(o, l, x, s.cols);
            cont = y + 1 < rows && flows(l, o.col, lines[y + 1], s.cols);
            trailingBackground(o, l, y, s.cols);
            if (o.cursorMovedAway) {
                cont = false;
                o.cursorMovedAway = false;
            }
        }
    }

    /** Whether the next line can be reached by autowrap (which reproduces the wrapped flag). */
    private static boolean flows(Row r, int col, Row next, int cols) {
        if (!r.wrapped() || next.used() == 0) return false;
        if (col >= cols) return true;
        int c = next.cp(0);
        return col == cols - 1 && c > 0 && CharWidth.of(c) == 2;
    }

    /** Cells at or after 'used' that were cleared with a background colour: reproduce with ECH. */
    private static void trailingBackground(Out o, Row l, int y, int cols) {
        int start = Math.min(l.used(), cols);
        int x = start;
        while (x < cols && x < l.length()) {
            long a = l.attr(x);
            if (a == 0) {
                x++;
                continue;
            }
            int e = x + 1;
            while (e < cols && e < l.length() && l.attr(e) == a) e++;
            o.cup(y, x);
            o.sgr(a & ~Attr.CHARSET, 0);
            o.raw("\033[" + (e - x) + "X");
            o.cursorMovedAway = true;
            x = e;
        }
    }

    private static void cell(Out o, Row r, int x, int cols) {
        int c = r.cp(x);
        if (c == Line.PADDING) {
            int p = x > 0 ? r.cp(x - 1) : 0;
            if (!(p > 0 && CharWidth.of(p) == 2) && x + 1 < cols) {
                // orphan padding (tmux leaves these in some overwrite cases): print a wide character here and
                // delete it, which pulls its padding cell into place
                o.sgr(0, 0);
                o.charset(false);
                o.raw("\u4e00\033[2D\033[P\033[C");
            }
            return;
        }
        int w = c <= 0 ? 1 : CharWidth.of(c);
        if (w == 2 && x == cols - 1) return; // cannot be reproduced without wrapping
        long a = r.attr(x);
        o.sgr(a & ~Attr.CHARSET, r.us(x));
        o.charset((a & Attr.CHARSET) != 0);
        o.cp(c <= 0 ? ' ' : c);
        int[] cb = r.comb(x);
        if (cb != null) for (int k : cb) o.cp(k);
        o.col += Math.max(1, w);
        if (w == 2 && r.cp(x + 1) != Line.PADDING && x + 1 < cols) {
            // orphan wide character (its padding was overwritten): step back so the next cell lands on x + 1
            o.sgr(0, 0);
            o.raw("\033[D\033[@\033[2X");
            o.col--;
        }
    }

    private static void tabsAndSaved(Out o, Screen s) {
        boolean defaultTabs = true;
        for (int i = 0; i < s.cols; i++) {
            if (s.tabs[i] != (i != 0 && i % 8 == 0)) {
                defaultTabs = false;
                break;
            }
        }
        if (!defaultTabs) {
            o.raw("\033[3g");
            for (int i = 0; i < s.cols; i++) {
                if (s.tabs[i]) {
                    o.cup(0, i);
                    o.raw("\033H");
                }
            }
        }
        boolean savedDefault = s.savedCx == 0 && s.savedCy == 0 && s.savedPen == 0 && s.savedUs == 0
                && s.savedSet == 0 && s.savedG0 == 0 && s.savedG1 == 0 && (s.savedMode & Screen.MODE_ORIGIN) == 0;
        if (!savedDefault) {
            boolean origin = (s.savedMode & Screen.MODE_ORIGIN) != 0;
            if (origin) o.raw("\033[?6h");
            o.cup(Math.min(s.savedCy, s.rows - 1), Math.min(s.savedCx, s.cols - 1));
            o.sgr(s.savedPen, s.savedUs);
            o.designate(s.savedG0, s.savedG1, s.savedSet);
            o.raw("\0337");
            if (origin) o.raw("\033[?6l");
            o.resetCharset();
        }
    }

    private static void finish(Out o, Screen s) {
        o.resetCharset();
        tabsAndSaved(o, s);
        modesAndCursor(o, s, s.lines, s.cx, s.cy);
    }

    private static void modesAndCursor(Out o, Screen s, Line[] lines, int cx, int cy) {
        int m = s.mode;
        if ((m & Screen.MODE_KCURSOR) != 0) o.raw("\033[?1h");
        if ((m & Screen.MODE_KKEYPAD) != 0) o.raw("\033=");
        if ((m & Screen.MODE_BRACKETPASTE) != 0) o.raw("\033[?2004h");
        if ((m & Screen.MODE_MOUSE_STANDARD) != 0) o.raw("\033[?1000h");
        if ((m & Screen.MODE_MOUSE_BUTTON) != 0) o.raw("\033[?1002h");
        if ((m & Screen.MODE_MOUSE_ALL) != 0) o.raw("\033[?1003h");
        if ((m & Screen.MODE_MOUSE_UTF8) != 0) o.raw("\033[?1005h");
        if ((m & Screen.MODE_MOUSE_SGR) != 0) o.raw("\033[?1006h");
        if ((m & Screen.MODE_FOCUSON) != 0) o.raw("\033[?1004h");
        if ((m & Screen.MODE_CURSOR_BLINKING_SET) != 0) {
            o.raw((m & Screen.MODE_CURSOR_BLINKING) != 0 ? "\033[?12h" : "\033[?12l");
        }
        if (s.cursorStyle != 0) o.raw("\033[" + s.cursorStyle + " q");
        if (s.rupper != 0 || s.rlower != s.rows - 1) o.raw("\033[" + (s.rupper + 1) + ";" + (s.rlower + 1) + "r");
        boolean origin = (m & Screen.MODE_ORIGIN) != 0;
        if (origin) o.raw("\033[?6h");
        if (cx >= s.cols) {
            // pending wrap: re-print the last cell so the cursor ends up past the last column
            Line l = lines[cy];
            int x = s.cols - 1;
            if (l.cp(x) == Line.PADDING && x > 0) x--;
            place(o, s, origin, x, cy);
            cell(o, l, x, s.cols + 1);
        } else {
            place(o, s, origin, cx, cy);
        }
        if ((m & Screen.MODE_INSERT) != 0) o.raw("\033[4h");
        if ((m & Screen.MODE_WRAP) == 0) o.raw("\033[?7l");
        o.sgr(s.pen, s.penUs);
        o.designate(s.g0, s.g1, s.charsetSet);
        if (!s.title().isEmpty()) o.raw("\033]2;" + s.title() + "\033\\");
        if ((m & Screen.MODE_CURSOR) != 0) o.raw("\033[?25h");
    }

    /** Moves the cursor to absolute (x, y) once the final scroll region and origin mode are in place. */
    private static void place(Out o, Screen s, boolean origin, int x, int y) {
        if (!origin) {
            o.cup(y, x);
        } else if (y >= s.rupper && y <= s.rlower) {
            o.cup(y - s.rupper, x);
        } else if (y < s.rupper) {
            // above the region: DECSTBM homes the cursor absolutely, then line feeds move down outside the region
            o.raw("\033[" + (s.rupper + 1) + ";" + (s.rlower + 1) + "r");
            for (int i = 0; i < y; i++) o.raw("\n");
            o.raw("\033[" + (x + 1) + "G");
        } else {
            // below the region with origin mode: not reachable by relative movement; closest position
            o.cup(s.rlower - s.rupper, x);
        }
    }

    // ------------------------------------------------------------------------------------------------

    /** Output buffer tracking the SGR state and G0 charset of the target terminal. */
    private static final class Out {
        final ByteArrayOutputStream b = new ByteArrayOutputStream(8192);
        final StringBuilder sb = new StringBuilder(256);
        long curAttr;      // without CHARSET
        int curUs;
        boolean dec;       // G0 is DEC graphics
        int col;
        boolean cursorMovedAway;

        Out(int cols) {}

        void raw(String s) {
            byte[] x = s.getBytes(StandardCharsets.UTF_8);
            b.write(x, 0, x.length);
        }

        void cp(int c) {
            if (c < 0x80) b.write(c);
            else raw(new String(Character.toChars(c)));
        }

        void cup(int y, int x) { raw("\033[" + (y + 1) + ";" + (x + 1) + "H"); }

        void cupRel(int y, int x) { cup(Math.max(0, y), x); }

        void charset(boolean on) {
            if (on != dec) {
                raw(on ? "\033(0" : "\033(B");
                dec = on;
            }
        }

        void resetCharset() {
            if (dec) raw("\033(B");
            dec = false;
        }

        /** Designates G0/G1 and shifts (for the final or saved state). */
        void designate(int g0, int g1, int set) {
            raw(g0 == 1 ? "\033(0" : "\033(B");
            raw(g1 == 1 ? "\033)0" : "\033)B");
            raw(set == 1 ? "\016" : "\017");
            dec = g0 == 1 && set == 0;
        }

        void sgr(long a, int us) {
            if (a == curAttr && us == curUs) return;
            sb.setLength(0);
            Sgr.append(sb, a, us);
            raw(sb.toString());
            curAttr = a;
            curUs = us;
        }

        byte[] bytes() { return b.toByteArray(); }
    }
}
