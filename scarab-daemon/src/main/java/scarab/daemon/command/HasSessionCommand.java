package scarab.daemon.command;

import scarab.daemon.target.TargetResolver;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;
import scarab.protocol.command.TargetKind;

/**
 * {@code has-session [-t target-session]}: only its exit status says anything. A target that is
 * not found fails with the resolver's message, tmux's ({@code can't find session: x}).
 */
public final class HasSessionCommand implements TableCommand {
    private final TargetResolver resolver;

    public HasSessionCommand(TargetResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        resolver.resolve(line.value('t'), TargetKind.SESSION, caller);
    }
}
