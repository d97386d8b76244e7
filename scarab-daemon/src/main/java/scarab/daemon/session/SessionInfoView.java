package scarab.daemon.session;

import java.time.Instant;
import scarab.daemon.resources.ProcessTable;
import scarab.daemon.resources.Usage;
import scarab.protocol.SessionInfo;

/** Turns a session into what clients are told about it. */
public final class SessionInfoView {
    private SessionInfoView() {}

    /** Without its resource use (that takes a pass over /proc: {@link #of(Session, ProcessTable)}). */
    public static SessionInfo of(Session s) {
        return of(s, null);
    }

    /** With its panes' resource use as {@code processes} has it; {@code processes} null: left out. */
    public static SessionInfo of(Session s, ProcessTable processes) {
        SessionMeta m = s.meta();
        PaneMeta p = s.activePane().meta();
        Usage usage = processes == null ? null : usage(s, processes);
        return new SessionInfo(m.id().full(), m.name(), s.status(), m.exitCode(), p.cols(), p.rows(),
                iso(m.createdAt()), m.lastAttachedAt() == 0 ? null : iso(m.lastAttachedAt()), s.clientCount(),
                p.command(), p.cwd(), p.title(), s.restored(), s.windows().size(), s.panes().size(), m.group(),
                usage == null ? null : usage.cpuMillis(), usage == null ? null : usage.memoryBytes(),
                m.exited() ? m.exitReason() : null, m.limits().memoryMax(), m.limits().cpuMax(), m.limits().tasksMax());
    }

    /** The sum over the session's panes' process trees; null when none of them runs. */
    public static Usage usage(Session s, ProcessTable processes) {
        Usage sum = null;
        for (Pane pane : s.panes()) {
            Usage u = pane.hasLiveProcess() ? processes.treeUsage(pane.pid()) : null;
            if (u != null) {
                sum = u.plus(sum);
            }
        }
        return sum;
    }

    private static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
