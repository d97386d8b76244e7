package scarab.daemon.command;

import scarab.daemon.session.WindowOperations;
import scarab.daemon.target.Target;
import scarab.daemon.target.TargetResolver;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;
import scarab.protocol.command.TargetKind;

/** {@code kill-pane [-t target-pane]}: a window's last pane closes it, a session's last pane ends it. */
public final class KillPaneCommand implements TableCommand {
    private final TargetResolver resolver;
    private final WindowOperations windows;

    public KillPaneCommand(TargetResolver resolver, WindowOperations windows) {
        this.resolver = resolver;
        this.windows = windows;
    }

    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        Target t = resolver.resolve(line.value('t'), TargetKind.PANE, caller);
        windows.killPane(ModelTargets.session(t), ModelTargets.pane(t));
    }
}
