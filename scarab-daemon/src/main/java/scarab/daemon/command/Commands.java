package scarab.daemon.command;

import java.util.List;
import scarab.daemon.ipc.Dispatcher;
import scarab.daemon.session.SessionManager;

/** The table of every command the daemon serves: one handler per request type. */
public final class Commands {
    private Commands() {}

    public static Dispatcher dispatcher(SessionManager sessions, DaemonControl daemon) {
        return new Dispatcher(List.of(
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
}
