package scarab.daemon.view;

import scarab.daemon.terminal.Acs;
import scarab.daemon.terminal.Attr;
import scarab.daemon.terminal.CharWidth;
import scarab.daemon.terminal.Screen;

/**
 * Composes the picture a client shows of a window ({@link WindowPicture}) into a {@link Frame},
 * as tmux 3.3a's screen-redraw.c draws it: the borders and the cells outside the window first
 * ({@link Borders}), each pane's visible cells at its position, then the status line
 * ({@link StatusLineLayout}); the cursor, its shape and the modes are the active pane's.
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
        drawBorders(f, p, top, areaRows);
        for (PaneRect pane : p.panes()) drawPane(f, pane, top, areaRows);
        if (p.status() != null) StatusLineLayout.draw(f, p.statusRow(), p.status());
        placeCursor(f, p, top, areaRows);
        return f;
    }

    /**
     * Classifies only the cells no pane covers: in a tiled layout a cell inside a pane is never
     * another pane's border, and the pane's own cells are drawn over the borders anyway.
     */
    private static void drawBorders(Frame f, WindowPicture p, int top, int areaRows) {
        int cols = f.cols();
        boolean[] covered = new boolean[cols * areaRows];
        for (PaneRect pane : p.panes()) {
            for (int y = pane.top(); y < Math.min(pane.bottom(), areaRows); y++) {
                int from = y * cols + Math.min(pane.left(), cols), to = y * cols + Math.min(pane.right(), cols);
                java.util.Arrays.fill(covered, from, to, true);
            }
        }
        Borders b = new Borders(p);
        for (int y = 0; y < areaRows; y++) {
            for (int x = 0; x < cols; x++) {
                if (covered[y * cols + x]) continue;
                long cell = b.cell(x, y);
                int type = Borders.type(cell);
                if (type != Borders.INSIDE) f.set(x, top + y, Borders.character(type), null, Borders.style(cell), 0);
            }
        }
    }

    /**
     * Copies the pane's cells that fit both the pane and the client. A wide character whose right
     * half would fall outside is drawn as a space with its attributes, as tmux's tty_draw_line does.
     */
    private static void drawPane(Frame f, PaneRect pane, int top, int areaRows) {
        Screen s = pane.screen();
        int width = Math.min(pane.width(), Math.min(s.cols(), f.cols() - pane.left()));
        int height = Math.min(pane.height(), Math.min(s.rows(), areaRows - pane.top()));
        if (width <= 0 || height <= 0) return;
        int[] cps = new int[width];
        long[] attrs = new long[width];
        int[] us = new int[width];
        int[][] comb = new int[width][];
        for (int y = 0; y < height; y++) {
            s.copyCells(y, 0, width, cps, attrs, us, comb, 0);
            int fy = top + pane.top() + y;
            for (int x = 0; x < width; x++) {
                int c = cps[x];
                long a = attrs[x];
                int fx = pane.left() + x;
                if (c == Frame.PADDING) {
                    // drawn with its wide character; an orphan half (left edge) shows blank
                    if (x == 0) f.set(fx, fy, 0, null, a & ~Attr.CHARSET, us[x]);
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
        // cells of the pane beyond a smaller screen were never set: blank, as a fresh frame's are
    }

    /**
     * The active pane's cursor at its place in the client, shown only if the pane shows it and it
     * falls inside the window area (tmux's server_client_reset_state). A cursor waiting to wrap
     * sits one column past the pane's last, as in tmux.
     */
    private static void placeCursor(Frame f, WindowPicture p, int top, int areaRows) {
        PaneRect a = p.activePane();
        Screen s = a.screen();
        int cx = a.left() + (s.pendingWrap() ? s.cols() : s.cursorX());
        if (s.pendingWrap() && cx == f.cols()) {
            cx = f.cols() - 1; // a pane at the client's right edge: tmux keeps it, visible, in the last column
        }
        int cy = a.top() + s.cursorY();
        boolean visible = s.cursorVisible() && cx < f.cols() && cy < areaRows;
        f.cursor(cx, top + cy, visible, s.cursorStyle());
        f.modes(Modes.of(s));
    }
}
