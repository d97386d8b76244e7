package scarab.daemon.terminal;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewraps a screen's lines to a new width the way tmux 3.3a does on a resize (grid.c, grid_reflow):
 * a line wider than the width is split into wrapped lines, a wrapped line narrower than it takes
 * as much of the lines it wraps into as fits, a line of exactly the width or not wrapped is kept.
 * The result is tmux's down to its quirks (an empty wrapped line is skipped by a join, a join
 * stops at a line that does not wrap, a wide character never straddles two lines, the scroll
 * position {@code hscrolled} moves as tmux moves it), since capture-pane must match tmux's.
 *
 * <p>Lines that need no change are the same objects in the result: a history line kept as it was
 * is not copied (and the history store sees it unchanged). Lines that change are new {@link Line}s
 * (a visible line given may be changed in place: the caller replaces them all).
 */
final class Reflow {
    private final Row[] src;  // null once moved or consumed (tmux's dead lines)
    private final int sx;
    private final List<Row> out;
    private int hscrolled;

    private Reflow(Row[] src, int sx, int hscrolled) {
        this.src = src;
        this.sx = sx;
        this.hscrolled = hscrolled;
        this.out = new ArrayList<>(src.length + src.length / 4 + 8);
    }

    /** The reflowed lines and the scroll position that goes with them. */
    record Result(List<Row> lines, int hscrolled) {}

    /** Reflows {@code rows} (oldest first; the array is consumed) to {@code sx} columns. */
    static Result reflow(Row[] rows, int sx, int hscrolled) {
        Reflow r = new Reflow(rows, Math.max(1, sx), hscrolled);
        r.run();
        return new Result(r.out, r.hscrolled);
    }

    private void run() {
        for (int yy = 0; yy < src.length; yy++) {
            Row gl = src[yy];
            if (gl == null) continue;
            int used = gl.used();
            int width, at;
            if (noWide(gl)) {
                width = used;
                at = Math.min(used, sx);
            } else {
                width = 0;
                at = 0;
                for (int i = 0; i < used; i++) {
                    int w = cellWidth(gl, i);
                    if (at == 0 && width + w > sx) at = i;
                    width += w;
                }
            }
            if (width == sx) {
                move(yy);
            } else if (width > sx) {
                split(yy, at);
            } else if (gl.wrapped()) {
                join(yy, width, false);
            } else {
                move(yy);
            }
        }
    }

    private void move(int yy) {
        out.add(src[yy]);
        src[yy] = null;
    }

    /** Appends to the line at {@code yy} (or, {@code already}, to the last line out) what fits of the lines after it. */
    private void join(int yy, int width, boolean already) {
        Line gl;
        int to;
        if (!already) {
            to = out.size();
            gl = mutable(src[yy]);
            out.add(gl);
            src[yy] = null;
        } else {
            to = out.size() - 1;
            gl = (Line) out.get(to);
        }
        int at = gl.used;
        int lines = 0;
        int want = 0;
        Row from = null;
        boolean wrapped = true;
        for (;;) {
            int line = yy + 1 + lines;
            if (line >= src.length) break;
            Row next = src[line];
            if (!next.wrapped()) wrapped = false;
            int nused = next.used();
            if (nused == 0) {
                if (!wrapped) break;
                lines++;
                continue;
            }
            int w = cellWidth(next, 0);
            if (width + w > sx) break;
            width += w;
            put(gl, at++, next, 0);
            from = next;
            for (want = 1; want < nused; want++) {
                w = cellWidth(next, want);
                if (width + w > sx) break;
                width += w;
                put(gl, at++, next, want);
            }
            lines++;
            if (!wrapped || want != nused || width == sx) break;
        }
        if (lines == 0) return;
        int left = from == null ? 0 : from.used() - want;
        if (left != 0) {
            src[yy + lines] = rest(from, want, left);
            lines--;
        } else if (!wrapped) {
            gl.wrapped = false;
        }
        for (int i = yy + 1; i < yy + 1 + lines; i++) src[i] = null;
        if (hscrolled > to + lines) hscrolled -= lines;
        else if (hscrolled > to) hscrolled = to;
    }

    /** Cuts the line at {@code yy} at cell {@code at} and wraps the rest onto new lines. */
    private void split(int yy, int at) {
        Row gl = src[yy];
        int used = gl.used();
        boolean wasWrapped = gl.wrapped();
        int first = out.size();
        out.add(cut(gl, at));
        src[yy] = null;
        Line line = new Line();
        out.add(line);
        int width = 0, xx = 0;
        for (int i = at; i < used; i++) {
            int w = cellWidth(gl, i);
            if (width + w > sx) {
                line.wrapped = true;
                line = new Line();
                out.add(line);
                width = 0;
                xx = 0;
            }
            width += w;
            put(line, xx++, gl, i);
        }
        if (wasWrapped) line.wrapped = true;
        int lines = out.size() - first;
        if (yy <= hscrolled) hscrolled += lines - 1;
        if (width < sx && wasWrapped) join(yy, width, true);
    }

    /** The first {@code at} cells of a line, wrapped (the first part of a split). */
    private Line cut(Row r, int at) {
        Line l = new Line();
        if (at > 0) {
            l.alloc(Math.max(sx, at));
            for (int i = 0; i < at; i++) copyCell(l, i, r, i);
        }
        l.used = at;
        l.cellsize = at;
        l.wrapped = true;
        return l;
    }

    /** What a join left of a line: its cells from {@code want} on, moved to the start (tmux grid_move_cells). */
    private Line rest(Row r, int want, int left) {
        Line l = new Line();
        l.alloc(Math.max(sx, left));
        for (int i = 0; i < left; i++) copyCell(l, i, r, want + i);
        l.used = left;
        l.cellsize = left;
        l.wrapped = r.wrapped();
        return l;
    }

    /** A line that can be appended to: a visible line itself, a history line expanded. */
    private Line mutable(Row r) {
        if (r instanceof Line l) return l;
        return ((HistLine) r).toLine(Math.max(sx, r.used()));
    }

    /** tmux grid_set_cell on a line being built: the cell, cellused and cellsize (grid_expand_line's steps). */
    private void put(Line l, int x, Row r, int i) {
        if (l.cp == null || l.cp.length <= x) l.alloc(Math.max(sx, x + 1));
        copyCell(l, x, r, i);
        if (x + 1 > l.used) l.used = x + 1;
        if (x + 1 > l.cellsize) {
            int n = x + 1;
            if (n < sx / 4) n = sx / 4;
            else if (n < sx / 2) n = sx / 2;
            else if (sx > n) n = sx;
            l.cellsize = n;
        }
    }

    private static void copyCell(Line l, int x, Row r, int i) {
        int c = r.cp(i);
        l.cp[x] = c;
        l.at[x] = r.attr(i);
        int[] comb = r.comb(i);
        if (comb != null || l.comb != null) l.setComb(x, comb);
        int u = r.us(i);
        if (u != 0 || l.us != null) l.setUs(x, u);
        if (c == Line.PADDING || c > 0xff) l.ext = true; // conservative: anything that could be wide
    }

    /** Whether the line cannot hold a wide character (every cell is one column): a quick look, no cell read. */
    private static boolean noWide(Row r) {
        if (r instanceof HistLine h) return h.narrow();
        return !((Line) r).ext;
    }

    /**
     * tmux's cell width: 0 for the padding, 2 for a wide character, else 1. A wide character keeps
     * its width when its padding was written over (tmux does not always clear it then), so the
     * character's own width counts, not only the padding after it.
     */
    static int cellWidth(Row r, int i) {
        int c = r.cp(i);
        if (c == Line.PADDING) return 0;
        if (i + 1 < r.used() && r.cp(i + 1) == Line.PADDING) return 2;
        return c > 0xff && CharWidth.of(c) == 2 ? 2 : 1;
    }

    // ---- the cursor: where it is in the text, not on the screen (tmux grid_wrap_position / grid_unwrap_position) ----

    /** Sentinel column: the cursor is past the end of its line's text. */
    static final long PAST_END = Long.MAX_VALUE;

    /** The cursor at {@code (px, py)} as (column in its unwrapped line, unwrapped line number). */
    static long[] wrapPosition(Row[] rows, int px, int py) {
        long ax = 0, ay = 0;
        if (py > rows.length - 1) py = rows.length - 1;
        for (int yy = 0; yy < py; yy++) {
            if (rows[yy].wrapped()) {
                ax += rows[yy].used();
            } else {
                ax = 0;
                ay++;
            }
        }
        if (px >= rows[py].used()) ax = PAST_END;
        else ax += px;
        return new long[] {ax, ay};
    }

    /** Where the text position {@code (wx, wy)} is among the reflowed lines: {column, line}. */
    static long[] unwrapPosition(List<Row> rows, long wx, long wy) {
        int yy;
        long ay = 0;
        int n = rows.size();
        for (yy = 0; yy < n - 1; yy++) {
            if (ay == wy) break;
            if (!rows.get(yy).wrapped()) ay++;
        }
        if (wx == PAST_END) {
            while (yy < n - 1 && rows.get(yy).wrapped()) yy++;
            wx = rows.get(yy).used();
        } else {
            while (yy < n - 1 && rows.get(yy).wrapped()) {
                if (wx < rows.get(yy).used()) break;
                wx -= rows.get(yy).used();
                yy++;
            }
        }
        return new long[] {wx, yy};
    }
}
