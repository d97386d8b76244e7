package scarab.daemon.command;

import scarab.daemon.layout.Direction;
import scarab.daemon.session.PaneOperations;
import scarab.daemon.target.Target;
import scarab.daemon.target.TargetResolver;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;
import scarab.protocol.command.TargetKind;

/** {@code select-pane [-DLlRU] [-t target-pane]}: a pane, its neighbour in a direction, or the last one. */
public final class SelectPaneCommand implements TableCommand {
    private final TargetResolver resolver;
    private final PaneOperations panes;

    public SelectPaneCommand(TargetResolver resolver, PaneOperations panes) {
        this.resolver = resolver;
        this.panes = panes;
    }

    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        Target t = resolver.resolve(line.value('t'), TargetKind.PANE, caller);
        Direction dir = line.has('L') ? Direction.LEFT : line.has('R') ? Direction.RIGHT : line.has('U') ? Direction.UP
                : line.has('D') ? Direction.DOWN : null;
        if (dir != null) {
            panes.selectNeighbour(ModelTargets.session(t), ModelTargets.pane(t), dir);
        } else if (line.has('l')) {
            panes.selectLast(ModelTargets.session(t), ModelTargets.pane(t));
        } else {
            panes.select(ModelTargets.session(t), ModelTargets.pane(t));
        }
    }
}
