package scarab.daemon.command;

import scarab.daemon.UserError;
import scarab.daemon.layout.SplitSpec;
import scarab.daemon.session.PaneMoves;
import scarab.daemon.target.Target;
import scarab.daemon.target.TargetResolver;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;
import scarab.protocol.command.TargetKind;

/**
 * {@code join-pane [-bdfhv] [-l size|N%] [-s src-pane] [-t dst-pane]}, and {@code move-pane}, the
 * same command under tmux's other name: the source pane moves beside the target, splitting it as
 * split-window would, its process and screen untouched. {@code -s} defaults to the current pane
 * (tmux's marked pane, which Scarab does not have).
 */
public final class JoinPaneCommand implements TableCommand {
    private final TargetResolver resolver;
    private final PaneMoves moves;

    public JoinPaneCommand(TargetResolver resolver, PaneMoves moves) {
        this.resolver = resolver;
        this.moves = moves;
    }

    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        Target dst = resolver.resolve(line.value('t'), TargetKind.PANE, caller);
        Target src = resolver.resolve(line.value('s'), TargetKind.PANE, caller);
        if (ModelTargets.session(dst).meta().exited()) {
            throw new UserError("exited", "session \"" + ModelTargets.session(dst).meta().name() + "\" has exited");
        }
        SplitSpec spec = (line.has('h') ? SplitSpec.leftRight() : SplitSpec.topBottom())
                .withBefore(line.has('b')).withFull(line.has('f'));
        String size = line.value('l');
        if (size != null) {
            spec = Sizes.percent(size) ? spec.withPercent(Sizes.parse(size, "size")) : spec.withCells(Sizes.parse(size, "size"));
        }
        moves.joinPane(ModelTargets.session(dst), ModelTargets.pane(src), ModelTargets.pane(dst), spec, line.has('d'));
    }
}
