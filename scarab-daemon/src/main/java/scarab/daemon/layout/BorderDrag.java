package scarab.daemon.layout;

import java.util.ArrayList;
import java.util.List;
import scarab.daemon.layout.Cell.Type;

/**
 * A border dragged with the mouse, as tmux 3.3a's cmd_resize_pane_mouse_update moves it: the
 * cells whose border lies at the last mouse position or one cell around it (so a corner moves
 * both of its borders) are resized by how far the mouse went along their parent's axis, without
 * taking room from the cells before them (layout_resize_layout with {@code opposite} 0).
 */
final class BorderDrag {
    private static final int[][] AROUND = {{0, 0}, {0, 1}, {1, 0}, {0, -1}, {-1, 0}};

    private BorderDrag() {}

    static boolean drag(Cell root, int lx, int ly, int x, int y) {
        List<Cell> cells = new ArrayList<>();
        for (int[] o : AROUND) {
            Cell lc = searchByBorder(root, lx + o[0], ly + o[1]);
            if (lc != null && cells.stream().noneMatch(c -> c == lc)) {
                cells.add(lc);
            }
        }
        int resizes = 0;
        for (Cell c : cells) {
            Type type = c.parent.type;
            if (y != ly && type == Type.TOP_BOTTOM) {
                Edits.resizeCell(root, c, type, y - ly, false);
                resizes++;
            } else if (x != lx && type == Type.LEFT_RIGHT) {
                Edits.resizeCell(root, c, type, x - lx, false);
                resizes++;
            }
        }
        return resizes > 0;
    }

    /** layout_search_by_border: the cell whose border (after it) is at (x, y), or null. */
    static Cell searchByBorder(Cell lc, int x, int y) {
        Cell last = null;
        for (Cell child : lc.children) {
            if (x >= child.xoff && x < child.xoff + child.sx && y >= child.yoff && y < child.yoff + child.sy) {
                return searchByBorder(child, x, y);
            }
            if (last == null) {
                last = child;
                continue;
            }
            if (lc.type == Type.LEFT_RIGHT && x < child.xoff && x >= last.xoff + last.sx) {
                return last;
            }
            if (lc.type == Type.TOP_BOTTOM && y < child.yoff && y >= last.yoff + last.sy) {
                return last;
            }
            last = child;
        }
        return null;
    }
}
