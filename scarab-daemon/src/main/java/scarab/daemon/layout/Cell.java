package scarab.daemon.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One cell of a layout tree, tmux's {@code struct layout_cell}: a pane (leaf) or a node whose
 * children sit left-right or top-bottom with a one-cell border between neighbours. Sizes are
 * tmux's unsigned ints; the arithmetic that relies on their wrapping lives in {@link Sizing}.
 */
final class Cell {
    enum Type { PANE, LEFT_RIGHT, TOP_BOTTOM }

    Type type = Type.PANE;
    Cell parent;
    final List<Cell> children = new ArrayList<>();
    int sx;
    int sy;
    int xoff;
    int yoff;
    /** The pane in a leaf, -1 in a node (or a leaf read from a layout string, before assignment). */
    int paneId = -1;

    Cell(Cell parent) {
        this.parent = parent;
    }

    static Cell leaf(Cell parent, int paneId, int sx, int sy, int xoff, int yoff) {
        Cell c = new Cell(parent);
        c.paneId = paneId;
        c.setSize(sx, sy, xoff, yoff);
        return c;
    }

    void setSize(int sx, int sy, int xoff, int yoff) {
        this.sx = sx;
        this.sy = sy;
        this.xoff = xoff;
        this.yoff = yoff;
    }

    boolean isLeaf() {
        return type == Type.PANE;
    }

    /** This cell's size along a node type's axis (sx for left-right, sy for top-bottom). */
    int size(Type axis) {
        return axis == Type.LEFT_RIGHT ? sx : sy;
    }

    Cell first() {
        return children.get(0);
    }

    Cell last() {
        return children.get(children.size() - 1);
    }

    /** The next sibling, or null. */
    Cell next() {
        if (parent == null) {
            return null;
        }
        int i = parent.children.indexOf(this);
        return i + 1 < parent.children.size() ? parent.children.get(i + 1) : null;
    }

    /** The previous sibling, or null. */
    Cell prev() {
        if (parent == null) {
            return null;
        }
        int i = parent.children.indexOf(this);
        return i > 0 ? parent.children.get(i - 1) : null;
    }

    int countLeaves() {
        if (isLeaf()) {
            return 1;
        }
        int n = 0;
        for (Cell c : children) {
            n += c.countLeaves();
        }
        return n;
    }

    void forEachLeaf(Consumer<Cell> action) {
        if (isLeaf()) {
            action.accept(this);
            return;
        }
        for (Cell c : children) {
            c.forEachLeaf(action);
        }
    }

    Cell findPane(int id) {
        if (isLeaf()) {
            return paneId == id ? this : null;
        }
        for (Cell c : children) {
            Cell found = c.findPane(id);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** A deep copy with the same geometry, for undoing a refused change. */
    Cell copy(Cell newParent) {
        Cell c = new Cell(newParent);
        c.type = type;
        c.paneId = paneId;
        c.setSize(sx, sy, xoff, yoff);
        for (Cell child : children) {
            c.children.add(child.copy(c));
        }
        return c;
    }
}
