package scarab.daemon.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import scarab.daemon.session.SessionId;
import scarab.daemon.session.SessionManager;
import scarab.daemon.session.SessionMeta;
import scarab.daemon.target.Target;
import scarab.daemon.target.TargetModel;
import scarab.protocol.command.Caller;

/**
 * Today's sessions seen as tmux's model, until windows and panes exist: each session is one
 * window (index 0) of one pane (index 0). The numbers of {@code $N}, {@code @N} and {@code %N} are
 * one per session, given in order of first sight and kept for the daemon's life (the map only
 * grows by one small entry per session ever seen). To be replaced by the real model's view.
 */
public final class OnePaneSessions implements TargetModel {
    private final SessionManager sessions;
    private final Map<SessionId, Integer> numbers = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    public OnePaneSessions(SessionManager sessions) {
        this.sessions = sessions;
    }

    private int number(scarab.daemon.session.Session s) {
        return numbers.computeIfAbsent(s.id(), id -> next.getAndIncrement());
    }

    /** One session as a session of one window of one pane; the three share its number. */
    record OneSession(scarab.daemon.session.Session session, int id, String name, OneWindow window) implements TargetModel.Session {
        @Override
        public List<TargetModel.Window> windows() {
            return List.of(window);
        }

        @Override
        public TargetModel.Window current() {
            return window;
        }

        @Override
        public TargetModel.Window last() {
            return null;
        }
    }

    record OneWindow(int id, String name, OnePane pane) implements TargetModel.Window {
        @Override
        public int index() {
            return 0;
        }

        @Override
        public List<TargetModel.Pane> panes() {
            return List.of(pane);
        }

        @Override
        public TargetModel.Pane active() {
            return pane;
        }

        @Override
        public TargetModel.Pane last() {
            return null;
        }
    }

    record OnePane(int id) implements TargetModel.Pane {
        @Override
        public int index() {
            return 0;
        }
    }

    private OneSession view(scarab.daemon.session.Session s) {
        int n = number(s);
        SessionMeta m = s.meta();
        return new OneSession(s, n, m.name(), new OneWindow(n, windowName(m), new OnePane(n)));
    }

    /** tmux's automatic name: the program's name. */
    private static String windowName(SessionMeta m) {
        if (m.command().isEmpty()) {
            return "";
        }
        String program = m.command().get(0);
        return program.substring(program.lastIndexOf('/') + 1);
    }

    @Override
    public List<TargetModel.Session> sessions() {
        List<TargetModel.Session> all = new ArrayList<>();
        for (scarab.daemon.session.Session s : sessions.list()) {
            all.add(view(s));
        }
        return all;
    }

    @Override
    public TargetModel.Session mostRecent() {
        return sessions.count() == 0 ? null : view(sessions.mostRecent());
    }

    @Override
    public Target caller(Caller caller) {
        for (scarab.daemon.session.Session s : sessions.list()) {
            boolean hisPane = caller.pane() != null && caller.pane().equals("%" + number(s));
            boolean hisSession = caller.session() != null
                    && (caller.session().equals(s.id().full()) || caller.session().equals(s.meta().name()));
            if (hisPane || caller.pane() == null && hisSession) {
                return Target.of(view(s));
            }
        }
        return null;
    }

    /** The format variables of a target, as tmux names them. */
    public Function<String, String> variables(Target target) {
        OneSession one = (OneSession) target.session();
        SessionMeta m = one.session().meta();
        Map<String, String> v = new HashMap<>();
        v.put("session_name", m.name());
        v.put("session_id", "$" + one.id());
        v.put("session_windows", "1");
        v.put("window_index", "0");
        v.put("window_id", "@" + one.id());
        v.put("window_name", one.window().name());
        v.put("window_panes", "1");
        v.put("window_active", "1");
        v.put("window_width", Integer.toString(m.cols()));
        v.put("window_height", Integer.toString(m.rows()));
        v.put("pane_index", "0");
        v.put("pane_id", "%" + one.id());
        v.put("pane_active", "1");
        v.put("pane_width", Integer.toString(m.cols()));
        v.put("pane_height", Integer.toString(m.rows()));
        v.put("pane_left", "0");
        v.put("pane_top", "0");
        v.put("pane_title", m.title());
        v.put("pane_current_path", m.cwd() == null ? "" : m.cwd());
        v.put("pane_dead", m.exited() ? "1" : "0");
        v.put("pane_dead_status", m.exitCode() == null ? "" : m.exitCode().toString());
        v.put("pane_pid", one.session().pid() > 0 ? Long.toString(one.session().pid()) : "");
        return v::get;
    }
}
