package scarab.daemon.command;

import java.util.List;
import scarab.daemon.UserError;
import scarab.daemon.ipc.Connection;
import scarab.daemon.ipc.RequestHandler;
import scarab.daemon.record.Recordings;
import scarab.daemon.resources.Limits;
import scarab.daemon.session.SessionInfoView;
import scarab.daemon.session.NewSessionSpec;
import scarab.daemon.session.SessionManager;
import scarab.protocol.Request;
import scarab.protocol.Response;

/** {@code scarab new}: creates a session; it is in the store before the id is returned. */
public final class NewHandler implements RequestHandler<Request.NewSession> {
    static final int DEFAULT_COLS = 80;
    static final int DEFAULT_ROWS = 24;
    private static final int MAX_ENV_BYTES = 64 * 1024;

    private final SessionManager sessions;
    private final DaemonControl daemon;

    public NewHandler(SessionManager sessions, DaemonControl daemon) {
        this.sessions = sessions;
        this.daemon = daemon;
    }

    @Override
    public Class<Request.NewSession> type() {
        return Request.NewSession.class;
    }

    @Override
    public Response handle(Request.NewSession r, Connection connection) {
        int cols = r.cols() == 0 ? DEFAULT_COLS : r.cols();
        int rows = r.rows() == 0 ? DEFAULT_ROWS : r.rows();
        if (r.env() != null) {
            long size = r.env().entrySet().stream().mapToLong(e -> e.getKey().length() + String.valueOf(e.getValue()).length() + 2).sum();
            if (size > MAX_ENV_BYTES) {
                throw new UserError("bad-env", "environment of " + size + " bytes is over the limit of " + MAX_ENV_BYTES);
            }
            for (String key : r.env().keySet()) {
                if (key.isEmpty() || key.contains("=") || key.indexOf('\0') >= 0 || r.env().get(key) == null
                        || r.env().get(key).indexOf('\0') >= 0) {
                    throw new UserError("bad-env", "invalid environment variable \"" + key + "\"");
                }
            }
        }
        if (r.command() != null && r.command().stream().anyMatch(a -> a == null || a.indexOf('\0') >= 0)) {
            throw new UserError("bad-command", "command arguments may not be null or contain NUL bytes");
        }
        Limits limits;
        try {
            limits = Limits.of(r.memoryMax(), r.cpuMax(), r.tasksMax());
        } catch (IllegalArgumentException e) {
            throw new UserError("bad-limit", e.getMessage());
        }
        Recordings.Prepared recording = r.recording() == null ? null
                : Recordings.prepare(r.recording().file(), r.recording().format(), r.recording().input());
        scarab.daemon.session.Session session;
        try {
            session = sessions.create(new NewSessionSpec(r.name(), r.command(), r.cwd(), cols, rows, r.env(), r.group(),
                    limits, recording == null ? null : pane -> sessions.recordings().start(pane, recording)));
        } catch (RuntimeException e) {
            if (recording != null) {
                recording.discard(); // no-op once the recording has it
            }
            throw e;
        }
        List<String> warnings = daemon.configWarnings();
        return new Response.Created(r.id(), SessionInfoView.of(session), warnings.isEmpty() ? null : warnings);
    }
}
