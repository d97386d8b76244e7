package scarab.daemon.session;

import java.util.List;
import java.util.Map;
import scarab.daemon.events.EventBus;
import scarab.daemon.events.EventFields;

/**
 * What the sessions, windows, panes and clients publish on the daemon's {@link EventBus}.
 *
 * <p>Windows, panes and layouts are not told about one by one from every command that changes
 * them (new-window, split-window, kill-pane, break-pane, join-pane, select-layout, resize-pane,
 * a client's size, a pane whose program ended, ...): after any change of a session's shape
 * ({@link SessionManager#saveStructure}, {@link Session#fit} when it resized, an automatic
 * rename) its shape is compared with the one last published, under a lock of its own per session
 * (taken before the structure lock, and by nothing else), and the differences are published in
 * one order: panes closed then their window closed, windows added then their panes, panes added,
 * layouts changed, windows renamed. No change is missed or told twice, whatever thread makes it;
 * two changes that land between two comparisons come as their sum.
 *
 * <p>The order around a session's birth and death follows tmux's control mode: a new session's
 * window comes before the session ({@code %unlinked-window-add}, then {@code %sessions-changed}),
 * a killed session before its windows.
 */
public final class SessionEvents {
    private SessionEvents() {}

    /** How long a pane must have been silent for its next output to be {@code activity}. */
    static final long ACTIVITY_SILENCE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(2);

    private record WindowShape(int id, int index, String name, String layout, List<Integer> panes) {}

    /** The shape last published, and the lock its comparisons take: one per session. */
    static final class Published {
        private Map<Integer, WindowShape> windows = Map.of();
        /** Killed: its windows were told closed, and nothing more is told. */
        private boolean ended;
    }

    private static EventBus bus() {
        return EventBus.daemon();
    }

    static EventFields about(Session s) {
        return EventFields.of().session(s.number(), s.meta().name());
    }

    /** A new session: its windows and panes, then the session. */
    static void created(Session s) {
        shapeChanged(s);
        bus().publish("session-created", about(s));
    }

    /** A stored session back in a new daemon; {@code adopted}: its processes carried over by an upgrade. */
    static void restored(Session s, boolean adopted) {
        Published p = s.published;
        synchronized (p) {
            p.windows = shape(s);
        }
        bus().publish("session-restored", about(s).put("status", s.status()).put("adopted", adopted));
    }

    static void renamed(Session s, String oldName) {
        bus().publish("session-renamed", about(s).put("old_name", oldName));
    }

    /** {@code reason}: why, when it is not the program's own end ("out of memory"), else null. */
    static void exited(Session s, int status, String reason) {
        EventFields fields = about(s).put("status", status);
        if (reason != null) {
            fields.put("reason", reason);
        }
        bus().publish("session-exited", fields);
    }

    /** Killed: the session, then each of its windows closed (with their panes). */
    static void killed(Session s) {
        bus().publish("session-killed", about(s));
        Published p = s.published;
        synchronized (p) {
            if (!p.ended) {
                p.ended = true;
                publish(s, p.windows, Map.of());
                p.windows = Map.of();
            }
        }
    }

    /** Compares the session's shape with the one last published and publishes the differences. */
    static void shapeChanged(Session s) {
        Published p = s.published;
        synchronized (p) {
            if (p.ended) {
                return; // killed meanwhile: its end is told
            }
            Map<Integer, WindowShape> now = shape(s);
            publish(s, p.windows, now);
            p.windows = now;
        }
    }

    private static Map<Integer, WindowShape> shape(Session s) {
        Map<Integer, WindowShape> out = new java.util.LinkedHashMap<>();
        synchronized (s.structure) {
            for (Window w : s.windows()) {
                out.put(w.id(), new WindowShape(w.id(), w.index(), w.name(), w.layout().layoutString(),
                        w.panes().stream().map(Pane::id).toList()));
            }
        }
        return out;
    }

    private static void publish(Session s, Map<Integer, WindowShape> before, Map<Integer, WindowShape> after) {
        for (WindowShape w : before.values()) {
            if (!after.containsKey(w.id())) {
                for (int pane : w.panes()) {
                    bus().publish("pane-closed", window(s, w).pane(pane));
                }
                bus().publish("window-closed", window(s, w));
            }
        }
        for (WindowShape w : after.values()) {
            WindowShape old = before.get(w.id());
            if (old != null) {
                for (int pane : old.panes()) {
                    if (!w.panes().contains(pane)) {
                        bus().publish("pane-closed", window(s, w).pane(pane));
                    }
                }
            }
        }
        for (WindowShape w : after.values()) {
            if (!before.containsKey(w.id())) {
                bus().publish("window-added", window(s, w).put("layout", w.layout()));
                for (int pane : w.panes()) {
                    bus().publish("pane-added", window(s, w).pane(pane));
                }
            }
        }
        for (WindowShape w : after.values()) {
            WindowShape old = before.get(w.id());
            if (old == null) {
                continue;
            }
            for (int pane : w.panes()) {
                if (!old.panes().contains(pane)) {
                    bus().publish("pane-added", window(s, w).pane(pane));
                }
            }
            if (!old.layout().equals(w.layout())) {
                bus().publish("layout-changed", window(s, w).put("layout", w.layout()));
            }
            if (!old.name().equals(w.name())) {
                bus().publish("window-renamed", window(s, w).put("old_name", old.name()));
            }
        }
    }

    private static EventFields window(Session s, WindowShape w) {
        return about(s).window(w.id(), w.index(), w.name());
    }

    private static EventFields about(Pane p) {
        Session s = p.session();
        Window w = p.window();
        EventFields f = about(s);
        if (w != null) {
            f.window(w.id(), w.index(), w.name());
        }
        return f.pane(p.id());
    }

    static void clientAttached(ClientLink c, Session s) {
        bus().publish("client-attached", about(s).put("client", c.name()).put("cols", c.cols()).put("rows", c.rows()));
    }

    static void clientDetached(ClientLink c, Session s, String reason) {
        bus().publish("client-detached", about(s).put("client", c.name()).put("reason", reason));
    }

    static void clientResized(ClientLink c, Session s, int cols, int rows) {
        bus().publish("client-resized", about(s).put("client", c.name()).put("cols", cols).put("rows", rows));
    }

    static void clientSwitched(ClientLink c, Session from, Session to) {
        bus().publish("client-switched", about(to).put("client", c.name()).put("old_session", "$" + from.number())
                .put("old_session_name", from.meta().name()));
    }

    static void titleChanged(Pane p, String title) {
        bus().publish("title-changed", about(p).put("title", title));
    }

    /**
     * After a chunk of a pane's output reached its screen (the poller, no lock held): the bell
     * if it rang, activity if the pane had been silent, and the output itself if anyone reads it.
     */
    static void output(Pane p, byte[] buffer, int n, boolean bell, long now, long lastOutput) {
        if (lastOutput == 0 || now - lastOutput >= ACTIVITY_SILENCE_NANOS) {
            bus().publish("activity", about(p));
        }
        if (bell) {
            bus().publish("bell", about(p));
        }
        if (bus().outputWanted()) {
            String text = p.outputText().decode(buffer, n);
            if (!text.isEmpty()) {
                bus().publish(scarab.protocol.EventTypes.OUTPUT, about(p).put("data", text));
            }
        } else {
            p.outputText().reset(); // what is held back belongs to output nobody read
        }
    }

    /** An event's fields about a session, for code outside this package that publishes. */
    public static EventFields fields(Session s) {
        return about(s);
    }

    /** An event's fields about a pane: its session, window and itself. */
    public static EventFields fields(Pane p) {
        return about(p);
    }
}
