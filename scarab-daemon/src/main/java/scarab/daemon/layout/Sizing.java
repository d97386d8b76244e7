package scarab.daemon.layout;

import scarab.daemon.layout.Cell.Type;

/**
 * The size arithmetic of tmux 3.3a's layout.c, which the geometry must equal cell for cell:
 * how much a cell can give up, how a change spreads over its children, the proportional resize
 * of a subtree for split-window -f, and the offsets that follow from the sizes. tmux computes
 * in unsigned ints and some of its results depend on the wrap-around; those places compute in
 * longs cut to 32 bits ({@link #u}) so that the same inputs give the same cells.
 * (pane-border-status is off, tmux's default, so no cell loses a row to a pane status line.)
 */
final class Sizing {
    /** tmux's PANE_MINIMUM: the smallest pane is one cell wide and one high. */
    static final int PANE_MINIMUM = 1;

    private Sizing() {
    }

    static long u(long v) {
        return v & 0xFFFFFFFFL;
    }

    /** layout_resize_check: how many cells {@code lc} can give up along {@code type}. */
    static long resizeCheck(Cell lc, Type type) {
        if (lc.isLeaf()) {
            long available = lc.size(type);
            return available > PANE_MINIMUM ? available - PANE_MINIMUM : 0;
        }
        if (lc.type == type) {
            long available = 0;
            for (Cell c : lc.children) {
                available += resizeCheck(c, type);
            }
            return u(available);
        }
        long minimum = 0xFFFFFFFFL;
        for (Cell c : lc.children) {
            minimum = Math.min(minimum, resizeCheck(c, type));
        }
        return minimum;
    }

    /**
     * layout_resize_adjust: grow or shrink {@code lc} by {@code change} along {@code type},
     * one cell at a time over the children in turn. The callers bound the change first; the
     * guard against a round with no progress only stops a loop that tmux would never leave.
     */
    static void resizeAdjust(Cell lc, Type type, int change) {
        if (type == Type.LEFT_RIGHT) {
            lc.sx += change;
        } else {
            lc.sy += change;
        }
        if (lc.isLeaf()) {
            return;
        }
        if (lc.type != type) {
            for (Cell c : lc.children) {
                resizeAdjust(c, type, change);
            }
            return;
        }
        while (change != 0) {
            boolean progress = false;
            for (Cell c : lc.children) {
                if (change == 0) {
                    break;
                }
                if (change > 0) {
                    resizeAdjust(c, type, 1);
                    change--;
                    progress = true;
                    continue;
                }
                if (resizeCheck(c, type) > 0) {
                    resizeAdjust(c, type, -1);
                    change++;
                    progress = true;
                }
            }
            if (!progress) {
                break;
            }
        }
    }

    /** layout_new_pane_size: a child's share when its parent goes from previous to size. */
    static long newPaneSize(long previous, Cell lc, Type type, long size, long countLeft, long sizeLeft) {
        if (countLeft == 1) {
            return u(sizeLeft);
        }
        long available = resizeCheck(lc, type);
        long min = u((long) (PANE_MINIMUM + 1) * (countLeft - 1));
        long own = Integer.toUnsignedLong(lc.size(type));
        if (u(own - available) > min) {
            min = u(own - available);
        }
        long newSize = u(own * size) / previous;
        long max = u(sizeLeft - min);
        if (newSize > max) {
            newSize = max;
        }
        if (newSize < PANE_MINIMUM) {
            newSize = PANE_MINIMUM;
        }
        return newSize;
    }

    /** layout_set_size_check: can {@code lc} and all below it be made {@code size} long? */
    static boolean setSizeCheck(Cell lc, Type type, long size) {
        if (lc.isLeaf()) {
            return (int) size >= PANE_MINIMUM;
        }
        long available = u(size);
        int count = lc.children.size();
        if (lc.type == type) {
            if (available < (long) count * 2 - 1) {
                return false;
            }
            long previous = Integer.toUnsignedLong(lc.size(type));
            int idx = 0;
            for (Cell c : lc.children) {
                long newSize = newPaneSize(previous, c, type, u(size), count - idx, available);
                if (idx == count - 1) {
                    if (newSize > available) {
                        return false;
                    }
                    available -= newSize;
                } else {
                    if (newSize + 1 > available) {
                        return false;
                    }
                    available -= newSize + 1;
                }
                if (!setSizeCheck(c, type, newSize)) {
                    return false;
                }
                idx++;
            }
        } else {
            for (Cell c : lc.children) {
                if (c.isLeaf()) {
                    continue;
                }
                if (!setSizeCheck(c, type, size)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** layout_resize_child_cells: fit the children of {@code lc} to its (new) size, proportionally. */
    static void resizeChildCells(Cell lc) {
        if (lc.isLeaf()) {
            return;
        }
        int count = lc.children.size();
        long previous = 0;
        for (Cell c : lc.children) {
            previous += Integer.toUnsignedLong(lc.type == Type.LEFT_RIGHT ? c.sx : c.sy);
        }
        previous = u(previous + count - 1);
        long available = Integer.toUnsignedLong(lc.type == Type.LEFT_RIGHT ? lc.sx : lc.sy);
        int idx = 0;
        for (Cell c : lc.children) {
            if (lc.type == Type.TOP_BOTTOM) {
                c.sx = lc.sx;
                c.xoff = lc.xoff;
            } else {
                c.sx = (int) newPaneSize(previous, c, lc.type, Integer.toUnsignedLong(lc.sx), count - idx, available);
                available = u(available - (Integer.toUnsignedLong(c.sx) + 1));
            }
            if (lc.type == Type.LEFT_RIGHT) {
                c.sy = lc.sy;
                c.yoff = lc.yoff;
            } else {
                c.sy = (int) newPaneSize(previous, c, lc.type, Integer.toUnsignedLong(lc.sy), count - idx, available);
                available = u(available - (Integer.toUnsignedLong(c.sy) + 1));
            }
            resizeChildCells(c);
            idx++;
        }
    }

    /** layout_spread_cell (3.3a: the last child takes what an even share leaves over). */
    static boolean spreadCell(Cell parent) {
        int number = parent.children.size();
        if (number <= 1 || parent.isLeaf()) {
            return false;
        }
        long size = Integer.toUnsignedLong(parent.size(parent.type));
        if (size < number - 1) {
            return false;
        }
        long each = (size - (number - 1)) / number;
        if (each == 0) {
            return false;
        }
        boolean changed = false;
        for (int i = 0; i < number; i++) {
            Cell c = parent.children.get(i);
            if (i == number - 1) {
                each = u(size - (each + 1) * (number - 1));
            }
            int change = (int) each - c.size(parent.type);
            resizeAdjust(c, parent.type, change);
            if (change != 0) {
                changed = true;
            }
        }
        return changed;
    }

    /** layout_fix_offsets: place every cell from the root's corner by the sizes alone. */
    static void fixOffsets(Cell root) {
        root.xoff = 0;
        root.yoff = 0;
        fixOffsets1(root);
    }

    private static void fixOffsets1(Cell lc) {
        if (lc.type == Type.LEFT_RIGHT) {
            int xoff = lc.xoff;
            for (Cell c : lc.children) {
                c.xoff = xoff;
                c.yoff = lc.yoff;
                if (!c.isLeaf()) {
                    fixOffsets1(c);
                }
                xoff += c.sx + 1;
            }
        } else if (lc.type == Type.TOP_BOTTOM) {
            int yoff = lc.yoff;
            for (Cell c : lc.children) {
                c.xoff = lc.xoff;
                c.yoff = yoff;
                if (!c.isLeaf()) {
                    fixOffsets1(c);
                }
                yoff += c.sy + 1;
            }
        }
    }
}
