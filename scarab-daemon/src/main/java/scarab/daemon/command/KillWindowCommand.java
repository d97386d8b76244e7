package scarab.daemon.command;

import scarab.daemon.session.WindowOperations;
import scarab.daemon.target.Target;
import scarab.daemon.target.TargetResolver;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;
import scarab.protocol.command.TargetKind;

/** {@code kill-window [-t target-window]}: the session's last window ends the session. */
public final class KillWindowCommand implements TableCommand {
    private final TargetResolver resolver;
    private final WindowOperations windows;

    public KillWindowCommand(TargetResolver resolver, WindowOperations windows) {
        this.resolver = resolver;
        this.windows = windows;
    }

    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        Target t = resolver.resolve(line.value('t'), TargetKind.WINDOW, caller);
        windows.killWindow(ModelTargets.session(t), ModelTargets.window(t));
    }
}
