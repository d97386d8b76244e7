package scarab.daemon.session;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scarab.daemon.UserError;
import scarab.daemon.layout.Direction;
import scarab.daemon.layout.Layout;
import scarab.daemon.layout.LayoutException;
import scarab.daemon.layout.PaneGeometry;
import scarab.daemon.layout.SplitSpec;

/**
 * The changes of a window's panes that tmux users make: split a pane, select one (by target,
 * direction or the last), resize or zoom one, lay the window out again, swap two, resize the
 * window. Each runs under the session's lifecycle lock, changes the layout under the structure
 * lock (a refusal of the layout engine changes nothing and is the user's message, in tmux's
 * words), gives every pane its new size, moves the clients to the active pane and stores the
 * new shape before it answers.
 */
public final class PaneOperations {
    private static final Logger log = LoggerFactory.getLogger(PaneOperations.class);
    private final SessionManager sessions;

    public PaneOperations(SessionManager sessions) {
        this.sessions = sessions;
    }

    /**
     * split-window: a new pane beside {@code target} (or across the whole window with
     * {@code full}) running {@code command} in {@code cwd} (null: where the target started). It
     * becomes the active pane unless {@code detached}.
     */
    public Pane split(Session session, Pane target, SplitSpec spec, List<String> command, String cwd,
                      Map<String, String> env, boolean detached) {
        synchronized (session.lifecycle) {
            checkLive(session, target);
            Window w = target.window();
            int id = sessions.newPaneId();
            PaneGeometry place = null;
            Pane shown = session.activePane();
            LayoutException refused = null;
            boolean unzoomed = false;
            synchronized (session.structure) {
                Layout trial = w.layout().copy();
                try {
                    trial.split(target.id(), id, spec);
                    place = trial.pane(id);
                } catch (LayoutException e) {
                    // tmux unzooms the window before it finds there is no room, and leaves it so.
                    refused = e;
                    unzoomed = w.layout().zoomed();
                    w.layout().unzoom();
                }
            }
            if (refused != null) {
                if (unzoomed) {
                    settle(session, w, shown, "window not unzoomed");
                }
                throw new UserError("layout", refused.getMessage());
            }
            String dir = cwd != null ? cwd : target.meta().cwd();
            Pane pane = sessions.startPane(session, id, command, dir, place.width(), place.height(), env);
            synchronized (session.structure) {
                try {
                    w.layout().split(target.id(), id, spec);
                } catch (LayoutException e) {
                    sessions.endPane(pane); // the layout changed meanwhile: no room after all
                    throw new UserError("layout", e.getMessage());
                }
                w.addPane(pane);
                w.followLayoutOrder();
                if (!detached) {
                    w.activate(pane);
                }
            }
            settle(session, w, shown, "pane not created");
            log.info("pane split: {} {} {} from {}", session.id().shortForm(), session.meta().name(), pane.label(),
                    target.label());
            return pane;
        }
    }

    /** select-pane -t: makes {@code pane} its window's active pane. */
    public void select(Session session, Pane pane) {
        change(session, pane, w -> {
            if (w.layout().zoomed() && w.layout().zoomedPane().getAsInt() != pane.id()) {
                w.layout().unzoom();
            }
            w.activate(pane);
        });
    }

    /** select-pane -L/-R/-U/-D: the neighbour tmux would choose (wrapping, the most recently active first). */
    public void selectNeighbour(Session session, Pane from, Direction dir) {
        change(session, from, w -> {
            Map<Integer, Long> since = new java.util.HashMap<>();
            for (Pane p : w.panes()) {
                since.put(p.id(), p.activeSince());
            }
            java.util.OptionalInt next = w.layout().neighbour(from.id(), dir, id -> since.getOrDefault(id, 0L));
            if (next.isEmpty()) {
                return;
            }
            for (Pane p : w.panes()) {
                if (p.id() == next.getAsInt()) {
                    if (p != w.active() && w.layout().zoomed()) {
                        w.layout().unzoom();
                    }
                    w.activate(p);
                }
            }
        });
    }

    /** select-pane -l: the window's previously active pane. */
    public void selectLast(Session session, Pane from) {
        Pane last = from.window().lastActive();
        if (last == null || from.window().indexOf(last) < 0) {
            throw new UserError("no-last", "no last pane");
        }
        select(session, last);
    }

    /** resize-pane -L/-R/-U/-D N: moves the pane's border by {@code n} cells. */
    public void resize(Session session, Pane pane, Direction dir, int n) {
        change(session, pane, w -> layout(() -> w.layout().resizePane(pane.id(), dir, n)));
    }

    /** resize-pane -x/-y: gives the pane a width and/or height (null: unchanged). */
    public void resizeTo(Session session, Pane pane, Integer width, Integer height) {
        change(session, pane, w -> layout(() -> w.layout().resizePaneTo(pane.id(), width, height)));
    }

    /**
     * A border of {@code pane}'s window dragged with the mouse from window cell (lx, ly) to (x, y)
     * (tmux's resize-pane -M, one motion of the drag).
     */
    public void dragBorder(Session session, Pane pane, int lx, int ly, int x, int y) {
        change(session, pane, w -> w.layout().dragBorder(lx, ly, x, y));
    }

    /** resize-pane -Z: zooms the pane to the whole window, or unzooms the window. */
    public void toggleZoom(Session session, Pane pane) {
        change(session, pane, w -> {
            if (w.layout().zoomed()) {
                w.layout().unzoom();
            } else if (w.layout().zoom(pane.id())) {
                w.activate(pane);
            }
        });
    }

    /** select-layout NAME|LAYOUT; {@code next}/{@code previous} cycle the presets as Space does. */
    public void selectLayout(Session session, Pane pane, String layout, int step) {
        change(session, pane, w -> layout(() -> {
            if (step > 0) {
                w.layout().nextLayout();
            } else if (step < 0) {
                w.layout().previousLayout();
            } else {
                w.layout().select(layout);
            }
        }));
    }

    /**
     * swap-pane -s a -t b (of one window): they change places; {@code b} (now where {@code a}
     * was) becomes active, or with {@code keep} (-d) the active pane stays where it was on screen.
     */
    public void swap(Session session, Pane a, Pane b, boolean keep) {
        if (a.window() != b.window()) {
            throw new UserError("layout", "panes of different windows are not swapped yet");
        }
        if (a == b) {
            change(session, a, w -> w.layout().unzoom()); // tmux unzooms the window even then
            return;
        }
        change(session, a, w -> {
            layout(() -> w.layout().swap(a.id(), b.id()));
            w.followLayoutOrder();
            if (!keep) {
                w.activate(b);
            } else if (w.active() == a) {
                w.activate(b);
            } else if (w.active() == b) {
                w.activate(a);
            }
        });
    }

    /** resize-window -x/-y: the window's size until a client's size says otherwise (null: unchanged). */
    public void resizeWindow(Session session, Window w, Integer cols, Integer rows) {
        Pane any = w.active();
        change(session, any, win -> layout(() -> win.layout().resizeWindow(
                cols != null ? cols : win.layout().windowWidth(), rows != null ? rows : win.layout().windowHeight())));
    }

    /** Runs {@code edit} on the pane's window under the structure lock, then settles sizes, clients and the store. */
    private void change(Session session, Pane pane, Consumer<Window> edit) {
        synchronized (session.lifecycle) {
            checkLive(session, pane);
            Window w = pane.window();
            Pane shown = session.activePane();
            String before;
            synchronized (session.structure) {
                before = w.layout().layoutString();
                edit.accept(w);
            }
            log.debug("window {} of {}: {} -> {}", w.label(), session.meta().name(), before, session.layoutString(w));
            settle(session, w, shown, "layout not changed");
        }
    }

    /** Every pane takes its new size, the clients show the active pane, and the shape is stored. */
    private void settle(Session session, Window w, Pane shown, String what) {
        if (session.currentWindow() != w) {
            session.applyLayout(w); // fit, below, sizes the current window's panes
        }
        sessions.settle(session, shown, what);
    }

    /** Runs a layout change, turning the engine's refusal into the user's message. */
    static void layout(Runnable change) {
        try {
            change.run();
        } catch (LayoutException e) {
            throw new UserError("layout", e.getMessage());
        }
    }

    private void checkLive(Session session, Pane pane) {
        if (!sessions.live(session) || pane.window() == null || pane.window().indexOf(pane) < 0) {
            throw new UserError("not-found", "can't find pane: " + pane.label());
        }
    }
}
