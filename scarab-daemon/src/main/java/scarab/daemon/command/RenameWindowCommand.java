package scarab.daemon.command;

import scarab.daemon.session.WindowOperations;
import scarab.daemon.target.Target;
import scarab.daemon.target.TargetResolver;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;
import scarab.protocol.command.TargetKind;

/** {@code rename-window [-t target-window] new-name}: the name is fixed from then on. */
public final class RenameWindowCommand implements TableCommand {
    private final TargetResolver resolver;
    private final WindowOperations windows;

    public RenameWindowCommand(TargetResolver resolver, WindowOperations windows) {
        this.resolver = resolver;
        this.windows = windows;
    }

    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        Target t = resolver.resolve(line.value('t'), TargetKind.WINDOW, caller);
        windows.renameWindow(ModelTargets.session(t), ModelTargets.window(t), line.arg(0));
    }
}
