package scarab.daemon.command;

import scarab.daemon.UserError;
import scarab.daemon.session.PaneOperations;
import scarab.daemon.target.Target;
import scarab.daemon.target.TargetResolver;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;
import scarab.protocol.command.TargetKind;

/** {@code resize-window [-x width] [-y height] [-t target-window]}: until a client's size says otherwise. */
public final class ResizeWindowCommand implements TableCommand {
    private final TargetResolver resolver;
    private final PaneOperations panes;

    public ResizeWindowCommand(TargetResolver resolver, PaneOperations panes) {
        this.resolver = resolver;
        this.panes = panes;
    }

    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        Target t = resolver.resolve(line.value('t'), TargetKind.WINDOW, caller);
        Integer x = line.value('x') == null ? null : Sizes.parse(line.value('x'), "width");
        Integer y = line.value('y') == null ? null : Sizes.parse(line.value('y'), "height");
        if ((x != null && x < 1) || (y != null && y < 1)) {
            throw new UserError("bad-size", "size too small");
        }
        panes.resizeWindow(ModelTargets.session(t), ModelTargets.window(t), x, y);
    }
}
