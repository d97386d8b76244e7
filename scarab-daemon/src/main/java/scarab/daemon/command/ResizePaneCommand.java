package scarab.daemon.command;

import scarab.daemon.layout.Direction;
import scarab.daemon.session.Pane;
import scarab.daemon.session.PaneOperations;
import scarab.daemon.session.Session;
import scarab.daemon.target.Target;
import scarab.daemon.target.TargetResolver;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;
import scarab.protocol.command.TargetKind;

/** {@code resize-pane [-DLRUZ] [-x width] [-y height] [-t target-pane] [adjustment]}. */
public final class ResizePaneCommand implements TableCommand {
    private final TargetResolver resolver;
    private final PaneOperations panes;

    public ResizePaneCommand(TargetResolver resolver, PaneOperations panes) {
        this.resolver = resolver;
        this.panes = panes;
    }

    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        Target t = resolver.resolve(line.value('t'), TargetKind.PANE, caller);
        Session s = ModelTargets.session(t);
        Pane p = ModelTargets.pane(t);
        if (line.has('Z')) {
            panes.toggleZoom(s, p);
            return;
        }
        if (line.value('x') != null || line.value('y') != null) {
            int[] size = s.size(ModelTargets.window(t));
            Integer w = line.value('x') == null ? null : Sizes.cells(line.value('x'), size[0], "width");
            Integer h = line.value('y') == null ? null : Sizes.cells(line.value('y'), size[1], "height");
            panes.resizeTo(s, p, w, h);
        }
        Direction dir = line.has('L') ? Direction.LEFT : line.has('R') ? Direction.RIGHT : line.has('U') ? Direction.UP
                : line.has('D') ? Direction.DOWN : null;
        if (dir != null) {
            int n = line.arg(0) == null ? 1 : Sizes.parse(line.arg(0), "adjustment");
            panes.resize(s, p, dir, n);
        }
    }
}
