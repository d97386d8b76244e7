package scarab.daemon.session;

import java.time.Instant;
import scarab.protocol.SessionInfo;

/** Turns a session into what clients are told about it. */
public final class SessionInfoView {
    private SessionInfoView() {}

    public static SessionInfo of(Session s) {
        SessionMeta m = s.meta();
        PaneMeta p = s.activePane().meta();
        return new SessionInfo(m.id().full(), m.name(), s.status(), m.exitCode(), p.cols(), p.rows(),
                iso(m.createdAt()), m.lastAttachedAt() == 0 ? null : iso(m.lastAttachedAt()), s.clientCount(),
                p.command(), p.cwd(), p.title(), s.restored(), s.windows().size(), s.panes().size());
    }

    private static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
