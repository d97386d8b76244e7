package scarab.daemon.command;

import scarab.daemon.UserError;
import scarab.daemon.session.Session;
import scarab.daemon.session.WindowOperations;
import scarab.daemon.target.TargetResolver;
import scarab.daemon.target.TargetSpec;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;
import scarab.protocol.command.TargetKind;

/**
 * {@code new-window [-d] [-n name] [-t target] [-c command] [-C dir]}. As in tmux, {@code -t}
 * names a session, or an index to create the window at ({@code work:3}, {@code :3}), which must
 * be free; without an index the window takes the first free one.
 */
public final class NewWindowCommand implements TableCommand {
    private final TargetResolver resolver;
    private final WindowOperations windows;

    public NewWindowCommand(TargetResolver resolver, WindowOperations windows) {
        this.resolver = resolver;
        this.windows = windows;
    }

    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        String raw = line.value('t');
        Session session;
        Integer index = null;
        TargetSpec spec = TargetSpec.parse(raw, TargetKind.WINDOW);
        if (raw != null && spec.window() != null && spec.window().matches("[0-9]{1,9}")
                && !raw.equals(sessionOnly(raw))) {
            index = Integer.parseInt(spec.window());
            session = ModelTargets.session(resolver.resolve(spec.session() == null ? null : spec.session(),
                    TargetKind.SESSION, caller));
        } else {
            session = ModelTargets.session(resolver.resolve(raw, TargetKind.SESSION, caller));
        }
        if (session.meta().exited()) {
            throw new UserError("exited", "session \"" + session.meta().name() + "\" has exited");
        }
        windows.newWindow(session, index, line.value('n'), PaneCommandSupport.command(line),
                PaneCommandSupport.directory(line, caller), PaneCommandSupport.environment(line), line.has('d'));
    }

    /** A target with a window part ({@code s:3}, {@code :3}); a bare word is a session. */
    private static String sessionOnly(String raw) {
        return raw.indexOf(':') < 0 ? raw : null;
    }
}
