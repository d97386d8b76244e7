package scarab.daemon.layout;

import scarab.daemon.layout.Cell.Type;

/**
 * The tree edits of tmux 3.3a's layout.c that move borders: closing a cell (its space goes to
 * a neighbour), resizing the whole layout to a window size, and moving one pane's border.
 */
final class Edits {
    private Edits() {
    }

    /**
     * layout_destroy_cell: remove {@code lc}; its space and border go to the previous sibling,
     * or the next one when it was the first; a node left with one child is replaced by it.
     * Returns the root afterwards.
     */
    static Cell destroyCell(Cell lc, Cell root) {
        Cell parent = lc.parent;
        if (parent == null) {
            return null;
        }
        Cell other = lc == parent.first() ? lc.next() : lc.prev();
        if (other != null) {
            int change = (parent.type == Type.LEFT_RIGHT ? lc.sx : lc.sy) + 1;
            Sizing.resizeAdjust(other, parent.type, change);
        }
        parent.children.remove(lc);
        lc.parent = null;
        if (parent.children.size() == 1) {
            Cell only = parent.children.remove(0);
            only.parent = parent.parent;
            if (only.parent == null) {
                only.xoff = 0;
                only.yoff = 0;
                return only;
            }
            java.util.List<Cell> siblings = only.parent.children;
            siblings.set(siblings.indexOf(parent), only);
        }
        return root;
    }

    /** layout_resize: fit the layout to a new window size, never below what its panes need. */
    static void resizeLayout(Cell root, int sx, int sy) {
        int xchange = sx - root.sx;
        int xlimit = (int) Sizing.resizeCheck(root, Type.LEFT_RIGHT);
        if (xchange < 0 && xchange < -xlimit) {
            xchange = -xlimit;
        }
        if (xlimit == 0) {
            xchange = sx <= root.sx ? 0 : sx - root.sx;
        }
        if (xchange != 0) {
            Sizing.resizeAdjust(root, Type.LEFT_RIGHT, xchange);
        }
        int ychange = sy - root.sy;
        int ylimit = (int) Sizing.resizeCheck(root, Type.TOP_BOTTOM);
        if (ychange < 0 && ychange < -ylimit) {
            ychange = -ylimit;
        }
        if (ylimit == 0) {
            ychange = sy <= root.sy ? 0 : sy - root.sy;
        }
        if (ychange != 0) {
            Sizing.resizeAdjust(root, Type.TOP_BOTTOM, ychange);
        }
        Sizing.fixOffsets(root);
    }

    /** layout_resize_pane: move the border after (or, for the last cell, before) a pane. */
    static void resizePane(Cell root, Cell leaf, Type type, int change) {
        Cell lc = leaf;
        Cell parent = lc.parent;
        while (parent != null && parent.type != type) {
            lc = parent;
            parent = lc.parent;
        }
        if (parent == null) {
            return;
        }
        if (lc == parent.last()) {
            lc = lc.prev();
        }
        resizeCell(root, lc, type, change, true);
    }

    /**
     * layout_resize_layout: move the border after {@code lc} by {@code change}. Growing takes
     * from the cells after it, and with {@code opposite} (resize-pane) from those before it when
     * those after have no room; a border dragged with the mouse does not ({@code opposite} false).
     */
    static void resizeCell(Cell root, Cell lc, Type type, int change, boolean opposite) {
        int needed = change;
        while (needed != 0) {
            int size;
            if (change > 0) {
                size = grow(lc, type, needed, opposite);
                needed -= size;
            } else {
                size = shrink(lc, type, needed);
                needed += size;
            }
            if (size == 0) {
                break;
            }
        }
        Sizing.fixOffsets(root);
    }

    /** layout_resize_pane_to: the change that makes the pane's cell {@code newSize} long. */
    static void resizePaneTo(Cell root, Cell leaf, Type type, int newSize) {
        Cell lc = leaf;
        Cell parent = lc.parent;
        while (parent != null && parent.type != type) {
            lc = parent;
            parent = lc.parent;
        }
        if (parent == null) {
            return;
        }
        int size = lc.size(type);
        int change = lc == parent.last() ? size - newSize : newSize - size;
        resizePane(root, leaf, type, change);
    }

    private static int grow(Cell lc, Type type, int needed, boolean opposite) {
        long size = 0;
        Cell remove = lc.next();
        while (remove != null) {
            size = Sizing.resizeCheck(remove, type);
            if (size > 0) {
                break;
            }
            remove = remove.next();
        }
        if (opposite && remove == null) {
            remove = lc.prev();
            while (remove != null) {
                size = Sizing.resizeCheck(remove, type);
                if (size > 0) {
                    break;
                }
                remove = remove.prev();
            }
        }
        if (remove == null) {
            return 0;
        }
        if (size > needed) {
            size = needed;
        }
        Sizing.resizeAdjust(lc, type, (int) size);
        Sizing.resizeAdjust(remove, type, (int) -size);
        return (int) size;
    }

    private static int shrink(Cell lc, Type type, int needed) {
        long size = 0;
        Cell remove = lc;
        do {
            size = Sizing.resizeCheck(remove, type);
            if (size != 0) {
                break;
            }
            remove = remove.prev();
        } while (remove != null);
        if (remove == null) {
            return 0;
        }
        Cell add = lc.next();
        if (add == null) {
            return 0;
        }
        if (size > -(long) needed) {
            size = -(long) needed;
        }
        Sizing.resizeAdjust(add, type, (int) size);
        Sizing.resizeAdjust(remove, type, (int) -size);
        return (int) size;
    }
}
