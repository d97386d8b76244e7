package scarab.daemon.command;

import scarab.daemon.session.PaneRespawn;
import scarab.daemon.target.Target;
import scarab.daemon.target.TargetResolver;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;
import scarab.protocol.command.TargetKind;

/**
 * {@code respawn-pane [-k] [-t target-pane] [-c command] [-C dir]}: starts a dead pane's command
 * again (with {@code -k} a running one's too, ending it first); {@code -c}/{@code -C} as in
 * split-window, defaulting to what the pane ran and where.
 */
public final class RespawnPaneCommand implements TableCommand {
    private final TargetResolver resolver;
    private final PaneRespawn respawn;

    public RespawnPaneCommand(TargetResolver resolver, PaneRespawn respawn) {
        this.resolver = resolver;
        this.respawn = respawn;
    }

    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        Target t = resolver.resolve(line.value('t'), TargetKind.PANE, caller);
        respawn.respawn(ModelTargets.session(t), ModelTargets.pane(t), line.has('k'), PaneCommandSupport.command(line),
                PaneCommandSupport.directory(line, caller));
    }
}
