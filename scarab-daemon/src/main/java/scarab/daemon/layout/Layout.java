package scarab.daemon.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntToLongFunction;
import scarab.daemon.layout.Cell.Type;

/**
 * One window's layout, with tmux 3.3a's geometry: a tree of cells split left-right or
 * top-bottom with a one-cell border between neighbours, the panes in pane order (the order of
 * pane indexes), a zoomed pane, and the window's size. Pure geometry: panes are their ids
 * (tmux's %N) and nothing here starts, resizes or signals a process.
 *
 * <p>Not thread-safe: the window's owner serialises every call.
 *
 * <p>Sizes: the window has the size it was last asked for ({@link #resizeWindow}, from the
 * client or resize-window), unless its panes need more room, as in tmux, where a window can be
 * no smaller than its layout. After split-window and select-layout the layout is fitted back
 * to the asked size where it can be (tmux's recalculate_sizes), so a preset that grew the window
 * shrinks it again as far as the panes allow. (tmux 3.3a also does so on some later kill-pane
 * and resize-pane and not others; that is not modelled.)
 *
 * <p>Zoom follows tmux: every command that changes the layout unzooms first (split-window,
 * kill-pane, resize-pane, select-layout, swap-pane), even when it then refuses, as tmux does;
 * resizing the window keeps the zoom. While zoomed, {@link #panes()} gives the zoomed pane the
 * whole window and the others their places underneath, and {@link #layoutString()} is the
 * layout underneath (#{window_layout}), {@link #visibleLayoutString()} the zoomed one.
 *
 * <p>Refusals throw {@link LayoutException} with tmux's message and change nothing beyond that
 * unzoom. Pane ids the layout does not hold, or a new pane id it already holds, are the
 * caller's bugs: {@link IllegalArgumentException}.
 */
public final class Layout {
    /** tmux's WINDOW_MAXIMUM */
    public static final int WINDOW_MAXIMUM = 10000;

    private Cell root;
    private final List<Integer> order = new ArrayList<>();
    private int zoomed = -1;
    private int sx;
    private int sy;
    private int wantSx;
    private int wantSy;
    /** The preset last applied (index in {@link Presets}), -1 for none: where Space goes next. */
    private int lastPreset = -1;

    private Layout() {
    }

    /** A window of sx by sy holding one pane. */
    public static Layout single(int paneId, int sx, int sy) {
        checkWindowSize(sx, sy);
        Layout l = new Layout();
        l.root = Cell.leaf(null, paneId, sx, sy, 0, 0);
        l.order.add(paneId);
        l.sx = l.wantSx = sx;
        l.sy = l.wantSy = sy;
        return l;
    }

    /**
     * A window's layout brought back from its layout string (as {@link #layoutString()} wrote it)
     * with its panes in pane order: the string's cells get them in that order, as select-layout
     * does. The window takes the string's size. Throws {@link LayoutException} for a string that
     * is not one or does not fit the panes.
     */
    public static Layout restore(String layout, List<Integer> paneIds) {
        if (paneIds.isEmpty()) {
            throw new LayoutException("no panes for layout: " + layout);
        }
        Layout l = new Layout();
        l.order.addAll(paneIds);
        l.root = Cell.leaf(null, paneIds.get(0), 1, 1, 0, 0);
        Cell parsed = LayoutStrings.parse(layout);
        if (parsed == null) {
            throw new LayoutException("invalid layout: " + layout);
        }
        // The string's own size is the one it was stored at: no resize is asked of it.
        l.sx = l.wantSx = parsed.sx;
        l.sy = l.wantSy = parsed.sy;
        l.applyCustom(layout);
        l.wantSx = l.sx;
        l.wantSy = l.sy;
        return l;
    }

    /** A copy that changes independently of this one. */
    public Layout copy() {
        Layout l = new Layout();
        l.restore(snapshot());
        return l;
    }

    public int windowWidth() {
        return sx;
    }

    public int windowHeight() {
        return sy;
    }

    public int paneCount() {
        return order.size();
    }

    public boolean contains(int paneId) {
        return order.contains(paneId);
    }

    /** The pane ids in pane order: the index of a pane is its position here. */
    public List<Integer> paneIds() {
        return List.copyOf(order);
    }

    /** Every pane's place in pane order, as list-panes shows it (zoom included). */
    public List<PaneGeometry> panes() {
        List<PaneGeometry> out = new ArrayList<>(order.size());
        for (int id : order) {
            if (id == zoomed) {
                out.add(new PaneGeometry(id, 0, 0, sx, sy));
            } else {
                Cell c = leaf(id);
                out.add(new PaneGeometry(id, c.xoff, c.yoff, c.sx, c.sy));
            }
        }
        return out;
    }

    public PaneGeometry pane(int paneId) {
        for (PaneGeometry g : panes()) {
            if (g.paneId() == paneId) {
                return g;
            }
        }
        throw new IllegalArgumentException("no pane %" + paneId + " in this layout");
    }

    /** #{window_layout}: the layout underneath any zoom, with its checksum. */
    public String layoutString() {
        return LayoutStrings.dump(root);
    }

    /** #{window_visible_layout}: while zoomed, the zoomed pane alone over the whole window. */
    public String visibleLayoutString() {
        if (zoomed < 0) {
            return layoutString();
        }
        return LayoutStrings.dump(Cell.leaf(null, zoomed, sx, sy, 0, 0));
    }

    /**
     * split-window: a new pane beside {@code targetPane} (or along the whole window with -f).
     * The new pane follows the target in pane order (precedes it with -b; with -f it goes
     * last, or first with -b). Unzooms first.
     */
    public void split(int targetPane, int newPane, SplitSpec spec) {
        Cell target = leaf(targetPane);
        if (order.contains(newPane)) {
            throw new IllegalArgumentException("pane %" + newPane + " is already in this layout");
        }
        Type type = spec.horizontal() ? Type.LEFT_RIGHT : Type.TOP_BOTTOM;
        int size = -1;
        if (spec.size() != null) {
            int curval;
            if (spec.full()) {
                curval = spec.horizontal() ? sx : sy;
            } else {
                PaneGeometry g = pane(targetPane);
                curval = spec.horizontal() ? g.width() : g.height();
            }
            size = sizeArgument("size", spec.size(), spec.percent(), curval);
        }
        unzoom();
        Cell lcnew = splitCell(spec.full() ? root : target, target, type, size, spec.before(), spec.full());
        if (lcnew == null) {
            throw new LayoutException("no space for new pane");
        }
        lcnew.paneId = newPane;
        int at = order.indexOf(targetPane);
        if (spec.full()) {
            order.add(spec.before() ? 0 : order.size(), newPane);
        } else {
            order.add(spec.before() ? at : at + 1, newPane);
        }
        settle();
    }

    /**
     * join-pane's half in the window it goes to: {@code newPane} (a pane of another window) takes
     * a split of {@code targetPane} as split-window would make it, but in pane order it goes just
     * after the target (before it with -b), -f or not, as tmux's join-pane inserts it. Unzooms
     * first; refuses in tmux's words when there is no room.
     */
    public void insert(int newPane, int targetPane, SplitSpec spec) {
        if (order.contains(newPane)) {
            throw new IllegalArgumentException("pane %" + newPane + " is already in this layout");
        }
        Cell lcnew = splitForJoin(targetPane, spec);
        lcnew.paneId = newPane;
        int at = order.indexOf(targetPane);
        order.add(spec.before() ? at : at + 1, newPane);
        settle();
    }

    /**
     * join-pane of two panes of this window: the target is split for {@code movedPane} first,
     * then the moved pane's old cell closes (its space to its neighbour, as kill-pane gives it)
     * and the pane takes the new cell, after (or with -b before) the target in pane order. This
     * order of the two steps is tmux's and shows in the geometry.
     */
    public void move(int movedPane, int targetPane, SplitSpec spec) {
        Cell old = leaf(movedPane);
        if (movedPane == targetPane) {
            throw new IllegalArgumentException("a pane cannot be moved beside itself");
        }
        Cell lcnew = splitForJoin(targetPane, spec);
        root = Edits.destroyCell(old, root);
        Sizing.fixOffsets(root);
        lcnew.paneId = movedPane;
        order.remove(Integer.valueOf(movedPane));
        int at = order.indexOf(targetPane);
        order.add(spec.before() ? at : at + 1, movedPane);
        settle();
    }

    /**
     * The split of join-pane: split-window's arithmetic, with its refusal worded as join-pane's,
     * except that -l N% is of the target pane even with -f (tmux's join-pane takes the pane's size
     * where split-window takes the window's).
     */
    private Cell splitForJoin(int targetPane, SplitSpec spec) {
        Cell target = leaf(targetPane);
        Type type = spec.horizontal() ? Type.LEFT_RIGHT : Type.TOP_BOTTOM;
        int size = -1;
        if (spec.size() != null) {
            PaneGeometry g = pane(targetPane);
            size = sizeArgument("size", spec.size(), spec.percent(), spec.horizontal() ? g.width() : g.height());
        }
        unzoom();
        Cell lcnew = splitCell(spec.full() ? root : target, target, type, size, spec.before(), spec.full());
        if (lcnew == null) {
            throw new LayoutException("create pane failed: pane too small");
        }
        return lcnew;
    }

    /**
     * kill-pane, or a pane whose process exited: its space goes to the previous cell beside it
     * (the next when it was the first), as tmux's layout_close_pane. The last pane cannot be
     * removed: the window closes with it, which is its owner's business.
     */
    public void remove(int paneId) {
        Cell c = leaf(paneId);
        if (order.size() == 1) {
            throw new LayoutException("can't remove the last pane of a window");
        }
        unzoom();
        root = Edits.destroyCell(c, root);
        order.remove(Integer.valueOf(paneId));
        Sizing.fixOffsets(root);
    }

    /** resize-pane -L/-R/-U/-D N: move the pane's border by up to n cells. Unzooms first. */
    public void resizePane(int paneId, Direction dir, int n) {
        Cell c = leaf(paneId);
        unzoom();
        if (n < 1) {
            throw new LayoutException("adjustment too small");
        }
        switch (dir) {
            case LEFT -> Edits.resizePane(root, c, Type.LEFT_RIGHT, -n);
            case RIGHT -> Edits.resizePane(root, c, Type.LEFT_RIGHT, n);
            case UP -> Edits.resizePane(root, c, Type.TOP_BOTTOM, -n);
            case DOWN -> Edits.resizePane(root, c, Type.TOP_BOTTOM, n);
        }
    }

    /**
     * A border dragged with the mouse from cell (lx, ly) to (x, y) of the window (tmux's
     * resize-pane -M): the border at the last place follows the mouse. False when no border was
     * there (or the window is zoomed, where tmux finds no borders) or nothing moved.
     */
    public boolean dragBorder(int lx, int ly, int x, int y) {
        return !zoomed() && BorderDrag.drag(root, lx, ly, x, y);
    }

    /**
     * resize-pane -x W -y H (either may be null): make the pane as near that size as its
     * neighbours allow. For -x N% pass {@code windowWidth() * N / 100}, as tmux does.
     * Unzooms first; as in tmux, a bad height is found after the width was applied.
     */
    public void resizePaneTo(int paneId, Integer width, Integer height) {
        Cell c = leaf(paneId);
        unzoom();
        if (width != null) {
            if (width < 0) {
                throw new LayoutException("width too small");
            }
            Edits.resizePaneTo(root, c, Type.LEFT_RIGHT, width);
        }
        if (height != null) {
            if (height < 0) {
                throw new LayoutException("height too small");
            }
            Edits.resizePaneTo(root, c, Type.TOP_BOTTOM, height);
        }
    }

    /**
     * resize-window, or a client's size: the window is asked to be sx by sy and is so unless
     * its panes need more (tmux's resize_window). A zoomed window stays zoomed.
     */
    public void resizeWindow(int sx, int sy) {
        checkWindowSize(sx, sy);
        wantSx = sx;
        wantSy = sy;
        applyWindowSize(sx, sy);
    }

    /**
     * select-layout NAME (even-horizontal, even-vertical, main-horizontal, main-vertical,
     * tiled, or a unique prefix of one) or a layout string with its checksum, such as
     * {@code #{window_layout}} printed earlier. A layout string with more cells than the window
     * has panes loses its bottom-right cells; panes go into its cells in pane order. Unzooms
     * first. A name here does not make the next {@link #nextLayout()} start after it only if
     * it is a layout string, as in tmux.
     */
    public void select(String nameOrLayout) {
        unzoom();
        Presets preset = Presets.lookup(nameOrLayout);
        if (preset != null) {
            applyPreset(preset);
            return;
        }
        applyCustom(nameOrLayout);
    }

    /** select-layout -n, next-layout, prefix Space: the preset after the one last applied. */
    public void nextLayout() {
        unzoom();
        int n = Presets.values().length;
        applyPreset(Presets.values()[lastPreset < 0 || lastPreset + 1 > n - 1 ? 0 : lastPreset + 1]);
    }

    /** select-layout -p, previous-layout: the preset before the one last applied. */
    public void previousLayout() {
        unzoom();
        int n = Presets.values().length;
        applyPreset(Presets.values()[lastPreset <= 0 ? n - 1 : lastPreset - 1]);
    }

    /**
     * swap-pane -s a -t b: the two panes change places in the layout and in pane order.
     * Unzooms first.
     */
    public void swap(int a, int b) {
        Cell src = leaf(a);
        Cell dst = leaf(b);
        unzoom();
        if (a == b) {
            return;
        }
        // tmux's list surgery, which matters when the two are adjacent.
        int tmp = order.indexOf(b) - 1;
        Integer tmpId = tmp >= 0 ? order.get(tmp) : null;
        order.remove(Integer.valueOf(b));
        order.set(order.indexOf(a), b);
        if (tmpId != null && tmpId == a) {
            tmpId = b;
        }
        order.add(tmpId == null ? 0 : order.indexOf(tmpId) + 1, a);
        src.paneId = b;
        dst.paneId = a;
    }

    /**
     * resize-pane -Z on an unzoomed window: the pane takes the whole window. Nothing happens
     * (false) when a pane is already zoomed or the window has one pane. tmux also makes the
     * zoomed pane the active one; that is the caller's.
     */
    public boolean zoom(int paneId) {
        leaf(paneId);
        if (zoomed >= 0 || order.size() == 1) {
            return false;
        }
        zoomed = paneId;
        return true;
    }

    /** Back to the layout underneath; false if not zoomed. */
    public boolean unzoom() {
        if (zoomed < 0) {
            return false;
        }
        zoomed = -1;
        return true;
    }

    public boolean zoomed() {
        return zoomed >= 0;
    }

    /** The zoomed pane, if any. */
    public OptionalInt zoomedPane() {
        return zoomed < 0 ? OptionalInt.empty() : OptionalInt.of(zoomed);
    }

    /**
     * select-pane -L/-R/-U/-D from {@code paneId}: the pane tmux 3.3a would choose, measured on
     * the layout underneath any zoom (tmux unzooms to look). {@code activePoint} ranks the
     * candidates: higher is more recently active (tmux's active_point; panes never active can
     * be 0). Wraps round the window's edges. Empty when no pane touches that side. tmux then
     * unzooms if the chosen pane is not the active one; that is the caller's.
     */
    public OptionalInt neighbour(int paneId, Direction dir, IntToLongFunction activePoint) {
        leaf(paneId);
        List<PaneGeometry> underneath = new ArrayList<>(order.size());
        for (int id : order) {
            Cell c = leaf(id);
            underneath.add(new PaneGeometry(id, c.xoff, c.yoff, c.sx, c.sy));
        }
        return Neighbours.find(underneath, sx, sy, paneId, dir, activePoint);
    }

    // --- internals ---

    private Cell leaf(int paneId) {
        Cell c = root.findPane(paneId);
        if (c == null) {
            throw new IllegalArgumentException("no pane %" + paneId + " in this layout");
        }
        return c;
    }

    private static void checkWindowSize(int sx, int sy) {
        if (sx < 1) {
            throw new LayoutException("width too small");
        }
        if (sx > WINDOW_MAXIMUM) {
            throw new LayoutException("width too large");
        }
        if (sy < 1) {
            throw new LayoutException("height too small");
        }
        if (sy > WINDOW_MAXIMUM) {
            throw new LayoutException("height too large");
        }
    }

    /** tmux's args_percentage for -l: N cells, or N% of curval (more than 100% is allowed). */
    private static int sizeArgument(String what, int value, boolean percent, int curval) {
        if (percent) {
            if (value < 0) {
                throw new LayoutException(what + " too small");
            }
            long cells = (long) curval * value / 100;
            if (cells > Integer.MAX_VALUE) {
                throw new LayoutException(what + " too large");
            }
            return (int) cells;
        }
        if (value < 0) {
            throw new LayoutException(what + " too small");
        }
        return value;
    }

    /** The window's size follows the asked size again where the layout allows (recalculate_sizes). */
    private void settle() {
        if (sx != wantSx || sy != wantSy) {
            applyWindowSize(wantSx, wantSy);
        }
    }

    /** tmux's resize_window: fit the layout, then the window is no smaller than the layout. */
    private void applyWindowSize(int wsx, int wsy) {
        Edits.resizeLayout(root, wsx, wsy);
        sx = Math.max(wsx, root.sx);
        sy = Math.max(wsy, root.sy);
        if (zoomed >= 0 && order.size() == 1) {
            zoomed = -1;
        }
    }

    /**
     * layout_split_pane: split {@code lc} (the target's cell, or the root with -f) in two along
     * {@code type}; size is the new pane's size in cells or -1 for half. Null when there is no
     * room, with nothing changed.
     */
    private Cell splitCell(Cell lc, Cell targetLeaf, Type type, int size, boolean before, boolean full) {
        int csx = lc.sx;
        int csy = lc.sy;
        int xoff = lc.xoff;
        int yoff = lc.yoff;
        long ss = Integer.toUnsignedLong(type == Type.LEFT_RIGHT ? csx : csy);
        if (ss < Sizing.PANE_MINIMUM * 2L + 1) {
            return null;
        }
        long s2;
        if (size < 0) {
            s2 = (ss + 1) / 2 - 1;
        } else if (before) {
            s2 = Sizing.u(ss - size - 1);
        } else {
            s2 = size;
        }
        if (s2 < Sizing.PANE_MINIMUM) {
            s2 = Sizing.PANE_MINIMUM;
        } else if (s2 > ss - 2) {
            s2 = ss - 2;
        }
        long s1 = ss - 1 - s2;
        long newSize = before ? s2 : s1;
        if (full && !Sizing.setSizeCheck(lc, type, newSize)) {
            return null;
        }

        Cell lcnew;
        boolean resizeFirst = false;
        if (lc.parent != null && lc.parent.type == type) {
            Cell parent = lc.parent;
            lcnew = new Cell(parent);
            int at = parent.children.indexOf(lc);
            parent.children.add(before ? at : at + 1, lcnew);
        } else if (full && lc.parent == null && lc.type == type) {
            // The new full-size pane goes into the root itself, after shrinking what is there.
            if (type == Type.LEFT_RIGHT) {
                lc.sx = (int) newSize;
                Sizing.resizeChildCells(lc);
                lc.sx = (int) ss;
            } else {
                lc.sy = (int) newSize;
                Sizing.resizeChildCells(lc);
                lc.sy = (int) ss;
            }
            resizeFirst = true;
            lcnew = new Cell(lc);
            int rest = (int) (ss - 1 - newSize);
            if (type == Type.LEFT_RIGHT) {
                lcnew.setSize(rest, csy, 0, 0);
            } else {
                lcnew.setSize(csx, rest, 0, 0);
            }
            lc.children.add(before ? 0 : lc.children.size(), lcnew);
        } else {
            Cell parent = replaceWithNode(lc, type);
            lcnew = new Cell(parent);
            parent.children.add(before ? 0 : parent.children.size(), lcnew);
        }
        Cell lc1 = before ? lcnew : lc;
        Cell lc2 = before ? lc : lcnew;
        if (!resizeFirst && type == Type.LEFT_RIGHT) {
            lc1.setSize((int) s1, csy, xoff, yoff);
            lc2.setSize((int) s2, csy, xoff + lc1.sx + 1, yoff);
        } else if (!resizeFirst) {
            lc1.setSize(csx, (int) s1, xoff, yoff);
            lc2.setSize(csx, (int) s2, xoff, yoff + lc1.sy + 1);
        }
        if (full) {
            if (!resizeFirst) {
                Sizing.resizeChildCells(lc);
            }
            Sizing.fixOffsets(root);
        }
        return lcnew;
    }

    /** layout_replace_with_node: put a new node of {@code type} where lc was, with lc in it. */
    private Cell replaceWithNode(Cell lc, Type type) {
        Cell node = new Cell(lc.parent);
        node.type = type;
        node.setSize(lc.sx, lc.sy, lc.xoff, lc.yoff);
        if (lc.parent == null) {
            root = node;
        } else {
            List<Cell> siblings = lc.parent.children;
            siblings.set(siblings.indexOf(lc), node);
        }
        lc.parent = node;
        node.children.add(0, lc);
        return node;
    }

    private void applyPreset(Presets preset) {
        Cell arranged = preset.arrange(order, sx, sy);
        if (arranged != null) {
            root = arranged;
            sx = root.sx;
            sy = root.sy;
        }
        lastPreset = preset.ordinal();
        settle();
    }

    /** layout_parse */
    private void applyCustom(String layout) {
        Cell lc = LayoutStrings.parse(layout);
        if (lc == null) {
            throw new LayoutException("invalid layout: " + layout);
        }
        while (true) {
            int npanes = order.size();
            int ncells = lc.countLeaves();
            if (npanes > ncells) {
                throw new LayoutException("have " + npanes + " panes but need " + ncells + ": " + layout);
            }
            if (npanes == ncells) {
                break;
            }
            lc = Edits.destroyCell(LayoutStrings.bottomRight(lc), lc);
        }
        // Older tmux wrote a wrong size for the top cell; tmux trusts its children instead.
        if (!lc.isLeaf()) {
            long csx = 0;
            long csy = 0;
            for (Cell c : lc.children) {
                if (lc.type == Type.LEFT_RIGHT) {
                    csy = c.sy + 1L;
                    csx += c.sx + 1L;
                } else {
                    csx = c.sx + 1L;
                    csy += c.sy + 1L;
                }
            }
            if (lc.sx != csx || lc.sy != csy) {
                lc.sx = (int) (csx - 1);
                lc.sy = (int) (csy - 1);
            }
        }
        if (!LayoutStrings.check(lc)) {
            throw new LayoutException("size mismatch after applying layout: " + layout);
        }
        sx = lc.sx;
        sy = lc.sy;
        root = lc;
        int[] next = {0};
        root.forEachLeaf(c -> c.paneId = order.get(next[0]++));
        Sizing.fixOffsets(root);
        settle();
    }

    private record State(Cell root, List<Integer> order, int zoomed, int sx, int sy, int wantSx, int wantSy,
            int lastPreset) {
    }

    private State snapshot() {
        return new State(root.copy(null), List.copyOf(order), zoomed, sx, sy, wantSx, wantSy, lastPreset);
    }

    private void restore(State s) {
        root = s.root().copy(null);
        order.clear();
        order.addAll(s.order());
        zoomed = s.zoomed();
        sx = s.sx();
        sy = s.sy();
        wantSx = s.wantSx();
        wantSy = s.wantSy();
        lastPreset = s.lastPreset();
    }
}
