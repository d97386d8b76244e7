package scarab.daemon.target;

import java.util.ArrayList;
import java.util.List;
import scarab.protocol.command.Caller;

/** A model built by hand for resolver tests: sessions of windows of panes, ids counted as tmux counts them. */
final class FakeModel implements TargetModel {
    private int nextSession;
    private int nextWindow;
    private int nextPane;
    final List<S> sessions = new ArrayList<>();
    S recent;

    static final class S implements Session {
        final int id;
        final String name;
        final List<Window> windows = new ArrayList<>();
        W current;
        W last;

        S(int id, String name) {
            this.id = id;
            this.name = name;
        }

        public int id() { return id; }
        public String name() { return name; }
        public List<Window> windows() { return windows; }
        public Window current() { return current; }
        public Window last() { return last; }
    }

    static final class W implements Window {
        final int id;
        final int index;
        final String name;
        final List<Pane> panes = new ArrayList<>();
        P active;
        P last;

        W(int id, int index, String name) {
            this.id = id;
            this.index = index;
            this.name = name;
        }

        public int id() { return id; }
        public int index() { return index; }
        public String name() { return name; }
        public List<Pane> panes() { return panes; }
        public Pane active() { return active; }
        public Pane last() { return last; }

        @Override
        public String toString() {
            return "@" + id;
        }
    }

    record P(int id, int index) implements Pane {}

    /** A session with windows at these indexes and names, each of {@code panes} panes; the first window current. */
    S session(String name, int panes, Object... indexesAndNames) {
        S s = new S(nextSession++, name);
        for (int i = 0; i < indexesAndNames.length; i += 2) {
            W w = new W(nextWindow++, (Integer) indexesAndNames[i], (String) indexesAndNames[i + 1]);
            for (int p = 0; p < panes; p++) {
                w.panes.add(new P(nextPane++, p));
            }
            w.active = (P) w.panes.get(0);
            s.windows.add(w);
        }
        s.current = (W) s.windows.get(0);
        sessions.add(s);
        recent = s;
        return s;
    }

    @Override
    public List<Session> sessions() {
        return new ArrayList<>(sessions);
    }

    @Override
    public Session mostRecent() {
        return recent;
    }

    @Override
    public Target caller(Caller caller) {
        if (caller.pane() == null || !caller.pane().startsWith("%")) {
            return null;
        }
        int id = Integer.parseInt(caller.pane().substring(1));
        for (S s : sessions) {
            for (Window w : s.windows) {
                for (Pane p : w.panes()) {
                    if (p.id() == id) {
                        return new Target(s, w, p);
                    }
                }
            }
        }
        return null;
    }
}
