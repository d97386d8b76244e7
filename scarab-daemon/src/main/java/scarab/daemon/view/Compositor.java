package scarab.daemon.view;

import scarab.daemon.terminal.Acs;
import scarab.daemon.terminal.Attr;
import scarab.daemon.terminal.CharWidth;
import scarab.daemon.terminal.Screen;

/**
 * Composes the picture a client shows of a window ({@link WindowPicture}) into a {@link Frame},
 * as tmux 3.3a's screen-redraw.c draws it: the borders and the cells outside the window first
 * ({@link Borders}), each pane's visible cells at its position, then the status line
 * ({@link StatusLineLayout}); the cursor, its shape and the modes are the active pane's. A window
 * larger than the client is seen through the client as tmux pans it ({@link #offset}).
 *
 * <p>The caller holds every pane's screen lock (or runs on the thread that owns the screens)
 * while composing; the frame shares nothing mutable with the screens afterwards.
 */
public final class Compositor {
    private Compositor() {}

    public static Frame compose(WindowPicture p) {
        Frame f = new Frame(p.cols(), p.rows());
        int top = p.windowAreaTop();
        int areaRows = p.windowAreaRows();
        Offset o = offset(p, areaRows);
        drawBorders(f, p, o, top, areaRows);
        for (PaneRect pane : p.panes()) drawPane(f, pane, o, top, areaRows);
        if (p.status() != null) {
            StatusLine status = o.bigger() ? p.status().withOffset(o.x(), o.y()) : p.status();
            StatusLineLayout.draw(f, p.statusRow(), status);
        }
        placeCursor(f, p, o, top, areaRows);
        return f;
    }

    /** The window cell drawn at the client's top-left; {@code bigger} when the window does not fit the client. */
    record Offset(int x, int y, boolean bigger) {}

    /**
     * tmux's tty_window_offset: a window that fits the client is drawn from its top-left corner;
     * one larger than the client (in either direction) is drawn from where the active pane's
     * cursor is in view, centred unless that would pass the window's edge; with the cursor hidden,
     * from the top-left corner.
     */
    static Offset offset(WindowPicture p, int areaRows) {
        int wsx = p.windowCols(), wsy = p.windowRows();
        int sx = p.cols(), sy = areaRows;
        if (sx >= wsx && sy >= wsy) return new Offset(0, 0, false);
        PaneRect a = p.activePane();
        Screen s = a.screen();
        if (!s.cursorVisible()) return new Offset(0, 0, true);
        int cx = a.left() + (s.pendingWrap() ? s.cols() : s.cursorX());
        int cy = a.top() + s.cursorY();
        int ox = cx < sx ? 0 : cx > wsx - sx ? wsx - sx : cx - sx / 2;
        int oy = cy < sy ? 0 : cy > wsy - sy ? wsy - sy : cy - sy / 2;
        return new Offset(ox, oy, true);
    }

    /**
     * Classifies only the cells no pane covers: in a tiled layout a cell inside a pane is never
     * another pane's border, and the pane's own cells are drawn over the borders anyway.
     */
    private static void drawBorders(Frame f, WindowPicture p, Offset o, int top, int areaRows) {
        int cols = f.cols();
        boolean[] covered = new boolean[cols * areaRows];
        for (PaneRect pane : p.panes()) {
            int x0 = Math.max(pane.left() - o.x(), 0), x1 = Math.min(pane.right() - o.x(), cols);
            for (int y = Math.max(pane.top() - o.y(), 0); y < Math.min(pane.bottom() - o.y(), areaRows); y++) {
                if (x0 < x1) java.util.Arrays.fill(covered, y * cols + x0, y * cols + x1, true);
            }
        }
        Borders b = new Borders(p);
        for (int y = 0; y < areaRows; y++) {
            for (int x = 0; x < cols; x++) {
                if (covered[y * cols + x]) continue;
                long cell = b.cell(o.x() + x, o.y() + y);
                int type = Borders.type(cell);
                if (type != Borders.INSIDE) f.set(x, top + y, Borders.character(type), null, Borders.style(cell), 0);
            }
        }
    }

    /**
     * Copies the pane's cells that fit both the pane and the client's view of the window. A wide
     * character whose right half would fall outside is drawn as a space with its attributes, as
     * tmux's tty_draw_line does; a right half whose wide character is outside shows blank.
     */
    private static void drawPane(Frame f, PaneRect pane, Offset o, int top, int areaRows) {
        PaneRows rows = PaneRows.of(f, pane, o, areaRows);
        for (int wy = rows.y0(); wy < rows.y1(); wy++) drawPaneRow(f, pane, o, top, rows, wy);
        // cells of the pane beyond a smaller screen were never set: blank, as a fresh frame's are
    }

    /**
     * The part of a pane the client shows: window columns {@code x0..x1-1} and rows
     * {@code y0..y1-1} (empty when {@code x1 <= x0} or {@code y1 <= y0}).
     */
    record PaneRows(int x0, int x1, int y0, int y1) {
        static PaneRows of(Frame f, PaneRect pane, Offset o, int areaRows) {
            Screen s = pane.screen();
            int x0 = Math.max(pane.left(), o.x());
            int x1 = Math.min(Math.min(pane.right(), pane.left() + s.cols()), o.x() + f.cols());
            int y0 = Math.max(pane.top(), o.y());
            int y1 = Math.min(Math.min(pane.bottom(), pane.top() + s.rows()), o.y() + areaRows);
            return x1 <= x0 ? new PaneRows(x0, x0, y0, y0) : new PaneRows(x0, x1, y0, Math.max(y0, y1));
        }

        int width() { return x1 - x0; }

        int height() { return y1 - y0; }
    }

    /** Draws window row {@code wy} of the pane (one of {@code rows}) into the frame. */
    static void drawPaneRow(Frame f, PaneRect pane, Offset o, int top, PaneRows rows, int wy) {
        int width = rows.width();
        if (width <= 0) return;
        int[] cps = new int[width];
        long[] attrs = new long[width];
        int[] us = new int[width];
        int[][] comb = new int[width][];
        pane.screen().copyCells(wy - pane.top(), rows.x0() - pane.left(), width, cps, attrs, us, comb, 0);
        int fy = top + wy - o.y();
        for (int x = 0; x < width; x++) {
            int c = cps[x];
            long a = attrs[x];
            int fx = rows.x0() - o.x() + x;
            if (c == Frame.PADDING) {
                // drawn with its wide character; an orphan half (at the left edge, or whose wide
                // character was overwritten) shows blank
                if (x == 0 || cps[x - 1] <= 0 || CharWidth.of(cps[x - 1]) != 2) f.set(fx, fy, 0, null, a & ~Attr.CHARSET, us[x]);
                continue;
            }
            if ((a & Attr.CHARSET) != 0 && c > 0) {
                int m = Acs.toUnicode(c);
                if (m != 0) c = m;
            }
            a &= ~Attr.CHARSET;
            if (c > 0 && CharWidth.of(c) == 2 && (x + 1 >= width || cps[x + 1] != Frame.PADDING)) {
                f.set(fx, fy, ' ', null, a, us[x]);
                continue;
            }
            f.set(fx, fy, c, comb[x], a, us[x]);
        }
    }

    /**
     * The active pane's cursor at its place in the client, shown only if the pane shows it and it
     * falls inside the window area (tmux's server_client_reset_state). A cursor waiting to wrap
     * sits one column past the pane's last, as in tmux.
     */
    static void placeCursor(Frame f, WindowPicture p, Offset o, int top, int areaRows) {
        PaneRect a = p.activePane();
        Screen s = a.screen();
        int cx = a.left() + (s.pendingWrap() ? s.cols() : s.cursorX()) - o.x();
        if (s.pendingWrap() && cx == f.cols()) {
            cx = f.cols() - 1; // a pane at the client's right edge: tmux keeps it, visible, in the last column
        }
        int cy = a.top() + s.cursorY() - o.y();
        boolean visible = s.cursorVisible() && cx >= 0 && cx < f.cols() && cy >= 0 && cy < areaRows;
        f.cursor(cx, top + cy, visible, s.cursorStyle());
        f.modes(Modes.of(s));
    }
}
