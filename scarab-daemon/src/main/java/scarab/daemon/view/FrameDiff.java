package scarab.daemon.view;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import scarab.daemon.terminal.CharWidth;
import scarab.daemon.terminal.Sgr;

/**
 * The bytes that turn a terminal showing one {@link Frame} (the shadow) into one showing another.
 *
 * <p>Rows that are the same in both are skipped whole; in a changed row only the cells that
 * changed are written (a wide character and its right half as one), reaching each with the
 * shortest of a cursor position, a cursor forward, a carriage return and line feed, or rewriting
 * a few unchanged cells in the current pen. The pen is set only when it changes, with the same
 * absolute encoding as {@link scarab.daemon.terminal.Renderer} ({@link Sgr}). Then the modes
 * that changed, the cursor shape, position and visibility. An unchanged frame gives no bytes.
 *
 * <p>Every diff leaves the terminal's pen at the default and its cursor at the frame's cursor
 * position, which the next diff starts from. Without a shadow (a terminal in an unknown state)
 * or with one of another size, the terminal is reset (pen, character sets, scroll region, origin,
 * wrap and insert modes), cleared, and drawn whole, every mode stated.
 *
 * <p>Rows the caller knows moved up (a full-width pane that scrolled, {@link Scroll}) are moved by
 * the terminal itself, with a scroll region, when that leaves less to send; the rest is diffed
 * against the shadow as the terminal then shows it.
 */
public final class FrameDiff {
    private static final String RESET = "\033[?25l\033[0m\033(B\033)B\017\033[r\033[?6l\033[?7h\033[4l\033[H\033[2J";
    /** Cells rewritten at most instead of moving over them. */
    private static final int MAX_REWRITE = 4;

    private final Frame next;
    private Frame old;
    private final boolean known;
    private final int cols;
    private final StringBuilder out = new StringBuilder(256);
    private final StringBuilder sgr = new StringBuilder(32);

    // the terminal's cursor: row, column (cols = past the last column, waiting to wrap), or unknown
    private int curX, curY;
    private boolean curKnown;
    private long pen;
    private int penUs;

    private FrameDiff(Frame shadow, Frame next) {
        this.next = next;
        this.cols = next.cols();
        this.known = shadow != null && shadow.cols() == next.cols() && shadow.rows() == next.rows();
        if (known) {
            this.old = shadow;
            this.curX = shadow.cursorX();
            this.curY = shadow.cursorY();
        } else {
            this.old = new Frame(next.cols(), next.rows()); // what the reset leaves: blank cells
            out.append(RESET);
            this.curX = 0;
            this.curY = 0;
        }
        this.curKnown = true;
    }

    /** The bytes from {@code shadow} (null = unknown) to {@code next}. */
    public static byte[] diff(Frame shadow, Frame next) {
        return diff(shadow, next, List.of());
    }

    /**
     * The bytes from {@code shadow} (null = unknown) to {@code next}, given rows of {@code next}
     * that show rows of {@code shadow} moved up ({@link Scroll}): each is done by the terminal (a
     * scroll region and line feeds) when that leaves fewer rows to send, and the whole is sent so
     * only if that is fewer bytes than without.
     */
    public static byte[] diff(Frame shadow, Frame next, List<Scroll> scrolls) {
        Objects.requireNonNull(next, "next");
        byte[] plain = bytes(shadow, next, List.of());
        if (scrolls.isEmpty()) return plain;
        // Rows of a log differ from their neighbours in a few cells: rewriting those cells in
        // place can cost less than scrolling and drawing the new rows whole. Send the smaller.
        byte[] scrolled = bytes(shadow, next, scrolls);
        return scrolled.length < plain.length ? scrolled : plain;
    }

    private static byte[] bytes(Frame shadow, Frame next, List<Scroll> scrolls) {
        FrameDiff d = new FrameDiff(shadow, next);
        if (d.known) for (Scroll s : scrolls) d.scroll(s);
        d.cells();
        d.tail();
        return d.out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Scrolls the terminal's rows {@code top..bottom} up if more rows then match {@code next} than
     * before (rows that matched and would not any more count against it): DECSTBM, the cursor to
     * the region's last row, a line feed per line, DECSTBM reset (which homes the cursor). The pen
     * is the default here (every diff starts so), so the new rows are blank as {@link Frame#scrollUp}
     * makes them in the shadow.
     */
    private void scroll(Scroll s) {
        if (s.bottom() >= next.rows()) return;
        Frame moved = old.copy();
        moved.scrollUp(s.top(), s.bottom(), s.lines());
        int gained = 0;
        for (int y = s.top(); y <= s.bottom(); y++) {
            boolean before = next.sameRow(old, y), after = next.sameRow(moved, y);
            if (after && !before) gained++;
            else if (before && !after) gained--;
        }
        if (gained <= 0) return;
        out.append("\033[").append(s.top() + 1).append(';').append(s.bottom() + 1).append('r');
        out.append("\033[").append(s.bottom() + 1).append(";1H");
        if (s.lines() <= 4) out.append("\n".repeat(s.lines()));
        else out.append("\033[").append(s.lines()).append('S');
        out.append("\033[r");
        old = moved;
        curX = 0;
        curY = 0;
        curKnown = true;
    }

    private void cells() {
        for (int y = 0; y < next.rows(); y++) {
            if (next.sameRow(old, y)) continue;
            int row = y * cols;
            for (int x = 0; x < cols; ) {
                int i = row + x;
                int c = next.cp[i];
                if (c == Frame.PADDING) {
                    x++;
                    continue;
                }
                int w = c > 0 && CharWidth.of(c) == 2 ? 2 : 1;
                boolean changed = !next.sameCell(old, i) || (w == 2 && !next.sameCell(old, i + 1));
                if (changed) {
                    moveTo(x, y);
                    setPen(next.attr[i], next.us[i]);
                    putCell(i);
                    advance(w);
                }
                x += w;
            }
        }
    }

    private void tail() {
        if (pen != 0 || penUs != 0) setPen(0L, 0);
        Modes from = known ? old.modes() : null;
        Modes to = next.modes();
        if (from == null || from.appCursor() != to.appCursor()) out.append(to.appCursor() ? "\033[?1h" : "\033[?1l");
        if (from == null || from.appKeypad() != to.appKeypad()) out.append(to.appKeypad() ? "\033=" : "\033>");
        if (from == null) {
            out.append("\033[?1000l\033[?1002l\033[?1003l");
            if (to.mouse() != 0) out.append("\033[?").append(to.mouse()).append('h');
        } else if (from.mouse() != to.mouse()) {
            if (from.mouse() != 0) out.append("\033[?").append(from.mouse()).append('l');
            if (to.mouse() != 0) out.append("\033[?").append(to.mouse()).append('h');
        }
        if (from == null || from.mouseUtf8() != to.mouseUtf8()) out.append(to.mouseUtf8() ? "\033[?1005h" : "\033[?1005l");
        if (from == null || from.mouseSgr() != to.mouseSgr()) out.append(to.mouseSgr() ? "\033[?1006h" : "\033[?1006l");
        if (from == null || from.bracketedPaste() != to.bracketedPaste()) {
            out.append(to.bracketedPaste() ? "\033[?2004h" : "\033[?2004l");
        }
        if (from == null || from.focus() != to.focus()) out.append(to.focus() ? "\033[?1004h" : "\033[?1004l");
        if (!known || old.cursorStyle() != next.cursorStyle()) out.append("\033[").append(next.cursorStyle()).append(" q");
        moveTo(next.cursorX(), next.cursorY());
        if (!known || old.cursorVisible() != next.cursorVisible()) {
            // a reset hid it; a known terminal shows it as the shadow says
            if (next.cursorVisible()) out.append("\033[?25h");
            else if (known) out.append("\033[?25l");
        }
    }

    private void putCell(int i) {
        int c = next.cp[i];
        out.appendCodePoint(c == 0 ? ' ' : c);
        int[] cb = next.comb == null ? null : next.comb[i];
        if (cb != null) for (int k : cb) out.appendCodePoint(k);
    }

    private void advance(int w) {
        curX += w;
        // past the last column the terminal waits to wrap: only a carriage return or an absolute move is safe
    }

    private void setPen(long a, int u) {
        if (a == pen && u == penUs) return;
        sgr.setLength(0);
        Sgr.append(sgr, a, u);
        out.append(sgr);
        pen = a;
        penUs = u;
    }

    /** Moves the terminal's cursor to (x, y) the shortest way this class knows. */
    private void moveTo(int x, int y) {
        if (curKnown && curY == y && curX == x) return;
        String cup = cup(x, y);
        String best = cup;
        if (curKnown && curY == y && curX < x && curX < cols) {
            String fwd = forward(x - curX);
            if (fwd.length() < best.length()) best = fwd;
            String rewrite = rewrite(curX, x, y);
            if (rewrite != null && utf8Length(rewrite) <= best.length()) best = rewrite;
        } else if (curKnown && y == curY + 1) {
            String crlf = x == 0 ? "\r\n" : "\r\n" + forward(x);
            if (crlf.length() < best.length()) best = crlf;
        } else if (curKnown && curY == y && x == 0) {
            best = "\r";
        }
        out.append(best);
        curX = x;
        curY = y;
        curKnown = true;
    }

    /** The unchanged cells from..to-1 of row y, if writing them again in the current pen moves the cursor as well. */
    private String rewrite(int from, int to, int y) {
        if (to - from > MAX_REWRITE) return null;
        StringBuilder sb = new StringBuilder(to - from);
        for (int x = from; x < to; x++) {
            int i = y * cols + x;
            int c = next.cp[i];
            if (c == Frame.PADDING || (c > 0 && CharWidth.of(c) != 1)) return null;
            if (next.attr[i] != pen || next.us[i] != penUs) return null;
            if (next.comb != null && next.comb[i] != null) return null;
            if (!next.sameCell(old, i)) return null;
            sb.appendCodePoint(c == 0 ? ' ' : c);
        }
        return sb.toString();
    }

    private static String forward(int n) { return n == 1 ? "\033[C" : "\033[" + n + "C"; }

    private static String cup(int x, int y) {
        if (x == 0) return y == 0 ? "\033[H" : "\033[" + (y + 1) + "H";
        return "\033[" + (y + 1) + ";" + (x + 1) + "H";
    }

    private static int utf8Length(String s) { return s.getBytes(StandardCharsets.UTF_8).length; }
}
