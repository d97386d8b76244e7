package scarab.daemon.command;

import scarab.daemon.UserError;
import scarab.daemon.session.ChooserMode;
import scarab.daemon.session.ClientLink;
import scarab.daemon.session.SessionManager;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;

/**
 * {@code choose-tree [-sZw] [-c target-client]}: opens the chooser ({@link ChooserMode}) on a
 * client: the one a key was typed in, else the one showing the caller's session (from a shell
 * inside a session, as switch-client finds it), else {@code -c}. {@code -s} lists the sessions
 * collapsed, {@code -w} (and no flag) expanded; {@code -Z} is accepted, the tree always covers the
 * window.
 */
public final class ChooseTreeCommand implements TableCommand {
    private final SessionManager sessions;
    private final AttachedClients clients;

    ChooseTreeCommand(SessionManager sessions, AttachedClients clients) {
        this.sessions = sessions;
        this.clients = clients;
    }

    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        ClientLink client = clients.find(line.value('c'), caller);
        if (client.readOnly()) {
            // its keys would kill and rename through the chooser
            throw new UserError("read-only", "client is read-only");
        }
        ChooserMode.open(client, sessions, !line.has('s') || line.has('w'));
    }
}
