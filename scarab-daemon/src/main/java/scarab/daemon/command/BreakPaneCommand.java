package scarab.daemon.command;

import scarab.daemon.UserError;
import scarab.daemon.session.Pane;
import scarab.daemon.session.PaneMoves;
import scarab.daemon.session.Session;
import scarab.daemon.target.Target;
import scarab.daemon.target.TargetResolver;
import scarab.daemon.target.TargetSpec;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;
import scarab.protocol.command.TargetKind;

/**
 * {@code break-pane [-d] [-n window-name] [-s src-pane] [-t dst-window]}: the pane moves to a new
 * window at the first free index, or at the index {@code -t} names (tmux's CMD_FIND_WINDOW_INDEX:
 * {@code s:5} may name an index no window has yet); a window's only pane moves its window there.
 */
public final class BreakPaneCommand implements TableCommand {
    private final TargetResolver resolver;
    private final PaneMoves moves;

    public BreakPaneCommand(TargetResolver resolver, PaneMoves moves) {
        this.resolver = resolver;
        this.moves = moves;
    }

    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        Target src = resolver.resolve(line.value('s'), TargetKind.PANE, caller);
        Session session = ModelTargets.session(src);
        Pane pane = ModelTargets.pane(src);
        if (session.meta().exited()) {
            throw new UserError("exited", "session \"" + session.meta().name() + "\" has exited");
        }
        Integer index = null;
        String raw = line.value('t');
        if (raw != null) {
            TargetSpec spec = TargetSpec.parse(raw, TargetKind.WINDOW);
            Session dst;
            if (raw.indexOf(':') >= 0 && spec.window() != null && spec.window().matches("[0-9]{1,9}")) {
                index = Integer.parseInt(spec.window());
                dst = ModelTargets.session(resolver.resolve(spec.session(), TargetKind.SESSION, caller));
            } else if (raw.indexOf(':') >= 0 && spec.window() != null && !spec.window().isEmpty()) {
                Target t = resolver.resolve(raw, TargetKind.WINDOW, caller);
                dst = ModelTargets.session(t);
                index = ModelTargets.window(t).index();
            } else {
                dst = ModelTargets.session(resolver.resolve(raw, TargetKind.SESSION, caller));
            }
            if (dst != session) {
                throw new UserError("other-session", "can't move a pane to another session");
            }
        }
        moves.breakPane(session, pane, index, line.value('n'), line.has('d'));
    }
}
