package scarab.daemon.command;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import scarab.daemon.UserError;
import scarab.daemon.ipc.Connection;
import scarab.daemon.ipc.RequestHandler;
import scarab.daemon.session.Session;
import scarab.daemon.session.SessionManager;
import scarab.daemon.terminal.CaptureOptions;
import scarab.protocol.Frame;
import scarab.protocol.Request;
import scarab.protocol.Response;

/**
 * {@code scarab capture}: the screen as text, with the meaning of {@code tmux capture-pane -p}.
 * Long captures go out in several {@code captured} messages (all but the last with {@code more}),
 * each well under the frame limit.
 */
public final class CaptureHandler implements RequestHandler<Request.Capture> {
    private static final int CHUNK_BYTES = Frame.MAX_PAYLOAD / 4;

    private final SessionManager sessions;

    public CaptureHandler(SessionManager sessions) {
        this.sessions = sessions;
    }

    @Override
    public Class<Request.Capture> type() {
        return Request.Capture.class;
    }

    @Override
    public Response handle(Request.Capture r, Connection connection) {
        Session s = sessions.resolve(r.target());
        CaptureOptions options = new CaptureOptions(r.escapes(), line(r.start(), "-S", Integer.MIN_VALUE),
                line(r.end(), "-E", Integer.MAX_VALUE), r.join(), false);
        // Under the screen's lock only the copy of the lines in range; the text is made without it,
        // so a long capture does not hold up the session's output (the poller needs the write lock),
        // and so are the lines read back from the store (history-disk).
        List<String> lines = s.captureView(options).capture();
        List<String> chunk = new ArrayList<>();
        int bytes = 0;
        for (String line : lines) {
            int size = line.getBytes(StandardCharsets.UTF_8).length * 2 + 8; // JSON escapes at most double it, roughly
            if (bytes + size > CHUNK_BYTES && !chunk.isEmpty()) {
                connection.trySend(new Response.Captured(r.id(), chunk, true));
                chunk = new ArrayList<>();
                bytes = 0;
            }
            chunk.add(line);
            bytes += size;
        }
        return new Response.Captured(r.id(), chunk, false);
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
