package scarab.daemon.command;

import scarab.daemon.UserError;
import scarab.daemon.layout.SplitSpec;
import scarab.daemon.session.PaneOperations;
import scarab.daemon.target.Target;
import scarab.daemon.target.TargetResolver;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;
import scarab.protocol.command.TargetKind;

/** {@code split-window [-bdfhv] [-l size|N%] [-t target-pane] [-c command] [-C dir]}, with tmux's geometry. */
public final class SplitWindowCommand implements TableCommand {
    private final TargetResolver resolver;
    private final PaneOperations panes;

    public SplitWindowCommand(TargetResolver resolver, PaneOperations panes) {
        this.resolver = resolver;
        this.panes = panes;
    }

    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        Target t = resolver.resolve(line.value('t'), TargetKind.PANE, caller);
        if (ModelTargets.session(t).meta().exited()) {
            throw new UserError("exited", "session \"" + ModelTargets.session(t).meta().name() + "\" has exited");
        }
        SplitSpec spec = (line.has('h') ? SplitSpec.leftRight() : SplitSpec.topBottom())
                .withBefore(line.has('b')).withFull(line.has('f'));
        String size = line.value('l');
        if (size != null) {
            spec = Sizes.percent(size) ? spec.withPercent(Sizes.parse(size, "size")) : spec.withCells(Sizes.parse(size, "size"));
        }
        panes.split(ModelTargets.session(t), ModelTargets.pane(t), spec, PaneCommandSupport.command(line),
                PaneCommandSupport.directory(line, caller), PaneCommandSupport.environment(line), line.has('d'));
    }
}
