package scarab.daemon.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scarab.daemon.UserError;
import scarab.daemon.layout.Layout;
import scarab.protocol.Response;

/**
 * The changes of a session's shape that tmux users make with window commands: new, select,
 * rename and kill windows, kill panes. Each runs under the session's lifecycle lock (so it
 * follows a kill or a rename of the session wholly before or after), changes the structure under
 * the structure lock, moves the clients to what the session shows next, and stores the new shape
 * before it answers.
 */
public final class WindowOperations {
    private static final Logger log = LoggerFactory.getLogger(WindowOperations.class);
    private final SessionManager sessions;

    public WindowOperations(SessionManager sessions) {
        this.sessions = sessions;
    }

    /**
     * new-window: a window at {@code index} (null: the first free index from 0, tmux's base-index),
     * running {@code command} in {@code cwd} (null: the directory the current pane started in), the
     * size of the current window. It becomes current unless {@code detached}.
     */
    public Window newWindow(Session session, Integer index, String name, List<String> command, String cwd,
                            Map<String, String> env, boolean detached) {
        if (name != null) {
            String problem = WindowName.problem(name);
            if (problem != null) {
                throw new UserError("bad-name", problem);
            }
        }
        if (index != null && index < 0) {
            throw new UserError("bad-index", "bad window index: " + index);
        }
        synchronized (session.lifecycle) {
            checkLive(session);
            Window window;
            Pane pane;
            Pane shown;
            synchronized (session.structure) {
                if (index != null && session.windows().stream().anyMatch(w -> w.index() == index)) {
                    throw new UserError("index-in-use", "index " + index + " in use");
                }
            }
            Pane current = session.activePane();
            Window before = session.currentWindow();
            String dir = cwd != null ? cwd : current.meta().cwd();
            int cols;
            int rows;
            synchronized (session.structure) {
                cols = before.layout().windowWidth();
                rows = before.layout().windowHeight();
            }
            pane = sessions.startPane(session, command, dir, cols, rows, env);
            synchronized (session.structure) {
                int at = index != null ? index : session.freeIndex(0);
                window = new Window(sessions.newWindowId(), at, name, Layout.single(pane.id(), cols, rows));
                window.addPane(pane);
                window.activate(pane);
                session.addWindow(window);
                shown = session.activePane();
                if (!detached) {
                    session.select(window);
                }
            }
            store(session, "window not created", () -> {
                synchronized (session.structure) {
                    session.removeWindow(window);
                    if (!detached) {
                        session.select(before);
                    }
                }
                sessions.endPane(pane);
            });
            if (!detached) {
                sessions.moveClients(session, shown);
            }
            session.fit();
            log.info("window created: {} {} {} index {} pane {}", session.id().shortForm(), session.meta().name(),
                    window.label(), window.index(), pane.label());
            return window;
        }
    }

    /** select-window: makes {@code window} current; the one that was becomes the last window. */
    public void selectWindow(Session session, Window window) {
        synchronized (session.lifecycle) {
            checkLive(session);
            Pane shown;
            synchronized (session.structure) {
                if (!session.windows().contains(window)) {
                    throw new UserError("not-found", "can't find window: " + window.index());
                }
                if (session.currentWindow() == window) {
                    return;
                }
                shown = session.activePane();
                session.select(window);
            }
            sessions.moveClients(session, shown);
            session.fit();
            sessions.saveStructure(session);
        }
    }

    /** rename-window: a fixed name from now on (the name no longer follows the command). */
    public void renameWindow(Session session, Window window, String name) {
        String problem = WindowName.problem(name);
        if (problem != null) {
            throw new UserError("bad-name", problem);
        }
        synchronized (session.lifecycle) {
            checkLive(session);
            String before = window.fixedName();
            window.rename(name);
            store(session, "window not renamed", () -> window.rename(before));
            session.activePane().redrawStatus();
        }
    }

    /**
     * kill-window: ends every pane of the window; the session's last window ends the session
     * (as in tmux, where killing the last window destroys its session).
     */
    public void killWindow(Session session, Window window) {
        synchronized (session.lifecycle) {
            checkLive(session);
            if (session.windows().size() == 1) {
                sessions.kill(session); // it takes the lifecycle lock again: the monitor is reentrant
                return;
            }
            List<Pane> ended;
            Pane shown;
            synchronized (session.structure) {
                if (!session.windows().contains(window)) {
                    throw new UserError("not-found", "can't find window: " + window.index());
                }
                shown = session.activePane();
                ended = new ArrayList<>(window.panes());
                session.removeWindow(window);
            }
            commitRemoval(session, ended, shown, "window not killed");
            log.info("window killed: {} {} {}", session.id().shortForm(), session.meta().name(), window.label());
        }
    }

    /** kill-pane: ends the pane; its window's last pane closes the window, the session's last ends the session. */
    public void killPane(Session session, Pane pane) {
        synchronized (session.lifecycle) {
            checkLive(session);
            if (session.panes().size() == 1) {
                sessions.kill(session);
                return;
            }
            Pane shown;
            synchronized (session.structure) {
                if (!session.panes().contains(pane)) {
                    throw new UserError("not-found", "can't find pane: " + pane.label());
                }
                shown = session.activePane();
                SessionManager.closePane(session, pane);
            }
            commitRemoval(session, List.of(pane), shown, "pane not killed");
            log.info("pane killed: {} {} {}", session.id().shortForm(), session.meta().name(), pane.label());
        }
    }

    /**
     * Stores the session without {@code ended}, then ends their processes and moves the clients
     * that showed {@code shown} if it is gone from view. A failed store puts nothing back but
     * retries the save: the panes are out of the model and must not be left running unseen.
     */
    private void commitRemoval(Session session, List<Pane> ended, Pane shown, String what) {
        sessions.storeStructure(session, what);
        for (Pane p : ended) {
            for (ClientLink c : p.clients()) {
                if (p == shown) {
                    continue;
                }
                c.connection().setAttachment(null);
                p.detach(c, new Response.Detached(0, session.meta().name(), "killed"));
            }
        }
        if (session.activePane() != shown) {
            sessions.moveClients(session, shown);
        }
        session.fit();
        ended.forEach(sessions::endPane);
    }

    private void checkLive(Session session) {
        if (!sessions.live(session)) {
            throw new UserError("not-found", "no session named \"" + SessionName.printable(session.meta().name())
                    + "\"; see scarab ls");
        }
    }

    /** Stores the shape; if that fails, {@code undo} puts the change back and the caller hears why. */
    private void store(Session session, String what, Runnable undo) {
        try {
            sessions.saveStructure(session).join();
        } catch (CompletionException e) {
            undo.run();
            throw new UserError("store-failed", what + ": " + e.getCause().getMessage());
        }
    }
}
