package scarab.daemon.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import scarab.daemon.UserError;
import scarab.daemon.ipc.Connection;
import scarab.daemon.ipc.RequestHandler;
import scarab.daemon.session.SessionInfoView;
import scarab.daemon.session.Session;
import scarab.daemon.session.SessionManager;
import scarab.protocol.Request;
import scarab.protocol.Response;
import scarab.protocol.SessionInfo;

/**
 * {@code scarab kill}: ends sessions and forgets them. All targets are resolved and checked
 * first, so one bad target kills nothing; attached sessions are refused without {@code force}.
 */
public final class KillHandler implements RequestHandler<Request.Kill> {
    private final SessionManager sessions;
    private final SessionTargets targets;

    public KillHandler(SessionManager sessions, SessionTargets targets) {
        this.sessions = sessions;
        this.targets = targets;
    }

    @Override
    public Class<Request.Kill> type() {
        return Request.Kill.class;
    }

    @Override
    public Response handle(Request.Kill r, Connection connection) {
        List<String> named = r.targets() == null ? List.of() : r.targets();
        if (named.isEmpty() && r.group() == null) {
            throw new UserError("bad-target", "no session given");
        }
        List<Session> chosen = new ArrayList<>();
        for (String target : named) {
            chosen.add(targets.session(target));
        }
        if (r.group() != null) {
            List<Session> members = sessions.list().stream().filter(s -> r.group().equals(s.meta().group())).toList();
            if (members.isEmpty()) {
                throw new UserError("not-found", "no session in group \"" + r.group() + "\"");
            }
            chosen.addAll(members);
        }
        Map<Object, Session> victims = new LinkedHashMap<>();
        for (Session s : chosen) {
            if (!r.force() && s.clientCount() > 0) {
                throw new UserError("attached", "session \"" + s.meta().name() + "\" has " + s.clientCount()
                        + " attached client(s); detach them or use kill -f");
            }
            victims.put(s.id(), s);
        }
        List<SessionInfo> killed = new ArrayList<>();
        for (Session s : victims.values()) {
            SessionInfo info = SessionInfoView.of(s);
            sessions.kill(s);
            killed.add(info);
        }
        return new Response.Killed(r.id(), killed);
    }
}
