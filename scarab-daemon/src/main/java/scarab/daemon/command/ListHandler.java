package scarab.daemon.command;

import java.time.Instant;
import java.util.List;
import scarab.daemon.UserError;
import scarab.daemon.ipc.Connection;
import scarab.daemon.ipc.RequestHandler;
import scarab.daemon.resources.ProcessTable;
import scarab.daemon.session.Session;
import scarab.daemon.session.SessionInfoView;
import scarab.daemon.session.SessionManager;
import scarab.protocol.Request;
import scarab.protocol.Response;
import scarab.protocol.SessionInfo;
import scarab.protocol.SessionTable;
import scarab.protocol.command.Format;

/** {@code scarab ls}: every session, oldest first, plus any one-time notices from the daemon. */
public final class ListHandler implements RequestHandler<Request.ListSessions> {
    private final SessionManager sessions;
    private final DaemonControl daemon;
    private final ModelTargets model;

    public ListHandler(SessionManager sessions, DaemonControl daemon, ModelTargets model) {
        this.sessions = sessions;
        this.daemon = daemon;
        this.model = model;
    }

    @Override
    public Class<Request.ListSessions> type() {
        return Request.ListSessions.class;
    }

    @Override
    public Response handle(Request.ListSessions r, Connection connection) {
        List<Session> listed = sessions.list();
        if (r.group() != null) {
            listed = listed.stream().filter(s -> r.group().equals(s.meta().group())).toList();
        }
        if (r.format() != null && r.format().startsWith(Request.ListSessions.TMUX_FORMAT)) {
            return new Response.Listing(r.id(), List.of(), daemon.takeNotices(),
                    formatted(listed, r.format().substring(Request.ListSessions.TMUX_FORMAT.length())));
        }
        // One pass over /proc for the whole listing; names alone need none.
        ProcessTable processes = Request.ListSessions.NAMES.equals(r.format()) ? null : ProcessTable.read();
        List<SessionInfo> all = listed.stream().map(s -> SessionInfoView.of(s, processes)).toList();
        if (r.format() == null) {
            return new Response.Listing(r.id(), all, daemon.takeNotices());
        }
        String text = switch (r.format()) {
            case Request.ListSessions.NAMES -> names(all);
            case Request.ListSessions.TABLE, Request.ListSessions.TABLE_COLOR -> all.isEmpty() ? ""
                    : SessionTable.table(all, r.now() == null ? Instant.now() : Instant.ofEpochMilli(r.now()),
                            r.format().equals(Request.ListSessions.TABLE_COLOR));
            default -> throw new UserError("bad-format", "unknown listing format \"" + r.format()
                    + "\"; use table, table-color or names");
        };
        return new Response.Listing(r.id(), List.of(), daemon.takeNotices(), text);
    }

    /** {@code ls -F}: a line per session, the format expanded as tmux's list-sessions -F does. */
    private String formatted(List<Session> listed, String format) {
        StringBuilder b = new StringBuilder();
        for (Session s : listed) {
            b.append(Format.expand(format, SessionFormats.variables(model, s))).append('\n');
        }
        return b.toString();
    }

    private static String names(List<SessionInfo> all) {
        StringBuilder b = new StringBuilder();
        for (SessionInfo s : all) {
            b.append(s.name()).append('\n');
        }
        return b.toString();
    }
}
