package scarab.daemon.command;

import java.util.List;
import scarab.daemon.session.Pane;
import scarab.daemon.session.PaneOperations;
import scarab.daemon.session.Window;
import scarab.daemon.target.Target;
import scarab.daemon.target.TargetResolver;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;
import scarab.protocol.command.TargetKind;

/**
 * {@code swap-pane [-dDU] [-s src-pane] [-t dst-pane]}: {@code -D} swaps the target with the next
 * pane, {@code -U} with the previous (wrapping), as prefix {@code }} and {@code {} do; the target
 * stays active, in its new place.
 */
public final class SwapPaneCommand implements TableCommand {
    private final TargetResolver resolver;
    private final PaneOperations panes;

    public SwapPaneCommand(TargetResolver resolver, PaneOperations panes) {
        this.resolver = resolver;
        this.panes = panes;
    }

    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        Target dst = resolver.resolve(line.value('t'), TargetKind.PANE, caller);
        Pane target = ModelTargets.pane(dst);
        Pane source;
        if (line.has('D') || line.has('U')) {
            Window w = ModelTargets.window(dst);
            List<Pane> all = w.panes();
            int at = all.indexOf(target);
            source = all.get(Math.floorMod(at + (line.has('D') ? 1 : -1), all.size()));
        } else {
            source = ModelTargets.pane(resolver.resolve(line.value('s'), TargetKind.PANE, caller));
        }
        panes.swap(ModelTargets.session(dst), source, target, line.has('d'));
    }
}
