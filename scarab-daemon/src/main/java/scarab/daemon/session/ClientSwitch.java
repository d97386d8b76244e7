package scarab.daemon.session;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scarab.daemon.UserError;
import scarab.protocol.Response;

/**
 * switch-client: an attached client shows another session, as tmux's server_client_set_session.
 * The client's link moves from the pane it showed to the other session's active pane, as
 * {@link SessionManager#moveClients} moves it between panes of one session: no new attach, the
 * same terminal or socket, and a full picture of the other session drawn at once (through the
 * terminal, or as frames through the client). The session it left is remembered for -l; the
 * client becomes the other session's most recent one (tmux sets the window's latest client), so
 * that session takes its size, and the one it left follows its own latest client again.
 *
 * <p>Holds the link's {@link ClientLink#moves} lock from the release to the adoption, so a detach
 * (which takes it too) finds the client in one session or the other, never between them.
 */
public final class ClientSwitch {
    private static final Logger log = LoggerFactory.getLogger(ClientSwitch.class);

    private final SessionManager sessions;

    public ClientSwitch(SessionManager sessions) {
        this.sessions = sessions;
    }

    /** Shows {@code to}'s current window in {@code client}. Nothing changes when it shows {@code to} already. */
    public void switchTo(ClientLink client, Session to) {
        if (to.meta().exited()) {
            throw new UserError("exited", "session \"" + to.meta().name() + "\" has exited");
        }
        sessions.ensureRunning(to);
        Session from = move(client, to);
        if (from != null) {
            client.drawDueView();
            settle(client, from, to);
        }
    }

    /**
     * Whether a switch to {@code to} can be made on the thread that read its key
     * ({@link #switchAtOnce}): it has not exited, every pane's program runs (nothing to start) and
     * the pane to show has its screen in memory (nothing to read from the disk).
     */
    public boolean ready(Session to) {
        if (to.meta().exited() || !to.activePane().loaded()) {
            return false;
        }
        for (Pane p : to.panes()) {
            if (!p.hasProcess() && !p.meta().exited()) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #switchTo} from the thread that read the key, for a session that is {@link #ready}:
     * the client shows {@code to} now (a one-pane picture is written as it adopts the client, a
     * composed one is asked of the picture thread). The rest (sizes, the stored last use, the
     * client's notice, the event) follows on the key commands' thread {@link #SETTLE_DELAY_NANOS}
     * later: woken at once, those threads and the client process they notify compete for the
     * processor with the terminal that is to show the picture, which on a busy two-core machine
     * made the picture land a millisecond later. Keys typed meanwhile go to {@code to} already.
     */
    public void switchAtOnce(ClientLink client, Session to) {
        Session from = move(client, to);
        if (from != null) {
            PictureScheduler.schedule(() -> KeyCommands.after(() -> settle(client, from, to)), SETTLE_DELAY_NANOS);
        }
    }

    /** How long after an at-once switch its bookkeeping waits ({@link #switchAtOnce}). */
    static final long SETTLE_DELAY_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(5);

    /**
     * Moves the client's link from the pane it shows to {@code to}'s active pane, which draws it;
     * the session it left, or null when nothing is left to do (it showed {@code to} already, or
     * both sessions ended under it and it was told so).
     */
    private Session move(ClientLink client, Session to) {
        Session from;
        synchronized (client.moves) {
            Pane shown = client.pane();
            from = shown == null ? null : shown.session();
            if (from == null || client.connection().attachment() == null) {
                throw new UserError("not-found", "can't find client: " + client.name());
            }
            if (from == to) {
                return null;
            }
            if (!shown.release(client)) {
                throw new UserError("not-found", "can't find client: " + client.name());
            }
            if (!client.readOnly()) {
                client.touch();
            }
            if (to.activePane().adopt(client)) {
                client.lastSession(from);
            } else if (!shown.adopt(client) && !from.activePane().adopt(client)) {
                // Both sessions ended under it: what a client whose pane closed is told.
                client.connection().setAttachment(null);
                client.finish(null, new Response.Detached(0, from.meta().name(), "exited"));
                return null;
            } else {
                throw new UserError("exited", "session \"" + to.meta().name() + "\" has ended");
            }
        }
        return from;
    }

    /** After the move: both sessions fit their clients again, {@code to} is stored as last used, the client and the event stream hear of it. */
    private void settle(ClientLink client, Session from, Session to) {
        SessionEvents.clientSwitched(client, from, to);
        from.fit();
        to.fit();
        to.updateMeta(m -> m.withLastAttached(System.currentTimeMillis()));
        sessions.saveLater(to);
        tell(client, to);
        log.debug("client {} switched from session {} {} to {} {}", client.name(), from.id().shortForm(),
                from.meta().name(), to.id().shortForm(), to.meta().name());
    }

    /**
     * The client process hears which session it shows now (an {@code attached} message, as at
     * attach): the name it prints when it detaches, and, when it relays the keys, the session its
     * bound keys' commands are for.
     */
    private static void tell(ClientLink client, Session to) {
        try {
            client.connection().send(new Response.Attached(0, SessionInfoView.of(to), client instanceof TerminalLink));
        } catch (IOException e) {
            log.debug("client {} is gone: {}", client.name(), e.getMessage());
        }
    }
}
