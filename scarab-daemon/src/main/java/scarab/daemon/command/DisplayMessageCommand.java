package scarab.daemon.command;

import java.util.function.Function;
import scarab.daemon.target.Target;
import scarab.daemon.target.TargetResolver;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;
import scarab.protocol.command.Format;
import scarab.protocol.command.TargetKind;

/**
 * {@code display-message [-p] [-t target-pane] [message]}: a format expanded for a pane. Without a
 * message, tmux's default (less its clock). Scarab has no status line yet, so the message is
 * printed with or without {@code -p}.
 */
public final class DisplayMessageCommand implements TableCommand {
    static final String DEFAULT = "[#{session_name}] #{window_index}:#{window_name}, current pane #{pane_index}";

    private final TargetResolver resolver;
    private final Function<Target, Function<String, String>> variables;

    /** {@code variables}: a target's format variables (a function giving null for unknown names). */
    public DisplayMessageCommand(TargetResolver resolver, Function<Target, Function<String, String>> variables) {
        this.resolver = resolver;
        this.variables = variables;
    }

    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        Target target = resolver.resolve(line.value('t'), TargetKind.PANE, caller);
        String format = line.arg(0) == null ? DEFAULT : line.arg(0);
        out.println(Format.expand(format, variables.apply(target)));
    }
}
