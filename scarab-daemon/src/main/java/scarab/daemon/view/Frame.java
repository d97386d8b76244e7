package scarab.daemon.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import scarab.daemon.terminal.Attr;
import scarab.daemon.terminal.CharWidth;

/**
 * A picture of a client's whole terminal: {@code cols x rows} cells, the cursor and the modes.
 *
 * <p>A cell is a code point (0 = blank, shown as a space; {@link #PADDING} = the right half of the
 * wide character on its left), combining characters (rare, a side table), packed {@link Attr}
 * attributes (never the DEC graphics bit: line-drawing characters are stored as their Unicode
 * equivalents) and an underline colour. Rows are flat arrays so that a row compares with
 * {@link Arrays#equals} in one call ({@link #sameRow}).
 *
 * <p>Built by one thread ({@link Compositor}); once handed to a {@link TerminalWriter} as the new
 * shadow it must not change.
 */
public final class Frame {
    /** Code point of the right half of a wide character. */
    public static final int PADDING = -1;

    /** DECSCUSR value 0: the terminal's default cursor shape. */
    public static final int DEFAULT_CURSOR_STYLE = 0;

    private final int cols, rows;
    final int[] cp;
    final long[] attr;
    final int[] us;
    int[][] comb; // null while no cell has combining characters

    int cursorX, cursorY;
    boolean cursorVisible = true;
    int cursorStyle = DEFAULT_CURSOR_STYLE;
    Modes modes = Modes.NONE;

    public Frame(int cols, int rows) {
        if (cols < 1 || rows < 1) throw new IllegalArgumentException("bad frame size " + cols + "x" + rows);
        this.cols = cols;
        this.rows = rows;
        this.cp = new int[cols * rows];
        this.attr = new long[cols * rows];
        this.us = new int[cols * rows];
    }

    public int cols() { return cols; }
    public int rows() { return rows; }

    /** 0 = blank, {@link #PADDING} = right half of a wide character. */
    public int codePoint(int x, int y) { return cp[index(x, y)]; }

    /** Packed {@link Attr} attributes. */
    public long attr(int x, int y) { return attr[index(x, y)]; }

    /** Underline colour (SGR 58), 0 if none. */
    public int underlineColour(int x, int y) { return us[index(x, y)]; }

    /** Combining characters of the cell, or null. */
    public int[] combining(int x, int y) { return comb == null ? null : comb[index(x, y)]; }

    /** The cell's text: "" for the right half of a wide character, " " for a blank. */
    public String text(int x, int y) {
        int i = index(x, y);
        int c = cp[i];
        if (c == PADDING) return "";
        StringBuilder sb = new StringBuilder(2).appendCodePoint(c == 0 ? ' ' : c);
        int[] cb = comb == null ? null : comb[i];
        if (cb != null) for (int k : cb) sb.appendCodePoint(k);
        return sb.toString();
    }

    public int cursorX() { return cursorX; }
    public int cursorY() { return cursorY; }
    public boolean cursorVisible() { return cursorVisible; }
    /** DECSCUSR value, 0 = the terminal's default. */
    public int cursorStyle() { return cursorStyle; }
    public Modes modes() { return modes; }

    /** The rows as text, one string per row, wide characters once, trailing blanks kept. */
    public List<String> lines() {
        List<String> out = new ArrayList<>(rows);
        for (int y = 0; y < rows; y++) {
            StringBuilder sb = new StringBuilder(cols);
            for (int x = 0; x < cols; x++) sb.append(text(x, y));
            out.add(sb.toString());
        }
        return out;
    }

    // ---- building (package-private: the compositor and tests) ----

    /**
     * Sets one cell. A wide character also sets its right half; it must fit ({@code x + 1 < cols}).
     * A character that overwrites half of a wide one blanks the other half, as a terminal does.
     */
    void set(int x, int y, int c, int[] combining, long a, int u) {
        int w = c > 0 ? Math.max(1, CharWidth.of(c)) : 1;
        if (w == 2 && x + 1 >= cols) throw new IllegalArgumentException("wide character at the last column");
        int i = index(x, y);
        if (cp[i] == PADDING && x > 0) blank(i - 1);
        if (x + w < cols && cp[i + w] == PADDING) blank(i + w);
        put(i, c, combining, a, u);
        if (w == 2) {
            if (x + 2 < cols && cp[i + 2] == PADDING) blank(i + 2);
            put(i + 1, PADDING, null, a, u);
        }
    }

    private void blank(int i) { put(i, 0, null, 0L, 0); }

    private void put(int i, int c, int[] combining, long a, int u) {
        cp[i] = c;
        attr[i] = a;
        us[i] = u;
        if (combining != null) {
            if (comb == null) comb = new int[cp.length][];
            comb[i] = combining;
        } else if (comb != null) {
            comb[i] = null;
        }
    }

    void cursor(int x, int y, boolean visible, int style) {
        this.cursorX = Math.max(0, Math.min(x, cols - 1));
        this.cursorY = Math.max(0, Math.min(y, rows - 1));
        this.cursorVisible = visible;
        this.cursorStyle = style;
    }

    void modes(Modes m) { this.modes = m; }

    /** A copy to build the next frame from: the cells, cursor and modes (combining arrays shared: never changed). */
    public Frame copy() {
        Frame c = new Frame(cols, rows);
        System.arraycopy(cp, 0, c.cp, 0, cp.length);
        System.arraycopy(attr, 0, c.attr, 0, attr.length);
        System.arraycopy(us, 0, c.us, 0, us.length);
        if (comb != null) c.comb = comb.clone();
        c.cursorX = cursorX;
        c.cursorY = cursorY;
        c.cursorVisible = cursorVisible;
        c.cursorStyle = cursorStyle;
        c.modes = modes;
        return c;
    }

    /** Row {@code y} becomes row {@code fromY} of {@code from} (a frame of the same width), whole. */
    void copyRow(Frame from, int fromY, int y) {
        int src = fromY * cols, dst = y * cols;
        System.arraycopy(from.cp, src, cp, dst, cols);
        System.arraycopy(from.attr, src, attr, dst, cols);
        System.arraycopy(from.us, src, us, dst, cols);
        if (from.comb != null || comb != null) {
            if (comb == null) comb = new int[cp.length][];
            if (from.comb != null) System.arraycopy(from.comb, src, comb, dst, cols);
            else Arrays.fill(comb, dst, dst + cols, null);
        }
    }

    /**
     * What a terminal does to its picture when rows {@code top..bottom} scroll up {@code n} lines in
     * the default pen (a scroll region and line feeds): the rows move up, blank ones come in below.
     */
    void scrollUp(int top, int bottom, int n) {
        for (int y = top; y <= bottom; y++) {
            if (y + n <= bottom) {
                copyRow(this, y + n, y);
            } else {
                int i = y * cols;
                Arrays.fill(cp, i, i + cols, 0);
                Arrays.fill(attr, i, i + cols, 0L);
                Arrays.fill(us, i, i + cols, 0);
                if (comb != null) Arrays.fill(comb, i, i + cols, null);
            }
        }
    }

    /** True if row y holds the same cells here and in {@code o} (a frame of the same width). */
    boolean sameRow(Frame o, int y) {
        int from = y * cols, to = from + cols;
        if (!Arrays.equals(cp, from, to, o.cp, from, to)) return false;
        if (!Arrays.equals(attr, from, to, o.attr, from, to)) return false;
        if (!Arrays.equals(us, from, to, o.us, from, to)) return false;
        if (comb == null && o.comb == null) return true;
        for (int i = from; i < to; i++) {
            if (!Arrays.equals(comb == null ? null : comb[i], o.comb == null ? null : o.comb[i])) return false;
        }
        return true;
    }

    /** True if cell i (an index into the flat arrays) is the same here and in {@code o}. */
    boolean sameCell(Frame o, int i) {
        return cp[i] == o.cp[i] && attr[i] == o.attr[i] && us[i] == o.us[i]
                && Arrays.equals(comb == null ? null : comb[i], o.comb == null ? null : o.comb[i]);
    }

    int index(int x, int y) {
        if (x < 0 || x >= cols || y < 0 || y >= rows) {
            throw new IndexOutOfBoundsException("cell " + x + "," + y + " outside " + cols + "x" + rows);
        }
        return y * cols + x;
    }
}
