package scarab.daemon.layout;

import java.util.List;
import scarab.daemon.layout.Cell.Type;

/**
 * tmux 3.3a's five preset layouts (layout-set.c) with its default options: main-pane-width 80,
 * main-pane-height 24, other-pane-width and other-pane-height 0. Each builds a new tree for the
 * panes in pane order; the window then takes the tree's size, which can be larger than the
 * window when the panes need more room than it has.
 */
enum Presets {
    EVEN_HORIZONTAL("even-horizontal"),
    EVEN_VERTICAL("even-vertical"),
    MAIN_HORIZONTAL("main-horizontal"),
    MAIN_VERTICAL("main-vertical"),
    TILED("tiled");

    static final int MAIN_PANE_WIDTH = 80;
    static final int MAIN_PANE_HEIGHT = 24;

    final String tmuxName;

    Presets(String tmuxName) {
        this.tmuxName = tmuxName;
    }

    /** layout_set_lookup: a unique prefix of a name, or null (unknown or ambiguous). */
    static Presets lookup(String name) {
        Presets matched = null;
        for (Presets p : values()) {
            if (p.tmuxName.startsWith(name)) {
                if (matched != null) {
                    return null;
                }
                matched = p;
            }
        }
        return matched;
    }

    /** The new root for these panes in a window of sx by sy, or null if it stays as it is. */
    Cell arrange(List<Integer> panes, int sx, int sy) {
        if (panes.size() <= 1) {
            return null;
        }
        return switch (this) {
            case EVEN_HORIZONTAL -> even(panes, sx, sy, Type.LEFT_RIGHT);
            case EVEN_VERTICAL -> even(panes, sx, sy, Type.TOP_BOTTOM);
            case MAIN_HORIZONTAL -> main(panes, sx, sy, true);
            case MAIN_VERTICAL -> main(panes, sx, sy, false);
            case TILED -> tiled(panes, sx, sy);
        };
    }

    private static Cell even(List<Integer> panes, int wsx, int wsy, Type type) {
        int n = panes.size();
        int need = n * (Sizing.PANE_MINIMUM + 1) - 1;
        Cell lc = new Cell(null);
        if (type == Type.LEFT_RIGHT) {
            lc.setSize(Math.max(need, wsx), wsy, 0, 0);
        } else {
            lc.setSize(wsx, Math.max(need, wsy), 0, 0);
        }
        lc.type = type;
        for (int id : panes) {
            lc.children.add(Cell.leaf(lc, id, wsx, wsy, 0, 0));
        }
        Sizing.spreadCell(lc);
        Sizing.fixOffsets(lc);
        return lc;
    }

    /**
     * main-horizontal (main pane on top, the others side by side below) or main-vertical (main
     * pane on the left, the others one above the other on its right).
     */
    private static Cell main(List<Integer> panes, int wsx, int wsy, boolean horizontal) {
        int n = panes.size() - 1;
        int across = horizontal ? wsy : wsx;
        int along = horizontal ? wsx : wsy;
        long avail = Sizing.u(across - 1L);
        long mainSize = horizontal ? MAIN_PANE_HEIGHT : MAIN_PANE_WIDTH;
        long otherSize;
        if (mainSize + Sizing.PANE_MINIMUM >= avail) {
            mainSize = avail <= 2L * Sizing.PANE_MINIMUM ? Sizing.PANE_MINIMUM : avail - Sizing.PANE_MINIMUM;
            otherSize = Sizing.PANE_MINIMUM;
        } else {
            otherSize = avail - mainSize;
        }
        int length = Math.max(n * (Sizing.PANE_MINIMUM + 1) - 1, along);
        Type mainType = horizontal ? Type.TOP_BOTTOM : Type.LEFT_RIGHT;
        Type otherType = horizontal ? Type.LEFT_RIGHT : Type.TOP_BOTTOM;

        Cell lc = new Cell(null);
        lc.type = mainType;
        int total = (int) (mainSize + otherSize + 1);
        if (horizontal) {
            lc.setSize(length, total, 0, 0);
        } else {
            lc.setSize(total, length, 0, 0);
        }
        Cell main = horizontal ? Cell.leaf(lc, panes.get(0), length, (int) mainSize, 0, 0)
                : Cell.leaf(lc, panes.get(0), (int) mainSize, length, 0, 0);
        lc.children.add(main);
        Cell other = new Cell(lc);
        if (horizontal) {
            other.setSize(length, (int) otherSize, 0, 0);
        } else {
            other.setSize((int) otherSize, length, 0, 0);
        }
        lc.children.add(other);
        if (n == 1) {
            other.paneId = panes.get(1);
        } else {
            other.type = otherType;
            for (int id : panes.subList(1, panes.size())) {
                other.children.add(horizontal ? Cell.leaf(other, id, Sizing.PANE_MINIMUM, (int) otherSize, 0, 0)
                        : Cell.leaf(other, id, (int) otherSize, Sizing.PANE_MINIMUM, 0, 0));
            }
            Sizing.spreadCell(other);
        }
        Sizing.fixOffsets(lc);
        return lc;
    }

    private static Cell tiled(List<Integer> panes, int wsx, int wsy) {
        int n = panes.size();
        int rows = 1;
        int columns = 1;
        while (rows * columns < n) {
            rows++;
            if (rows * columns < n) {
                columns++;
            }
        }
        // Unsigned as in tmux: a window narrower than its columns' borders wraps round.
        long width = Math.max(Sizing.u(wsx - (columns - 1L)) / columns, Sizing.PANE_MINIMUM);
        long height = Math.max(Sizing.u(wsy - (rows - 1L)) / rows, Sizing.PANE_MINIMUM);
        Cell lc = new Cell(null);
        lc.setSize((int) Math.max(Sizing.u((width + 1) * columns - 1), wsx),
                (int) Math.max(Sizing.u((height + 1) * rows - 1), wsy), 0, 0);
        lc.type = Type.TOP_BOTTOM;
        int next = 0;
        for (int j = 0; j < rows && next < n; j++) {
            Cell row = new Cell(lc);
            row.setSize(wsx, (int) height, 0, 0);
            lc.children.add(row);
            if (n - j * columns == 1 || columns == 1) {
                row.paneId = panes.get(next++);
                continue;
            }
            row.type = Type.LEFT_RIGHT;
            int i;
            for (i = 0; i < columns; i++) {
                row.children.add(Cell.leaf(row, panes.get(next), (int) width, (int) height, 0, 0));
                if (++next == n) {
                    break;
                }
            }
            if (i == columns) {
                i--;
            }
            long used = Sizing.u((i + 1) * (width + 1) - 1);
            if (wsx <= used) {
                continue;
            }
            Sizing.resizeAdjust(row.last(), Type.LEFT_RIGHT, (int) (wsx - used));
        }
        long used = Sizing.u(rows * height + rows - 1);
        if (wsy > used) {
            Sizing.resizeAdjust(lc.last(), Type.TOP_BOTTOM, (int) (wsy - used));
        }
        Sizing.fixOffsets(lc);
        return lc;
    }
}
