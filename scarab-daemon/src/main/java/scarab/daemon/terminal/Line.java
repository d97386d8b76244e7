package scarab.daemon.terminal;

import java.util.Arrays;

/** A mutable screen line: primitive arrays, allocated on first write. */
final class Line extends Row {
    static final int PADDING = -1;
    private static final int[][] NO_COMB = null;

    int[] cp;        // null = nothing stored (all empty)
    long[] at;
    int[][] comb;    // rare side table, null if no combining characters on the line
    int[] us;        // rare side table, null if no underline colours on the line
    int used;        // tmux cellused
    int cellsize;    // tmux cellsize (allocated cells); affects a few tmux corner cases
    boolean wrapped;
    boolean ext;     // line may contain wide characters / padding (tmux GRID_LINE_EXTENDED)
    long stamp;      // the screen's stamp of this line's last change (Screen.rowStamp); 0 = never stamped

    @Override int cp(int x) { return cp != null && x < cp.length ? cp[x] : 0; }
    @Override long attr(int x) { return at != null && x < at.length ? at[x] : 0L; }
    @Override int[] comb(int x) { return comb != null && x < comb.length ? comb[x] : null; }
    @Override int us(int x) { return us != null && x < us.length ? us[x] : 0; }
    @Override int used() { return used; }
    @Override boolean wrapped() { return wrapped; }
    @Override void setWrapped(boolean w) { wrapped = w; }
    @Override int length() { return cp == null ? 0 : cp.length; }

    /** Make sure arrays exist with the given width. */
    void alloc(int cols) {
        if (cp == null) {
            cp = new int[cols];
            at = new long[cols];
        } else if (cp.length != cols) {
            cp = Arrays.copyOf(cp, cols);
            at = Arrays.copyOf(at, cols);
            if (comb != null) comb = Arrays.copyOf(comb, cols);
            if (us != null) us = Arrays.copyOf(us, cols);
        }
    }

    /** tmux grid_empty_line (without bg handling). Keeps arrays for reuse. */
    void reset() {
        if (cp != null) {
            if (used > 0 || cellsize > 0) {
                Arrays.fill(cp, 0);
                Arrays.fill(at, 0L);
            }
        }
        comb = NO_COMB;
        us = null;
        used = 0;
        cellsize = 0;
        wrapped = false;
        ext = false;
    }

    /** Drops the arrays entirely (a blank line costs only the object). */
    void release() {
        cp = null;
        at = null;
        comb = null;
        us = null;
        used = 0;
        cellsize = 0;
        wrapped = false;
        ext = false;
    }

    /** True if nothing in the line differs from a blank default line. */
    boolean isBlank() {
        if (cp == null) return true;
        for (int i = 0; i < cp.length; i++) if (cp[i] != 0 || at[i] != 0) return false;
        return comb == null && us == null;
    }

    void setComb(int x, int[] c) {
        if (c == null) {
            if (comb != null) comb[x] = null;
            return;
        }
        if (comb == null) comb = new int[cp.length][];
        comb[x] = c;
    }

    void setUs(int x, int u) {
        if (u == 0) {
            if (us != null) us[x] = 0;
            return;
        }
        if (us == null) us = new int[cp.length];
        us[x] = u;
    }

    Line copy() {
        Line l = new Line();
        if (cp != null) {
            l.cp = cp.clone();
            l.at = at.clone();
            if (comb != null) l.comb = comb.clone();
            if (us != null) l.us = us.clone();
        }
        l.used = used;
        l.cellsize = cellsize;
        l.wrapped = wrapped;
        l.ext = ext;
        return l;
    }

    /** Resize to a new width (no reflow): truncate or extend. */
    void setWidth(int cols) {
        if (cp != null && cp.length != cols) alloc(cols);
        if (used > cols) used = cols;
        if (cellsize > cols) cellsize = cols;
    }

    /** Approximate retained size in bytes (for memory estimates). */
    long footprint() {
        long n = 40;
        if (cp != null) n += 16 + 4L * cp.length + 16 + 8L * at.length;
        if (comb != null) n += 16 + 4L * comb.length;
        if (us != null) n += 16 + 4L * us.length;
        return n;
    }
}
