package scarab.daemon.command;

import scarab.daemon.UserError;
import scarab.daemon.session.PaneOperations;
import scarab.daemon.target.Target;
import scarab.daemon.target.TargetResolver;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;
import scarab.protocol.command.TargetKind;

/**
 * {@code select-layout [-t target-pane] [layout-name]}: a preset (even-horizontal, even-vertical,
 * main-horizontal, main-vertical, tiled, or a unique prefix) or a layout string as
 * {@code #{window_layout}} prints it; {@code next} and {@code previous} cycle the presets.
 */
public final class SelectLayoutCommand implements TableCommand {
    private final TargetResolver resolver;
    private final PaneOperations panes;

    public SelectLayoutCommand(TargetResolver resolver, PaneOperations panes) {
        this.resolver = resolver;
        this.panes = panes;
    }

    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        Target t = resolver.resolve(line.value('t'), TargetKind.PANE, caller);
        String layout = line.arg(0);
        if (layout == null) {
            throw new UserError("usage", "no layout given: even-horizontal, even-vertical, main-horizontal,"
                    + " main-vertical, tiled, next, previous, or a layout string");
        }
        int step = layout.equals("next") ? 1 : layout.equals("previous") ? -1 : 0;
        panes.selectLayout(ModelTargets.session(t), ModelTargets.pane(t), layout, step);
    }
}
