package scarab.daemon.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One named session: its windows (numbered from 0, tmux's base-index 0), the current and the last
 * window, and its metadata. Each window lays out panes; each pane is a process on a terminal.
 *
 * <p>Locks, outermost first: {@link #lifecycle} (held by a session's life changes from their check
 * to their commit or spawn, so that they follow one another; the output path never takes it),
 * then {@link #structure} (windows, their panes and the current window; held only for bookkeeping,
 * never across a spawn or a wait for the disk), then a pane's screen lock, then the monitors of
 * the session and its panes (their metadata), which are innermost.
 */
public final class Session {
    private final SessionId id;
    /** tmux's {@code $N}: numbered in order of creation (or loading) while the daemon runs. */
    private final int number;
    final Object lifecycle = new Object();
    final Object structure = new Object();
    /** The shape last published as events ({@link SessionEvents}); guarded by itself, taken before {@link #structure}. */
    final SessionEvents.Published published = new SessionEvents.Published();
    private volatile SessionMeta meta;
    private final boolean restored;
    private final StatusMode statusMode;
    /** By index. Guarded by {@link #structure}; replaced whole, so readers may use it freely. */
    private volatile List<Window> windows = List.of();
    private volatile Window current;
    private volatile Window last;
    /** Completes with the last pane's exit status when the session ends. */
    private final java.util.concurrent.CompletableFuture<Integer> exit = new java.util.concurrent.CompletableFuture<>();

    Session(SessionMeta meta, int number, boolean restored, StatusMode statusMode) {
        this.statusMode = statusMode;
        this.id = meta.id();
        this.number = number;
        this.meta = meta;
        this.restored = restored;
        if (meta.exited()) {
            exit.complete(meta.exitCode() == null ? -1 : meta.exitCode());
        }
    }

    /** Completes with the exit status of its last pane when the session has ended. */
    public java.util.concurrent.CompletableFuture<Integer> exitFuture() {
        return exit;
    }

    void markExited(int code) {
        exit.complete(code);
    }

    public SessionId id() {
        return id;
    }

    public SessionMeta meta() {
        return meta;
    }

    /** Whether its clients show the status line now (the status setting, and its windows and panes). */
    public boolean statusShown() {
        List<Window> ws = windows;
        int panes = 0;
        for (Window w : ws) {
            panes += w.panes().size();
        }
        return statusMode.shown(ws.size(), panes);
    }

    /** tmux's {@code $N}. */
    public int number() {
        return number;
    }

    synchronized SessionMeta updateMeta(UnaryOperator<SessionMeta> change) {
        meta = change.apply(meta);
        return meta;
    }

    public boolean restored() {
        return restored;
    }

    public List<Window> windows() {
        return windows;
    }

    public Window currentWindow() {
        return current;
    }

    public Window lastWindow() {
        return last;
    }

    /** The current window's active pane: where keys go and what a bare target means. */
    public Pane activePane() {
        return current.active();
    }

    /** Every pane of every window. */
    public List<Pane> panes() {
        List<Pane> all = new ArrayList<>();
        for (Window w : windows) {
            all.addAll(w.panes());
        }
        return all;
    }

    /** Adds a window, keeping the list by index. Structure lock held. */
    void addWindow(Window w) {
        List<Window> more = new ArrayList<>(windows);
        more.add(w);
        more.sort(Comparator.comparingInt(Window::index));
        windows = List.copyOf(more);
    }

    /** The window at {@code index}, or null. */
    Window windowAt(int index) {
        for (Window w : windows) {
            if (w.index() == index) {
                return w;
            }
        }
        return null;
    }

    /**
     * Moves a window to a free index (break-pane of a window's only pane: tmux links it at the new
     * index and unlinks the old one). With {@code select} it becomes current; without, a current
     * window that moved hands over as an unlinked one does: to the last window, else the previous
     * by index (wrapping). Structure lock held.
     */
    void moveWindow(Window w, int index, boolean select) {
        boolean wasCurrent = current == w;
        int oldIndex = w.index();
        w.index(index);
        List<Window> sorted = new ArrayList<>(windows);
        sorted.sort(Comparator.comparingInt(Window::index));
        windows = List.copyOf(sorted);
        if (select) {
            if (current != w) {
                last = current;
                current = w;
            }
        } else if (wasCurrent) {
            if (last != null && last != w) {
                current = last;
            } else {
                // session_previous from the old place: the highest index below it, else the highest.
                Window previous = null;
                for (Window x : sorted) {
                    if (x.index() < oldIndex) {
                        previous = x;
                    }
                }
                current = previous != null ? previous : sorted.get(sorted.size() - 1);
            }
            last = null;
        } else if (last == w) {
            last = null;
        }
    }

    /** Removes a window; the last window becomes current if it was. Structure lock held. */
    void removeWindow(Window w) {
        List<Window> fewer = new ArrayList<>(windows);
        fewer.remove(w);
        windows = List.copyOf(fewer);
        if (last == w) {
            last = null;
        }
        if (current == w) {
            current = last != null ? last : fewer.isEmpty() ? null : nearest(fewer, w.index());
            last = null;
        }
    }

    private static Window nearest(List<Window> ws, int index) {
        // tmux's session_detach picks the previous window, else the next.
        Window best = null;
        for (Window w : ws) {
            if (w.index() < index) {
                best = w;
            }
        }
        return best != null ? best : ws.get(0);
    }

    /** Restored state: which window is current and which was last (null: none). Before the session is shared. */
    void restoreSelection(Window currentWindow, Window lastWindow) {
        current = currentWindow;
        last = lastWindow == currentWindow ? null : lastWindow;
    }

    /** Makes {@code w} current; the window that was becomes the last window. Structure lock held. */
    void select(Window w) {
        if (w != current) {
            last = current;
            current = w;
        }
    }

    /** The lowest free window index at or after {@code from} (tmux's base-index is 0). */
    int freeIndex(int from) {
        int i = from;
        for (Window w : windows) {
            if (w.index() == i) {
                i++;
            } else if (w.index() > i) {
                break;
            }
        }
        return i;
    }

    /** {@code running}, {@code exited} or {@code stopped} (no process: the daemon that ran it went away). */
    public String status() {
        if (meta.exited()) {
            return "exited";
        }
        for (Pane p : panes()) {
            if (p.hasProcess()) {
                return "running";
            }
        }
        return "stopped";
    }

    /**
     * The current window takes the size of the most recently active client that is not
     * read-only (less the status line: tmux's window-size latest), its layout gives each pane
     * its size, and the clients are drawn again as the shape now asks. Takes the structure lock,
     * and each pane's screen lock in turn inside it; call it holding no pane's lock.
     */
    void fit() {
        ClientLink latest = null;
        for (ClientLink c : clients()) {
            if (!c.readOnly() && (latest == null || c.lastActive() > latest.lastActive())) {
                latest = c;
            }
        }
        Pane shown;
        boolean resized = false;
        synchronized (structure) {
            Window w = current;
            if (w == null) {
                return;
            }
            scarab.daemon.layout.Layout layout = w.layout();
            if (latest != null) {
                int cols = Math.min(latest.cols(), SessionManager.MAX_COLS);
                int rows = Math.min(Math.max(1, latest.rows() - (statusShown() ? 1 : 0)), SessionManager.MAX_ROWS);
                if (layout.windowWidth() != cols || layout.windowHeight() != rows) {
                    layout.resizeWindow(cols, rows);
                    resized = true;
                }
            }
            for (Pane p : w.panes()) {
                scarab.daemon.layout.PaneGeometry g = layout.pane(p.id());
                p.resizeTo(g.width(), g.height());
            }
            shown = w.active();
        }
        if (shown != null) {
            shown.refreshClients();
        }
        if (resized) {
            SessionEvents.shapeChanged(this);
        }
    }

    /** Each pane of {@code w} takes the size its layout gives it. Holding no pane's lock. */
    void applyLayout(Window w) {
        synchronized (structure) {
            for (Pane p : w.panes()) {
                scarab.daemon.layout.PaneGeometry g = w.layout().pane(p.id());
                p.resizeTo(g.width(), g.height());
            }
        }
    }

    /** Where a pane of one of its windows is, and how big (its layout's word). */
    public scarab.daemon.layout.PaneGeometry geometry(Window w, Pane p) {
        synchronized (structure) {
            return w.layout().pane(p.id());
        }
    }

    /** tmux's {@code #{window_layout}} of one of its windows. */
    public String layoutString(Window w) {
        synchronized (structure) {
            return w.layout().layoutString();
        }
    }

    /** Whether one of its windows has a pane zoomed. */
    public boolean zoomed(Window w) {
        synchronized (structure) {
            return w.layout().zoomed();
        }
    }

    /** A window's size: its layout's. */
    public int[] size(Window w) {
        synchronized (structure) {
            return new int[] {w.layout().windowWidth(), w.layout().windowHeight()};
        }
    }

    /** Clients attached to this session. */
    public int clientCount() {
        int n = 0;
        for (Pane p : panes()) {
            n += p.clientCount();
        }
        return n;
    }

    List<ClientLink> clients() {
        List<ClientLink> all = new ArrayList<>();
        for (Pane p : panes()) {
            all.addAll(p.clients());
        }
        return all;
    }
}
