package scarab.daemon.command;

import scarab.protocol.command.TargetKind;

import scarab.daemon.target.Target;

import java.io.IOException;
import scarab.daemon.UserError;
import scarab.daemon.ipc.Connection;
import scarab.daemon.ipc.RequestHandler;
import scarab.protocol.keys.KeyEncoder;
import scarab.daemon.session.Pane;
import scarab.daemon.session.Session;
import scarab.daemon.session.SessionManager;
import scarab.protocol.Request;
import scarab.protocol.Response;

/** {@code scarab send-keys}: tmux key names or literal text, typed into the session. */
public final class SendKeysHandler implements RequestHandler<Request.SendKeys> {
    private final SessionManager sessions;
    private final SessionTargets targets;

    public SendKeysHandler(SessionManager sessions, SessionTargets targets) {
        this.sessions = sessions;
        this.targets = targets;
    }

    @Override
    public Class<Request.SendKeys> type() {
        return Request.SendKeys.class;
    }

    @Override
    public Response handle(Request.SendKeys r, Connection connection) {
        Target t = targets.resolve(r.target(), TargetKind.PANE);
        Session s = ModelTargets.session(t);
        if (s.meta().exited()) {
            throw new UserError("exited", "session \"" + s.meta().name() + "\" has exited; nothing reads its keys");
        }
        sessions.ensureRunning(s);
        Pane pane = ModelTargets.pane(t);
        boolean[] modes = pane.readScreen(screen -> new boolean[] {screen.applicationCursorKeys(), screen.applicationKeypad()});
        byte[] bytes = KeyEncoder.encode(r.keys() == null ? java.util.List.of() : r.keys(), r.literal(), modes[0], modes[1]);
        try {
            pane.write(bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new UserError("write-failed", "could not type into \"" + s.meta().name() + "\": " + e.getMessage());
        }
        return new Response.Done(r.id());
    }
}
