package scarab.daemon.command;

import java.util.function.Function;
import scarab.daemon.UserError;
import scarab.daemon.session.ClientLink;
import scarab.daemon.target.Target;
import scarab.daemon.target.TargetResolver;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;
import scarab.protocol.command.Format;
import scarab.protocol.command.TargetKind;

/**
 * {@code display-message [-p] [-c target-client] [-d delay] [-t target-pane] [message]}: a format
 * expanded for a pane. As tmux's, it is shown on a client's status line for display-time (or
 * {@code -d} milliseconds; 0 until a key): the client named by {@code -c}, else the one a bound key
 * was typed in, else the client showing the caller's session. With {@code -p}, or when no client
 * is attached (where tmux's is lost), it is printed. Without a message, tmux's default less its clock.
 */
public final class DisplayMessageCommand implements TableCommand {
    static final String DEFAULT = "[#{session_name}] #{window_index}:#{window_name}, current pane #{pane_index}";

    private final TargetResolver resolver;
    private final Function<Target, Function<String, String>> variables;
    private final AttachedClients clients;

    /** {@code variables}: a target's format variables (a function giving null for unknown names). */
    DisplayMessageCommand(TargetResolver resolver, Function<Target, Function<String, String>> variables,
                          AttachedClients clients) {
        this.resolver = resolver;
        this.variables = variables;
        this.clients = clients;
    }

    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        long delay = delay(line.value('d'));
        Target target = resolver.resolve(line.value('t'), TargetKind.PANE, caller);
        String format = line.arg(0) == null ? DEFAULT : line.arg(0);
        String text = Format.expand(format, variables.apply(target));
        ClientLink client = line.has('p') ? null : client(line.value('c'), caller);
        if (client == null) {
            out.println(text);
        } else {
            client.display(text, delay);
        }
    }

    /** The client to show it on; null when none is attached and none was named. */
    private ClientLink client(String named, Caller caller) {
        try {
            return clients.find(named, caller);
        } catch (UserError none) {
            if (named != null) {
                throw none;
            }
            return null;
        }
    }

    private static long delay(String raw) {
        if (raw == null) {
            return ClientLink.DISPLAY_MILLIS;
        }
        try {
            long ms = Long.parseLong(raw);
            if (ms >= 0) {
                return ms;
            }
        } catch (NumberFormatException e) {
            // fall through to the refusal
        }
        throw new UserError("bad-argument", "delay " + raw + " is invalid");
    }
}
