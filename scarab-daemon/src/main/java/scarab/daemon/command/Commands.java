package scarab.daemon.command;

import java.util.List;
import scarab.daemon.ipc.Dispatcher;
import scarab.daemon.session.SessionManager;
import scarab.daemon.target.TargetResolver;
import scarab.protocol.command.CommandTable;

/** The table of every command the daemon serves: one handler per request type. */
public final class Commands {
    private Commands() {}

    public static Dispatcher dispatcher(SessionManager sessions, DaemonControl daemon) {
        return new Dispatcher(List.of(
                new CommandHandler(tableCommands(sessions)),
                new NewHandler(sessions, daemon),
                new ListHandler(sessions, daemon),
                new KillHandler(sessions),
                new RenameHandler(sessions),
                new WaitHandler(sessions),
                new AttachHandler(sessions),
                new ResizeHandler(),
                new DetachHandler(sessions),
                new CaptureHandler(sessions),
                new SendKeysHandler(sessions),
                new DaemonStatusHandler(sessions, daemon),
                new DaemonStopHandler(daemon)));
    }

    /**
     * The handlers of the table commands (tmux's grammar, parsed here): one per command, by the
     * spec's name. A command of the table with no handler yet answers {@code unknown command}.
     */
    static TableCommands tableCommands(SessionManager sessions) {
        OnePaneSessions model = new OnePaneSessions(sessions);
        TargetResolver resolver = new TargetResolver(model);
        return new TableCommands(CommandTable.standard())
                .register("display-message", new DisplayMessageCommand(resolver, model::variables))
                .seal();
    }
}
