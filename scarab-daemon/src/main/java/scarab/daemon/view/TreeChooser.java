package scarab.daemon.view;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chooser's tree without drawing or sessions (tmux's mode-tree): items (session groups,
 * sessions, their windows, their panes) as given, in the order given (the caller sorts them by last use), which
 * of them are expanded, a filter and the selected item; {@link #lines} is what is listed. With a
 * filter an item is listed when it matches ({@link FuzzyFilter}) or one of its descendants does:
 * an item that matches itself keeps its children as they were, one listed only for a descendant is
 * expanded and shows only the matching ones; siblings are ranked by their best match, then in
 * the given order. Not thread-safe: its owner ({@code ChooserMode}) guards it.
 */
public final class TreeChooser {
    public enum Kind { GROUP, SESSION, WINDOW, PANE }

    /**
     * One item: {@code id} names it across rebuilds ({@code $1}, {@code @2}, {@code %3}); {@code name}
     * and {@code text} are what the line shows ({@code name: text}); {@code search} what the filter
     * matches. A group's id is {@code group:NAME}, which no session, window or pane id can be.
     */
    public record Item(Kind kind, String id, String name, String text, String search, List<Item> children) {
        public Item {
            children = List.copyOf(children);
        }
    }

    /**
     * A listed line: its item, depth, whether it is the last of its siblings (its parent's too, for
     * the tree's lines), and whether it has listed children and shows them.
     */
    public record Line(Item item, int depth, boolean last, boolean parentLast, boolean expandable, boolean expanded) {}

    private List<Item> roots;
    private final Set<String> expanded = new HashSet<>();
    private final Set<String> collapsed = new HashSet<>();
    private final boolean sessionsExpanded;
    private String filter = "";
    private String selected;
    private List<Line> lines;
    /** Each item's own score against the filter, by identity; made by {@link #rebuild} while filtering. */
    private Map<Item, Integer> own = new IdentityHashMap<>();

    /**
     * @param sessionsExpanded {@code choose-tree -w}: sessions start expanded (their windows
     *                         listed), else collapsed ({@code -s}); groups start expanded (their
     *                         sessions listed, as they would be without groups), windows collapsed
     * @param select           the id of the item selected at first (the client's window or session)
     */
    public TreeChooser(List<Item> roots, boolean sessionsExpanded, String select) {
        this.roots = List.copyOf(roots);
        this.sessionsExpanded = sessionsExpanded;
        // The selected item is shown: its ancestors are expanded.
        expandTo(select);
        this.selected = select;
        rebuild();
    }

    /** The items again (after a kill, a rename, a new session); the selection stays where it can. */
    public void replace(List<Item> newRoots) {
        int at = selectedIndex();
        roots = List.copyOf(newRoots);
        rebuild();
        if (selectedIndex() < 0 && !lines.isEmpty()) {
            selected = lines.get(Math.max(0, Math.min(at, lines.size() - 1))).item().id();
        }
    }

    public List<Line> lines() {
        return lines;
    }

    public String filter() {
        return filter;
    }

    /** The selected item, or null when nothing is listed. */
    public Item selected() {
        int i = selectedIndex();
        return i < 0 ? null : lines.get(i).item();
    }

    public int selectedIndex() {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).item().id().equals(selected)) {
                return i;
            }
        }
        return -1;
    }

    /** Selects the item of this id, showing it. */
    public void select(String id) {
        expandTo(id);
        selected = id;
        rebuild();
    }

    /** Selects the line at this index (clamped). */
    public void selectLine(int index) {
        if (!lines.isEmpty()) {
            selected = lines.get(Math.max(0, Math.min(index, lines.size() - 1))).item().id();
        }
    }

    /** Up and down wrap, as tmux's do. */
    public void up() {
        if (!lines.isEmpty()) {
            int i = selectedIndex();
            selectLine(i <= 0 ? lines.size() - 1 : i - 1);
        }
    }

    public void down() {
        if (!lines.isEmpty()) {
            int i = selectedIndex();
            selectLine(i < 0 || i == lines.size() - 1 ? 0 : i + 1);
        }
    }

    /** tmux's Left: collapses the selected item, or goes to its parent and collapses that. */
    public void left() {
        int i = selectedIndex();
        if (i < 0) {
            return;
        }
        Line line = lines.get(i);
        Item target = line.item();
        if (!line.expanded()) {
            target = parent(target.id());
            if (target == null) {
                up();
                return;
            }
        }
        expanded.remove(target.id());
        collapsed.add(target.id());
        selected = target.id();
        rebuild();
    }

    /** tmux's Right: expands the selected item, or moves down when it is expanded or has no children. */
    public void right() {
        int i = selectedIndex();
        if (i < 0) {
            return;
        }
        Line line = lines.get(i);
        if (line.expanded() || !line.expandable()) {
            down();
            return;
        }
        collapsed.remove(line.item().id());
        expanded.add(line.item().id());
        rebuild();
    }

    /** A new filter: the best match is selected. */
    public void filter(String pattern) {
        filter = pattern;
        rebuild();
        if (!filter.isEmpty()) {
            selected = lines.isEmpty() ? selected : bestLine();
        } else if (selectedIndex() < 0) {
            // The filter dropped: the item chosen through it stays selected and in view.
            expandTo(selected);
            rebuild();
            if (selectedIndex() < 0) {
                selectLine(0);
            }
        }
    }

    private String bestLine() {
        String best = lines.get(0).item().id();
        int bestScore = FuzzyFilter.NONE;
        for (Line l : lines) {
            int s = own.get(l.item());
            if (s > bestScore) {
                bestScore = s;
                best = l.item().id();
            }
        }
        return best;
    }

    private boolean isExpanded(Item item) {
        if (expanded.contains(item.id())) {
            return true;
        }
        if (collapsed.contains(item.id())) {
            return false;
        }
        return switch (item.kind()) {
            case GROUP -> true;
            case SESSION -> sessionsExpanded;
            case WINDOW, PANE -> false;
        };
    }

    private void expandTo(String id) {
        List<Item> path = new ArrayList<>();
        if (find(roots, id, path)) {
            for (int i = 0; i < path.size() - 1; i++) {
                expanded.add(path.get(i).id());
                collapsed.remove(path.get(i).id());
            }
        }
    }

    private Item parent(String id) {
        List<Item> path = new ArrayList<>();
        return find(roots, id, path) && path.size() > 1 ? path.get(path.size() - 2) : null;
    }

    private static boolean find(List<Item> items, String id, List<Item> path) {
        for (Item it : items) {
            path.add(it);
            if (it.id().equals(id) || find(it.children(), id, path)) {
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }

    private void rebuild() {
        List<Line> out = new ArrayList<>();
        if (filter.isEmpty()) {
            add(out, roots, 0, false, null);
        } else {
            // By identity: an item's record hash would walk its whole subtree at every lookup.
            Map<Item, Integer> best = new IdentityHashMap<>();
            own = new IdentityHashMap<>();
            for (Item r : roots) {
                bestScore(r, best);
            }
            add(out, roots, 0, false, best);
        }
        lines = List.copyOf(out);
    }

    /** The best score in an item's subtree, recorded for each item. */
    private int bestScore(Item item, Map<Item, Integer> best) {
        int s = FuzzyFilter.score(filter, item.search());
        own.put(item, s);
        for (Item c : item.children()) {
            s = Math.max(s, bestScore(c, best));
        }
        best.put(item, s);
        return s;
    }

    private void add(List<Line> out, List<Item> items, int depth, boolean parentLast, Map<Item, Integer> best) {
        List<Item> shown = items;
        if (best != null) {
            shown = new ArrayList<>();
            for (Item it : items) {
                if (best.get(it) != FuzzyFilter.NONE) {
                    shown.add(it);
                }
            }
            // Ranked by the best match; a stable sort keeps the given order (last use) among equals.
            shown.sort(Comparator.comparingInt((Item it) -> best.get(it)).reversed());
        }
        for (int i = 0; i < shown.size(); i++) {
            Item it = shown.get(i);
            boolean last = i == shown.size() - 1;
            Map<Item, Integer> childBest = best;
            boolean open;
            if (best != null && own.get(it) == FuzzyFilter.NONE) {
                open = true; // listed for a descendant: shown open, with the matching children only
            } else {
                childBest = null; // matches itself: its children as they are
                open = isExpanded(it);
            }
            boolean expandable = !it.children().isEmpty();
            out.add(new Line(it, depth, last, parentLast, expandable, expandable && open));
            if (expandable && open) {
                add(out, it.children(), depth + 1, last, childBest);
            }
        }
    }
}
