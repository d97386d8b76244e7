package scarab.daemon.command;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import scarab.daemon.UserError;
import scarab.daemon.events.DaemonEvent;
import scarab.daemon.events.EventBus;
import scarab.daemon.events.Subscriber;
import scarab.daemon.ipc.Attachment;
import scarab.daemon.ipc.Connection;
import scarab.daemon.ipc.RequestHandler;
import scarab.daemon.session.Session;
import scarab.daemon.target.Target;
import scarab.protocol.EventTypes;
import scarab.protocol.Request;
import scarab.protocol.Response;
import scarab.protocol.command.TargetKind;

/**
 * {@code scarab events}: subscribes the connection to the {@link EventBus}. The answer
 * ({@code subscribed}) goes first, then each event as a JSON line in 'O' frames, written by the
 * subscriber's own thread; the connection's thread goes back to reading, and the subscription
 * ends when the connection does.
 */
public final class EventsHandler implements RequestHandler<Request.Events> {
    private final SessionTargets targets;

    public EventsHandler(SessionTargets targets) {
        this.targets = targets;
    }

    @Override
    public Class<Request.Events> type() {
        return Request.Events.class;
    }

    @Override
    public Response handle(Request.Events r, Connection connection) {
        if (connection.attachment() != null) {
            throw new UserError("bad-argument", "this connection is attached already");
        }
        Set<String> types = types(r.types());
        boolean output = r.output() || types.contains(EventTypes.OUTPUT);
        Predicate<DaemonEvent> about = about(r.target());
        Predicate<DaemonEvent> filter = types.isEmpty() ? about : e -> types.contains(e.type()) && about.test(e);
        if (r.since() != null && r.since() < 1) {
            throw new UserError("bad-argument", "--since wants a seq from 1 up");
        }
        Object sent = new Object();
        boolean[] answered = {false};
        EventBus.Subscription sub = EventBus.daemon().subscribe("conn" + connection, filter, output, r.since(),
                new Subscriber.Sink() {
                    @Override
                    public void write(byte[] lines, List<DaemonEvent> events) throws IOException {
                        synchronized (sent) {
                            // The answer first: the subscriber's thread may have events before this one sent it.
                            while (!answered[0]) {
                                try {
                                    sent.wait();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                    throw new IOException("interrupted");
                                }
                            }
                        }
                        if (!connection.isOpen()) {
                            throw new IOException("connection closed");
                        }
                        for (int off = 0; off < lines.length; off += scarab.protocol.Frame.MAX_PAYLOAD) {
                            connection.sendOutput(lines, off, Math.min(scarab.protocol.Frame.MAX_PAYLOAD, lines.length - off));
                        }
                    }

                    @Override
                    public void ended() {
                        connection.close();
                    }
                });
        connection.setAttachment(new Attachment() {
            @Override
            public void input(byte[] data) {
                // nothing to type into
            }

            @Override
            public void resize(int cols, int rows) {
                // no terminal
            }

            @Override
            public void detach() {
                sub.close();
            }

            @Override
            public void closed() {
                sub.close();
            }
        });
        try {
            connection.send(new Response.Subscribed(r.id(), sub.lastSeq()));
        } catch (IOException e) {
            sub.close();
        } finally {
            synchronized (sent) {
                answered[0] = true;
                sent.notifyAll();
            }
        }
        return null;
    }

    private static Set<String> types(List<String> asked) {
        Set<String> out = new HashSet<>();
        if (asked == null) {
            return out;
        }
        for (String t : asked) {
            String type = t == null ? "" : t.strip();
            if (!EventTypes.known(type)) {
                String near = scarab.protocol.NearMiss.closest(type, EventTypes.ALL);
                throw new UserError("bad-argument", "no event type \"" + type + "\"" + (near != null ? "; did you mean \""
                        + near + "\"?" : "; the types are " + String.join(", ", EventTypes.ALL)));
            }
            out.add(type);
        }
        if (out.contains(EventTypes.OVERFLOW)) {
            out.remove(EventTypes.OVERFLOW); // always sent to a reader that fell behind
            if (out.isEmpty()) {
                throw new UserError("bad-argument", "overflow is sent whatever the filter; ask for another type too");
            }
        }
        return out;
    }

    /**
     * The events about a target: a session ({@code $N}, a name), a window ({@code @N}, {@code s:1})
     * or a pane ({@code %N}, {@code s:1.2}). An event matches when every id it carries that the
     * target has too is the target's: a pane's filter keeps its window's and session's own events
     * (a layout change, a rename) and events about no session at all (daemon-upgraded).
     */
    private Predicate<DaemonEvent> about(String raw) {
        if (raw == null || raw.isEmpty()) {
            return e -> true;
        }
        TargetKind kind = raw.startsWith("%") || raw.indexOf('.') > raw.indexOf(':') && raw.indexOf(':') >= 0
                ? TargetKind.PANE : raw.startsWith("@") || raw.indexOf(':') >= 0 ? TargetKind.WINDOW : TargetKind.SESSION;
        Target t = targets.resolve(raw, kind);
        Session s = ModelTargets.session(t);
        String session = "$" + s.number();
        String window = kind == TargetKind.SESSION ? null : ModelTargets.window(t).label();
        String pane = kind == TargetKind.PANE ? ModelTargets.pane(t).label() : null;
        return e -> same(e.fields().get("session"), session) && same(e.fields().get("window"), window)
                && same(e.fields().get("pane"), pane);
    }

    private static boolean same(String has, String wanted) {
        return has == null || wanted == null || has.equals(wanted);
    }

}
