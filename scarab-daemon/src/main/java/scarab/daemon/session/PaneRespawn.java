package scarab.daemon.session;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scarab.daemon.UserError;
import scarab.daemon.pty.PtyChild;

/**
 * respawn-pane: a pane runs its command (or another) again, in the same place, with the same id,
 * history and clients; its visible screen is cleared as tmux clears it. A dead pane (kept by
 * remain-on-exit, or restored dead) is started again; a running one only with {@code -k}, which
 * ends its process first as kill-pane would. Under the session's lifecycle lock; the pane's new
 * command and state are stored before it answers.
 */
public final class PaneRespawn {
    private static final Logger log = LoggerFactory.getLogger(PaneRespawn.class);
    private final SessionManager sessions;

    public PaneRespawn(SessionManager sessions) {
        this.sessions = sessions;
    }

    /**
     * @param command the command line to run, null: the one it ran
     * @param cwd     where, null: where it ran
     */
    public void respawn(Session session, Pane pane, boolean kill, List<String> command, String cwd) {
        synchronized (session.lifecycle) {
            Window w = pane.window();
            if (!sessions.live(session) || w == null || w.indexOf(pane) < 0 || !session.windows().contains(w)) {
                throw new UserError("not-found", "can't find pane: " + pane.label());
            }
            if (session.meta().exited()) {
                throw new UserError("exited", "session \"" + session.meta().name() + "\" has exited");
            }
            boolean running = pane.hasProcess() && !pane.meta().exited();
            if (running && !kill) {
                throw new UserError("still-active", "respawn pane failed: pane " + session.meta().name() + ":"
                        + w.index() + "." + w.indexOf(pane) + " still active");
            }
            List<String> cmd = command != null ? command : pane.meta().command();
            String dir = cwd != null ? cwd : pane.meta().cwd();
            sessions.checkRunnable(cmd, dir); // refused before anything is ended
            PtyChild old = pane.takeProcess();
            if (running) {
                pane.terminateReplaced(old, SessionManager.KILL_GRACE_MILLIS);
            }
            PtyChild process;
            try {
                process = sessions.spawnFor(pane, cmd, dir);
            } catch (UserError e) {
                pane.updateMeta(m -> m.exited() ? m : m.withExit(-1));
                throw e;
            }
            pane.respawned(process, pane.meta().respawned(sessions.commandFor(cmd), dir));
            pane.startReader(sessions.poller(), sessions);
            sessions.storeStructure(session, "pane respawned");
            log.info("pane respawned: {} {} {} pid {} command {}", session.id().shortForm(), session.meta().name(),
                    pane.label(), process.pid(), cmd);
        }
    }
}
