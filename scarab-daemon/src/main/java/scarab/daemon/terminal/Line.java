package scarab.daemon.terminal;

import java.util.Arrays;

/**
 * One row of cells in primitive arrays: code points and packed attributes ({@link Attr}). A
 * code point of 0 is an empty cell (shown as a space); {@link #WIDE_TAIL} marks the second
 * column of a wide character. Combining characters, which are rare, live in a side array
 * allocated only when a row has some.
 */
public final class Line {
    public static final int WIDE_TAIL = -1;

    int[] cps;
    long[] attrs;
    /** Extra code points appended to a cell (combining marks), by column; null if none. */
    String[] combining;
    /** The row ran into the next one by autowrap (tmux's GRID_LINE_WRAPPED). */
    boolean wrapped;
    /**
     * Cells in use, as tmux counts them (cellused): raised by writes and cell moves, lowered by a
     * clear to the end of the line. Clearing the screen sends lines up to the last used one to history.
     */
    int used;

    Line(int cols) {
        cps = new int[cols];
        attrs = new long[cols];
    }

    /** A copy trimmed of trailing default blanks: what history keeps. */
    Line trimmedCopy() {
        int n = cps.length;
        while (n > 0 && cps[n - 1] == 0 && attrs[n - 1] == 0 && (combining == null || combining[n - 1] == null)) {
            n--;
        }
        Line l = new Line(0);
        l.cps = Arrays.copyOf(cps, n);
        l.attrs = Arrays.copyOf(attrs, n);
        l.combining = combining == null ? null : Arrays.copyOf(combining, n);
        l.wrapped = wrapped;
        l.used = Math.min(used, n);
        return l;
    }

    /** A copy of {@code cols} cells (truncated or padded with blanks). */
    Line resized(int cols) {
        Line l = new Line(0);
        l.cps = Arrays.copyOf(cps, cols);
        l.attrs = Arrays.copyOf(attrs, cols);
        l.combining = combining == null ? null : Arrays.copyOf(combining, cols);
        if (cols < cps.length && cols > 0 && cps[cols - 1] != WIDE_TAIL && cols < cps.length && cps[cols] == WIDE_TAIL) {
            l.cps[cols - 1] = 0; // a wide character cut in half
        }
        l.wrapped = wrapped && cols >= cps.length;
        l.used = Math.min(used, cols);
        return l;
    }

    public int length() {
        return cps.length;
    }

    public int cp(int col) {
        return col < cps.length ? cps[col] : 0;
    }

    public long attr(int col) {
        return col < attrs.length ? attrs[col] : 0;
    }

    public String combiningAt(int col) {
        return combining == null || col >= combining.length ? null : combining[col];
    }

    public boolean wrapped() {
        return wrapped;
    }

    void set(int col, int cp, long attr) {
        cps[col] = cp;
        attrs[col] = attr;
        if (col + 1 > used) {
            used = col + 1;
        }
        if (combining != null) {
            combining[col] = null;
        }
    }

    void combine(int col, int cp) {
        if (combining == null) {
            combining = new String[cps.length];
        }
        String prev = combining[col];
        String add = new String(Character.toChars(cp));
        if (prev == null) {
            combining[col] = add;
        } else if (prev.length() < 16) {
            combining[col] = prev + add;
        }
    }

    /** Blanks cells [from, to) with the erase attributes. */
    void clear(int from, int to, long attr) {
        if (to >= cps.length && from < used) {
            used = from;
        }
        Arrays.fill(cps, from, to, 0);
        Arrays.fill(attrs, from, to, attr);
        if (combining != null) {
            Arrays.fill(combining, from, to, null);
        }
    }

    /** Approximate heap bytes, for memory accounting. */
    long footprint() {
        return 16 + 16 + 4L * cps.length + 16 + 8L * attrs.length + (combining == null ? 0 : 16 + 4L * combining.length) + 24;
    }
}
