package scarab.daemon.events;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import scarab.daemon.UserError;

/**
 * The daemon's one stream of events ({@code scarab events}, the hooks). Any daemon code publishes
 * with {@link #publish}: {@code EventBus.daemon().publish("recording-started",
 * EventFields.of().session(n, name).pane(id).put("file", path))}.
 *
 * <p>The bus is the one owner of {@code seq}: under its own lock, which is a leaf (nothing else is
 * taken while it is held, and it is held only to number the event, keep it in the ring and put
 * it in each subscriber's queue, none of which waits), it gives each event the next seq, so seqs
 * rise by exactly 1 across the daemon and every subscriber sees them in that order. The JSON is
 * made by the publisher before the lock and written by each subscriber's own thread, so a
 * publisher (the PTY poller among them) never waits for a reader, and a slow reader loses events
 * ({@link Subscriber}) instead of holding memory. The ring keeps the most recent events (by count
 * and by bytes) for {@code --since}.
 */
public final class EventBus {
    private static final EventBus DAEMON = new EventBus(10_000, 8L << 20);

    /** The daemon's bus: one per daemon process. */
    public static EventBus daemon() {
        return DAEMON;
    }

    /** A subscriber's queue: at most this many events and bytes before it overflows. */
    static final int QUEUE_EVENTS = 10_000;
    static final long QUEUE_BYTES = 4L << 20;

    private final Object lock = new Object();
    private final int ringEvents;
    private final long ringBytes;
    /** Guarded by lock. */
    private final ArrayDeque<DaemonEvent> ring = new ArrayDeque<>();
    private long ringHeld;
    private long lastSeq;
    /** The seq of this process's first event (after an in-place upgrade, the old program's last + 1). */
    private long firstSeq = 1;
    private final CopyOnWriteArrayList<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    /** How many subscribers take pane output: none, and the output path publishes nothing. */
    private final AtomicInteger outputReaders = new AtomicInteger();
    private final AtomicInteger names = new AtomicInteger();

    EventBus(int ringEvents, long ringBytes) {
        this.ringEvents = ringEvents;
        this.ringBytes = ringBytes;
    }

    /** Publishes an event: numbered, kept in the ring, queued for every subscriber that wants it. Never waits for a reader. */
    public void publish(String type, EventFields fields) {
        byte[] body = fields.body(type);
        synchronized (lock) {
            DaemonEvent e = new DaemonEvent(++lastSeq, Instant.now(), type, fields, body);
            ring.addLast(e);
            ringHeld += e.size();
            while (ring.size() > ringEvents || ringHeld > ringBytes && ring.size() > 1) {
                ringHeld -= ring.removeFirst().size();
            }
            for (Subscriber s : subscribers) {
                s.offer(e);
            }
        }
    }

    /** The seq this process numbered its first event with: a subscriber from the start asks for it with since. */
    public long firstSeq() {
        synchronized (lock) {
            return firstSeq;
        }
    }

    /** Whether anyone reads pane output now: the output path asks this first (one volatile read). */
    public boolean outputWanted() {
        return outputReaders.get() > 0;
    }

    /** The seq of the last event published (0 before any). */
    public long lastSeq() {
        synchronized (lock) {
            return lastSeq;
        }
    }

    /**
     * Numbering goes on from {@code seq} (after an in-place upgrade, from the old program's last):
     * only before anything is published.
     */
    public void continueFrom(long seq) {
        synchronized (lock) {
            if (lastSeq == 0 && ring.isEmpty() && seq > 0) {
                lastSeq = seq;
                firstSeq = seq + 1;
            }
        }
    }

    /**
     * Adds a subscriber and starts its thread. {@code since}: the events from that seq on that
     * the ring still holds are written first, before the live ones, with none missed or repeated
     * (null: only what comes next). Returns the seq of the last event published before it
     * started. A {@code since} the ring no longer holds is refused ({@code gone}), and nothing is
     * subscribed.
     */
    public Subscription subscribe(String label, Predicate<DaemonEvent> filter, boolean output, Long since,
                                  Subscriber.Sink sink) {
        return subscribe(label, filter, output, since, QUEUE_EVENTS, QUEUE_BYTES, sink);
    }

    Subscription subscribe(String label, Predicate<DaemonEvent> filter, boolean output, Long since, int maxEvents,
                           long maxBytes, Subscriber.Sink sink) {
        Subscriber s = new Subscriber(label + "-" + names.incrementAndGet(), filter, output, maxEvents, maxBytes, sink);
        long last;
        synchronized (lock) {
            last = lastSeq;
            List<DaemonEvent> replay = new ArrayList<>();
            if (since != null) {
                long oldest = ring.isEmpty() ? lastSeq + 1 : ring.peekFirst().seq();
                if (since < oldest && since <= lastSeq) {
                    throw new UserError("gone", "events before " + oldest + " are gone (the daemon keeps the last "
                            + ringEvents + "); ls --json and list-panes -a --json give the state now");
                }
                for (DaemonEvent e : ring) {
                    if (e.seq() >= since && s.wants(e)) {
                        replay.add(e);
                    }
                }
            }
            s.replay(replay, () -> unsubscribe(s));
            subscribers.add(s);
            if (output) {
                outputReaders.incrementAndGet();
            }
        }
        s.start();
        return new Subscription(s, last);
    }

    private void unsubscribe(Subscriber s) {
        if (subscribers.remove(s) && s.wantsOutput()) {
            outputReaders.decrementAndGet();
        }
    }

    /** How many subscribe now (tests, daemon status). */
    public int subscribers() {
        return subscribers.size();
    }

    /** A live subscription: {@link #close} ends it. */
    public record Subscription(Subscriber subscriber, long lastSeq) implements AutoCloseable {
        @Override
        public void close() {
            subscriber.close();
        }
    }
}
