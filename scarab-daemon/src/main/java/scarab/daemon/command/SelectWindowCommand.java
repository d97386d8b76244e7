package scarab.daemon.command;

import java.util.List;
import scarab.daemon.UserError;
import scarab.daemon.session.Session;
import scarab.daemon.session.Window;
import scarab.daemon.session.WindowOperations;
import scarab.daemon.target.Target;
import scarab.daemon.target.TargetResolver;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;
import scarab.protocol.command.TargetKind;

/** {@code select-window [-l|-n|-p] [-t target-window]}: next and previous wrap around, as in tmux. */
public final class SelectWindowCommand implements TableCommand {
    private final TargetResolver resolver;
    private final WindowOperations windows;

    public SelectWindowCommand(TargetResolver resolver, WindowOperations windows) {
        this.resolver = resolver;
        this.windows = windows;
    }

    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        Target t = resolver.resolve(line.value('t'), TargetKind.WINDOW, caller);
        Session s = ModelTargets.session(t);
        Window w = ModelTargets.window(t);
        if (line.has('l')) {
            w = s.lastWindow();
            if (w == null) {
                throw new UserError("no-last", "no last window");
            }
        } else if (line.has('n') || line.has('p')) {
            List<Window> all = s.windows();
            int at = all.indexOf(s.currentWindow());
            int step = line.has('n') ? 1 : -1;
            w = all.get(Math.floorMod(at + step, all.size()));
        }
        windows.selectWindow(s, w);
    }
}
