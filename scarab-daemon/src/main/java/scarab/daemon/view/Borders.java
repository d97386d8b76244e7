package scarab.daemon.view;

import java.util.List;

import scarab.daemon.terminal.Attr;

/**
 * Which cells of a window are pane borders, which line-drawing character each one is and which
 * are green, exactly as tmux 3.3a's screen-redraw.c decides with its defaults
 * ({@code pane-border-lines single}, {@code pane-border-status off},
 * {@code pane-border-indicators colour}, {@code pane-active-border-style fg=green}).
 *
 * <ul>
 * <li>A cell is on a pane's border if it is the column just left or right of the pane, or the row
 *     just above or below it, within the pane's extent plus one ({@code screen_redraw_pane_border}).
 *     With exactly two panes side by side (or one above the other) each pane claims only its half
 *     of the border between them: the first pane the half next to its top (or left) rows, the
 *     second the rest; that is how tmux colours only half the border next to the active pane.</li>
 * <li>The window's right column and bottom row (seen when the client is larger than the window)
 *     are borders of no pane; cells beyond them, or in the window but no pane's, are "outside",
 *     drawn {@code ·}.</li>
 * <li>The character comes from which of the four neighbours are border cells
 *     ({@code screen_redraw_type_of_cell}); beyond the left or top edge counts as border.</li>
 * <li>A border cell belongs to the first pane that claims it, searching from the active pane in
 *     list order and wrapping ({@code screen_redraw_check_cell}); it is green if that pane is the
 *     active one.</li>
 * </ul>
 */
final class Borders {
    // tmux's CELL_* types, in the order of CELL_BORDERS " xqlkmjwvtun~" (DEC graphics)
    static final int INSIDE = 0, TOPBOTTOM = 1, LEFTRIGHT = 2, TOPLEFT = 3, TOPRIGHT = 4, BOTTOMLEFT = 5,
            BOTTOMRIGHT = 6, TOPJOIN = 7, BOTTOMJOIN = 8, LEFTJOIN = 9, RIGHTJOIN = 10, JOIN = 11, OUTSIDE = 12;

    /** The Unicode character of each cell type, as a UTF-8 terminal shows tmux's DEC graphics ones. */
    private static final int[] CHARS = {' ', '│', '─', '┌', '┐', '└', '┘', '┬', '┴', '├', '┤', '┼', '·'};

    /** {@code pane-active-border-style fg=green}. */
    static final long ACTIVE_STYLE = Attr.withFg(0L, Attr.basic(2));
    /** {@code pane-border-style default}. */
    static final long STYLE = 0L;

    private enum Side { INSIDE, OUTSIDE, BORDER }

    private final int sx, sy;
    private final List<PaneRect> panes;
    private final int activeIndex;
    private final boolean twoSideBySide, twoStacked;

    Borders(WindowPicture p) {
        this.sx = p.windowCols();
        this.sy = p.windowRows();
        this.panes = p.panes();
        this.activeIndex = panes.indexOf(p.activePane());
        // screen_redraw_two_panes: exactly two panes, the second not at the left (top) edge
        this.twoSideBySide = panes.size() == 2 && panes.get(1).left() != 0;
        this.twoStacked = panes.size() == 2 && panes.get(1).top() != 0;
    }

    static int character(int type) { return CHARS[type]; }

    /**
     * The cell type at window position (x, y) and its style in the low bits of a long:
     * {@code type | (green ? 1L << 32 : 0)}. {@link #INSIDE} for a cell inside a pane.
     */
    long cell(int x, int y) {
        if (x > sx || y > sy) return OUTSIDE;
        if (x == sx || y == sy) return typeOfCell(x, y);
        int n = panes.size();
        for (int k = 0; k < n; k++) {
            int i = (activeIndex + k) % n;
            Side side = paneBorder(panes.get(i), x, y);
            if (side == Side.INSIDE) return INSIDE;
            if (side == Side.BORDER) return typeOfCell(x, y) | (i == activeIndex ? 1L << 32 : 0L);
        }
        return OUTSIDE;
    }

    static int type(long cell) { return (int) cell; }

    static long style(long cell) { return (cell >>> 32) != 0 ? ACTIVE_STYLE : STYLE; }

    /** screen_redraw_pane_border, with pane-border-status off and the colour indicator on. */
    private Side paneBorder(PaneRect wp, int px, int py) {
        int xoff = wp.left(), yoff = wp.top(), ex = wp.right(), ey = wp.bottom();
        if (px >= xoff && px < ex && py >= yoff && py < ey) return Side.INSIDE;

        if (twoSideBySide) {
            if (xoff == 0 && px == wp.width() && py <= wp.height() / 2) return Side.BORDER;
            if (xoff != 0 && px == xoff - 1 && py > wp.height() / 2) return Side.BORDER;
        } else if ((yoff == 0 || py >= yoff - 1) && py <= ey) {
            if (xoff != 0 && px == xoff - 1) return Side.BORDER;
            if (px == ex) return Side.BORDER;
        }

        if (twoStacked) {
            if (yoff == 0 && py == wp.height() && px <= wp.width() / 2) return Side.BORDER;
            if (yoff != 0 && py == yoff - 1 && px > wp.width() / 2) return Side.BORDER;
        } else if ((xoff == 0 || px >= xoff - 1) && px <= ex) {
            if (yoff != 0 && py == yoff - 1) return Side.BORDER;
            if (py == ey) return Side.BORDER;
        }
        return Side.OUTSIDE;
    }

    /** screen_redraw_cell_border: is (x, y) a border cell of any pane or of the window? */
    private boolean cellBorder(int px, int py) {
        if (px > sx || py > sy) return false;
        if (px == sx || py == sy) return true;
        for (PaneRect wp : panes) {
            Side side = paneBorder(wp, px, py);
            if (side == Side.INSIDE) return false;
            if (side == Side.BORDER) return true;
        }
        return false;
    }

    /** screen_redraw_type_of_cell: the line-drawing character from the neighbours that are borders. */
    private int typeOfCell(int px, int py) {
        if (px > sx || py > sy) return OUTSIDE;
        int borders = 0;
        if (px == 0 || cellBorder(px - 1, py)) borders |= 8;
        if (px <= sx && cellBorder(px + 1, py)) borders |= 4;
        if (py == 0 || cellBorder(px, py - 1)) borders |= 2;
        if (cellBorder(px, py + 1)) borders |= 1;
        switch (borders) {
            case 15: return JOIN;
            case 14: return BOTTOMJOIN;
            case 13: return TOPJOIN;
            case 12: return LEFTRIGHT;
            case 11: return RIGHTJOIN;
            case 10: return BOTTOMRIGHT;
            case 9: return TOPRIGHT;
            case 7: return LEFTJOIN;
            case 6: return BOTTOMLEFT;
            case 5: return TOPLEFT;
            case 3: return TOPBOTTOM;
            default: return OUTSIDE;
        }
    }
}
