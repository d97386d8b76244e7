package scarab.daemon.command;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scarab.daemon.session.Pane;
import scarab.protocol.command.TargetKind;
import scarab.daemon.UserError;
import scarab.daemon.ipc.Connection;
import scarab.daemon.ipc.RequestHandler;
import scarab.daemon.session.Session;
import scarab.daemon.session.SessionManager;
import scarab.daemon.terminal.CaptureOptions;
import scarab.daemon.terminal.Screen;
import scarab.protocol.CapturedPiece;
import scarab.protocol.Request;
import scarab.protocol.Response;

/**
 * {@code scarab capture}: the screen as text, with the meaning of {@code tmux capture-pane -p}.
 * The text is made line by line and sent in {@code captured} messages of about
 * {@link CapturedPiece#BYTES} each (all but the last with {@code more}), each sent as soon as it
 * is full: a capture of a long history is never held whole, as text or as JSON, so it leaves
 * only short-lived garbage, which the young generation collects in a millisecond, instead of
 * megabyte buffers whose full collections stopped every other session's output too.
 */
public final class CaptureHandler implements RequestHandler<Request.Capture> {
    private static final Logger log = LoggerFactory.getLogger(CaptureHandler.class);

    private final SessionManager sessions;
    private final SessionTargets targets;

    public CaptureHandler(SessionManager sessions, SessionTargets targets) {
        this.sessions = sessions;
        this.targets = targets;
    }

    @Override
    public Class<Request.Capture> type() {
        return Request.Capture.class;
    }

    @Override
    public Response handle(Request.Capture r, Connection connection) {
        Pane pane = ModelTargets.pane(targets.resolve(r.target(), TargetKind.PANE));
        CaptureOptions options = new CaptureOptions(r.escapes(), line(r.start(), "-S", Integer.MIN_VALUE),
                line(r.end(), "-E", Integer.MAX_VALUE), r.join(), false);
        // Under the screen's lock only the copy of the lines in range; the text is made without it,
        // so a long capture does not hold up the session's output (the poller needs the write lock),
        // and so are the lines read back from the store (history-disk).
        Screen.CaptureView view = pane.captureView(options);
        try {
            send(view, new CapturedPiece(r.id()), r.id(), connection);
        } catch (IOException e) {
            log.debug("connection {}: capture not delivered: {}", connection, e.getMessage());
        }
        return null;
    }

    private static void send(Screen.CaptureView view, CapturedPiece piece, long id, Connection connection)
            throws IOException {
        StringBuilder line = new StringBuilder();
        while (view.nextLine(line)) {
            if (!piece.tryAdd(line)) {
                if (!connection.send(id, piece.bytes(), piece.finish(true))) {
                    return; // the client has been told the answer is too large: no more of it
                }
                piece.clear();
                piece.tryAdd(line);
            }
            line.setLength(0);
        }
        connection.send(id, piece.bytes(), piece.finish(false));
    }

    private static Integer line(String value, String flag, int dash) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.equals("-")) {
            return dash;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UserError("bad-argument", flag + " wants a line number or '-', not \"" + value + "\"");
        }
    }
}
