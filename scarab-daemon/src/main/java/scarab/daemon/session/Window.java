package scarab.daemon.session;

import java.util.ArrayList;
import java.util.List;
import scarab.daemon.layout.Layout;

/**
 * One window of a session: its panes in layout order, the active one, its index and name. Pane
 * lists and the active pane change under the owning session's {@link Session#structure} lock;
 * they are read freely (copies, volatile fields).
 */
public final class Window {
    /** The window id, {@code @N}: unique in the daemon, kept across restarts. */
    private final int id;
    private volatile int index;
    /** The name given by rename-window or new-window -n; null while it follows the active pane's command. */
    private volatile String fixedName;
    /** In layout order (pane index order). Guarded by the session's structure lock; replaced whole. */
    private volatile List<Pane> panes = List.of();
    private volatile Pane active;
    private volatile Pane lastActive;
    /** Where each pane is: tmux's layout tree. Guarded by the session's structure lock. */
    private Layout layout;

    Window(int id, int index, String fixedName, Layout layout) {
        this.id = id;
        this.index = index;
        this.fixedName = fixedName;
        this.layout = layout;
    }

    /** The layout; read and changed only under the session's structure lock. */
    Layout layout() {
        return layout;
    }

    /** The panes take the layout's pane order (after a split, swap or layout string). Structure lock held. */
    void followLayoutOrder() {
        List<Pane> ordered = new ArrayList<>();
        for (int paneId : layout.paneIds()) {
            for (Pane p : panes) {
                if (p.id() == paneId) {
                    ordered.add(p);
                }
            }
        }
        panes = List.copyOf(ordered);
    }

    public int id() {
        return id;
    }

    /** {@code @N}, as targets and logs write it. */
    public String label() {
        return "@" + id;
    }

    public int index() {
        return index;
    }

    void index(int newIndex) {
        index = newIndex;
    }

    /**
     * The window's name: as renamed, else what the active pane runs in the foreground, as tmux's
     * automatic-rename (kept up to date by {@link WindowNames}).
     */
    public String name() {
        String fixed = fixedName;
        if (fixed != null) {
            return fixed;
        }
        Pane p = active;
        return p == null ? "" : p.currentCommand();
    }

    /** The name fixed by rename-window, or null while it follows the command. */
    public String fixedName() {
        return fixedName;
    }

    void rename(String name) {
        fixedName = name;
    }

    public List<Pane> panes() {
        return panes;
    }

    void panes(List<Pane> inLayoutOrder) {
        panes = List.copyOf(inLayoutOrder);
        inLayoutOrder.forEach(p -> p.window(this));
    }

    void addPane(Pane p) {
        List<Pane> more = new ArrayList<>(panes);
        more.add(p);
        panes = List.copyOf(more);
        p.window(this);
    }

    /**
     * Takes one of several panes out (kill-pane, an exit, break-pane, join-pane): its space goes to
     * its neighbours as tmux's layout_close_pane gives it, and the active pane changes as
     * {@link #losePane} says. Structure lock held.
     */
    void removePane(Pane pane) {
        losePane(pane);
        List<Pane> rest = new ArrayList<>(panes);
        rest.remove(pane);
        layout.remove(pane.id());
        panes = List.copyOf(rest);
        followLayoutOrder();
    }

    /**
     * tmux's window_lost_pane, called while {@code pane} is still in the list: when it was active,
     * the last active pane takes over, else the pane before it, else the one after it; the last
     * active pane is forgotten either way. Structure lock held.
     */
    void losePane(Pane pane) {
        if (active == pane) {
            Pane next = lastActive != null && lastActive != pane && panes.contains(lastActive) ? lastActive : null;
            lastActive = null;
            if (next == null) {
                int at = panes.indexOf(pane);
                next = at > 0 ? panes.get(at - 1) : at + 1 < panes.size() ? panes.get(at + 1) : null;
            }
            active = next;
        } else if (lastActive == pane) {
            lastActive = null;
        }
    }

    public Pane active() {
        return active;
    }

    public Pane lastActive() {
        return lastActive;
    }

    void activate(Pane p) {
        if (p != active) {
            lastActive = active;
            active = p;
        }
        p.activeSince(ACTIVATIONS.incrementAndGet());
    }

    /** Orders activations across the daemon, for {@link Pane#activeSince}. */
    private static final java.util.concurrent.atomic.AtomicLong ACTIVATIONS = new java.util.concurrent.atomic.AtomicLong();

    /** The pane's index in this window (tmux's pane_index), or -1 if it is not here. */
    public int indexOf(Pane p) {
        return panes.indexOf(p);
    }

    public static String commandName(List<String> command) {
        if (command.isEmpty()) {
            return "";
        }
        String first = command.get(0);
        String base = first.substring(first.lastIndexOf('/') + 1);
        // A login shell is started as "-bash"; tmux shows "bash".
        return base.startsWith("-") ? base.substring(1) : base;
    }
}
