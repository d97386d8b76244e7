package scarab.daemon.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scarab.daemon.UserError;
import scarab.daemon.layout.Layout;
import scarab.daemon.layout.SplitSpec;

/**
 * break-pane and join-pane (move-pane): a pane changes windows and keeps its process, screen,
 * history and clients; only its place and size change. tmux 3.3a's order of steps, which shows in
 * the geometry: both windows are unzoomed first (even when the command then refuses), join-pane
 * splits the target before the moved pane's old cell closes, and the window a pane leaves gives
 * its space to the neighbours as kill-pane does. Each runs under the session's lifecycle lock,
 * changes the structure under the structure lock, resizes the panes, moves the clients to what
 * the session shows next and stores the new shape before it answers. Panes move only within a
 * session (tmux also moves them between sessions; a pane's environment names its session).
 */
public final class PaneMoves {
    private static final Logger log = LoggerFactory.getLogger(PaneMoves.class);
    private final SessionManager sessions;

    public PaneMoves(SessionManager sessions) {
        this.sessions = sessions;
    }

    /**
     * break-pane: {@code pane} leaves its window for a new one of the same size at {@code index}
     * (null: the first free index), named {@code name} (null: automatic); it becomes the current
     * window unless {@code detached}. A window's only pane moves with its window to the index.
     */
    public Window breakPane(Session session, Pane pane, Integer index, String name, boolean detached) {
        if (name != null && WindowName.problem(name) != null) {
            throw new UserError("bad-name", WindowName.problem(name));
        }
        synchronized (session.lifecycle) {
            checkLive(session, pane);
            Window from = pane.window();
            Window to;
            Pane shown;
            synchronized (session.structure) {
                shown = session.activePane();
                from.layout().unzoom();
                Window at = index == null ? null : session.windowAt(index);
                if (from.panes().size() == 1) {
                    if (at == from) {
                        throw new UserError("index-in-use", "same index: " + index);
                    }
                    if (at != null) {
                        throw new UserError("index-in-use", "index in use: " + index);
                    }
                    session.moveWindow(from, index != null ? index : session.freeIndex(0), !detached);
                    if (name != null) {
                        from.rename(name);
                    }
                    to = from;
                } else {
                    if (at != null) {
                        throw new UserError("index-in-use", "index in use: " + index);
                    }
                    int cols = from.layout().windowWidth();
                    int rows = from.layout().windowHeight();
                    from.removePane(pane);
                    to = new Window(sessions.newWindowId(), index != null ? index : session.freeIndex(0), name,
                            Layout.single(pane.id(), cols, rows));
                    to.addPane(pane);
                    to.activate(pane);
                    session.addWindow(to);
                    if (!detached) {
                        session.select(to);
                    }
                }
            }
            settle(session, shown, from, to, "pane not broken out");
            log.info("pane broken out: {} {} {} to window {} index {}", session.id().shortForm(), session.meta().name(),
                    pane.label(), to.label(), to.index());
            return to;
        }
    }

    /**
     * join-pane -s {@code moved} -t {@code target}: the target is split as split-window would
     * split it, and the moved pane takes the new place; its old window closes if it was its only
     * pane. The moved pane becomes active and its new window current unless {@code detached}.
     */
    public void joinPane(Session session, Pane moved, Pane target, SplitSpec spec, boolean detached) {
        if (moved.session() != target.session()) {
            throw new UserError("other-session", "can't move a pane to another session");
        }
        synchronized (session.lifecycle) {
            checkLive(session, moved);
            checkLive(session, target);
            Window from = moved.window();
            Window to = target.window();
            Pane shown;
            synchronized (session.structure) {
                shown = session.activePane();
                to.layout().unzoom();
                from.layout().unzoom();
                if (moved == target) {
                    throw new UserError("same-pane", "source and target panes must be different");
                }
                if (from == to) {
                    PaneOperations.layout(() -> to.layout().move(moved.id(), target.id(), spec));
                    to.losePane(moved);
                    to.followLayoutOrder();
                } else {
                    PaneOperations.layout(() -> to.layout().insert(moved.id(), target.id(), spec));
                    if (from.panes().size() == 1) {
                        from.panes(java.util.List.of());
                    } else {
                        from.removePane(moved);
                    }
                    to.addPane(moved);
                    to.followLayoutOrder();
                }
                if (!detached) {
                    to.activate(moved);
                    session.select(to);
                }
                if (from != to && from.panes().isEmpty()) {
                    session.removeWindow(from);
                }
            }
            settle(session, shown, from, to, "pane not joined");
            log.info("pane joined: {} {} {} to window {} beside {}", session.id().shortForm(), session.meta().name(),
                    moved.label(), to.label(), target.label());
        }
    }

    /** Both windows' panes take their sizes, the clients show what the session shows, the shape is stored. */
    private void settle(Session session, Pane shown, Window from, Window to, String what) {
        if (session.windows().contains(from) && session.currentWindow() != from) {
            session.applyLayout(from);
        }
        if (session.currentWindow() != to) {
            session.applyLayout(to);
        }
        sessions.settle(session, shown, what);
    }

    private void checkLive(Session session, Pane pane) {
        if (!sessions.live(session) || pane.window() == null || pane.window().indexOf(pane) < 0
                || !session.windows().contains(pane.window())) {
            throw new UserError("not-found", "can't find pane: " + pane.label());
        }
    }
}
