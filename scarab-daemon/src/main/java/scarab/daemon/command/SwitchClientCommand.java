package scarab.daemon.command;

import scarab.daemon.UserError;
import scarab.daemon.session.ClientLink;
import scarab.daemon.session.ClientSwitch;
import scarab.daemon.session.KeyCommands;
import scarab.daemon.session.Pane;
import scarab.daemon.session.PaneOperations;
import scarab.daemon.session.Session;
import scarab.daemon.session.SessionManager;
import scarab.daemon.session.Window;
import scarab.daemon.session.WindowOperations;
import scarab.daemon.target.Target;
import scarab.daemon.target.TargetResolver;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;
import scarab.protocol.command.TargetKind;

/**
 * {@code switch-client [-lnp] [-c target-client] [-t target-session]}, as tmux 3.3a's: the client
 * is found first ({@code no current client}, {@code can't find client: X}); a target with a window
 * or pane ({@code work:2.1}) makes them current in their session first; -n and -p go to the next
 * and previous session by name, wrapping, -l to the session the client showed before. Sessions
 * that have exited are skipped by -n and -p (tmux has no such sessions).
 */
public final class SwitchClientCommand implements TableCommand {
    private final TargetResolver resolver;
    private final SessionManager sessions;
    private final AttachedClients clients;
    private final WindowOperations windows;
    private final PaneOperations panes;
    private final ClientSwitch switcher;

    SwitchClientCommand(TargetResolver resolver, SessionManager sessions, AttachedClients clients,
                        WindowOperations windows, PaneOperations panes) {
        this.resolver = resolver;
        this.sessions = sessions;
        this.clients = clients;
        this.windows = windows;
        this.panes = panes;
        this.switcher = new ClientSwitch(sessions);
    }

    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        ClientLink client = clients.find(line.value('c'), caller);
        String raw = line.value('t');
        Target target = null;
        if (raw != null || !(line.has('n') || line.has('p') || line.has('l'))) {
            // tmux reads -t as a pane when it names one (":", "." or "%"), else as a session.
            boolean pane = raw != null && raw.chars().anyMatch(ch -> ch == ':' || ch == '.' || ch == '%');
            target = resolver.resolve(raw, pane ? TargetKind.PANE : TargetKind.SESSION, caller);
        }
        Session to;
        if (line.has('n') || line.has('p') || line.has('l')) {
            to = relative(client, line);
        } else {
            to = ModelTargets.session(target);
            Window w = target.window() == null ? null : ModelTargets.window(target);
            Pane p = target.pane() == null ? null : ModelTargets.pane(target);
            if (w != null && p != null && p != w.active()) {
                panes.select(to, p);
            }
            if (w != null) {
                windows.selectWindow(to, w);
            }
        }
        switcher.switchTo(client, to);
    }

    /**
     * A key's {@code switch-client -n}, {@code -p} or {@code -l} (no other client, no target) is
     * made by the thread that read the key when the session it goes to is ready
     * ({@link ClientSwitch#ready}): C-b ( ) and L draw the other session with no hand-off.
     */
    @Override
    public KeyCommands.AtOnce atOnce(CommandLine line, Caller caller) {
        if (line.value('t') != null || line.value('c') != null || !(line.has('n') || line.has('p') || line.has('l'))) {
            return null;
        }
        ClientLink client = clients.find(null, caller);
        Session to = relative(client, line);
        return switcher.ready(to) ? () -> switcher.switchAtOnce(client, to) : null;
    }

    /** The session -n, -p or -l names for {@code client}. */
    private Session relative(ClientLink client, CommandLine line) {
        if (line.has('n') || line.has('p')) {
            return neighbour(client.session(), line.has('n') ? 1 : -1);
        }
        Session last = client.lastSession();
        if (last == null || sessions.list().stream().noneMatch(s -> s == last) || last.meta().exited()) {
            throw new UserError("not-found", "can't find last session");
        }
        return last;
    }

    /** The next (+1) or previous (-1) live session by name, wrapping; never {@code from} itself. */
    private Session neighbour(Session from, int step) {
        // One pass over the sessions instead of sorting them all by name: the nearest name after
        // (before) from's, else the first (last) name, wrapping.
        String missing = step > 0 ? "can't find next session" : "can't find previous session";
        if (from == null) {
            throw new UserError("not-found", missing);
        }
        String at = from.meta().name();
        boolean found = false;
        Session next = null;
        Session wrap = null;
        for (Session s : sessions.list()) {
            if (s == from) {
                found = true;
                continue;
            }
            if (s.meta().exited()) {
                continue;
            }
            String name = s.meta().name();
            if (name.compareTo(at) * step > 0 && (next == null || name.compareTo(next.meta().name()) * step < 0)) {
                next = s;
            }
            if (wrap == null || name.compareTo(wrap.meta().name()) * step < 0) {
                wrap = s;
            }
        }
        Session s = !found || wrap == null ? null : next != null ? next : wrap;
        if (s == null) {
            throw new UserError("not-found", missing);
        }
        return s;
    }
}
