package scarab.daemon.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reader of the event stream: a bounded queue the publisher fills without ever waiting, and
 * a thread of its own that empties it into a {@link Sink} (a client's socket, the hooks), which
 * may block as long as its reader likes. When the queue is full the events that follow are
 * dropped and counted; once the thread has written everything queued before them it writes one
 * {@code overflow} event naming the first and last seq lost, and the stream goes on from there.
 * So a reader that stops costs the daemon at most one full queue.
 */
public final class Subscriber {
    private static final Logger log = LoggerFactory.getLogger(Subscriber.class);
    /** Events written to the sink in one go at most (one 'O' frame stays well under 1 MiB). */
    private static final int BATCH_BYTES = 256 * 1024;

    /** Where a subscriber's events go, on its own thread. */
    public interface Sink {
        /** Writes some whole JSON lines; may block. An IOException ends the subscription. */
        void write(byte[] lines, List<DaemonEvent> events) throws IOException;

        /** Events {@code from} to {@code to} ({@code count} of them for this subscriber) were dropped; before the next write. */
        default void lost(long from, long to, long count) {}

        /** The subscription ended (the sink failed, or the bus closed it). */
        default void ended() {}
    }

    private final String name;
    private final Predicate<DaemonEvent> filter;
    private final boolean wantsOutput;
    private final int maxEvents;
    private final long maxBytes;
    private final Sink sink;
    private final ArrayDeque<DaemonEvent> queue = new ArrayDeque<>();
    /** Replayed events (--since), written before the queue; held by the ring anyway. */
    private List<DaemonEvent> replay = List.of();
    private long queuedBytes;
    /** The first and last seq dropped since the queue overflowed; -1 while nothing is lost. */
    private long lostFrom = -1;
    private long lostTo;
    private long lostCount;
    private boolean closed;
    private Runnable onEnd = () -> { };

    Subscriber(String name, Predicate<DaemonEvent> filter, boolean wantsOutput, int maxEvents, long maxBytes, Sink sink) {
        this.name = name;
        this.filter = filter;
        this.wantsOutput = wantsOutput;
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
        this.sink = sink;
    }

    boolean wantsOutput() {
        return wantsOutput;
    }

    boolean wants(DaemonEvent e) {
        return (wantsOutput || !e.isOutput()) && filter.test(e);
    }

    synchronized void replay(List<DaemonEvent> events, Runnable onEnd) {
        this.replay = events;
        this.onEnd = onEnd;
    }

    /** From the publisher (the bus's lock held): queues or drops, never waits. */
    synchronized void offer(DaemonEvent e) {
        if (closed || !wants(e)) {
            return;
        }
        if (lostFrom >= 0) {
            lostTo = e.seq();
            lostCount++;
            return;
        }
        long size = e.size();
        if (queue.size() >= maxEvents || queuedBytes + size > maxBytes) {
            lostFrom = e.seq();
            lostTo = e.seq();
            lostCount = 1;
            return;
        }
        boolean wasEmpty = queue.isEmpty();
        queue.add(e);
        queuedBytes += size;
        if (wasEmpty) {
            notifyAll();
        }
    }

    /** Ends the subscription: its thread stops at its next look. */
    synchronized void close() {
        closed = true;
        queue.clear();
        queuedBytes = 0;
        notifyAll();
    }

    synchronized boolean closed() {
        return closed;
    }

    void start() {
        Thread t = new Thread(this::run, "scarab-events-" + name);
        t.setDaemon(true);
        t.start();
    }

    private void run() {
        try {
            List<DaemonEvent> first;
            synchronized (this) {
                first = replay;
                replay = List.of();
            }
            for (int i = 0; i < first.size(); ) {
                List<DaemonEvent> batch = new ArrayList<>();
                long bytes = 0;
                while (i < first.size() && (batch.isEmpty() || bytes < BATCH_BYTES)) {
                    DaemonEvent e = first.get(i++);
                    batch.add(e);
                    bytes += e.body().length;
                }
                write(batch, null);
            }
            while (true) {
                List<DaemonEvent> batch = new ArrayList<>();
                String overflow = null;
                synchronized (this) {
                    while (!closed && queue.isEmpty() && lostFrom < 0) {
                        wait();
                    }
                    if (closed) {
                        return;
                    }
                    if (queue.isEmpty()) {
                        // Everything queued before the loss is written: say what was lost, go on from here.
                        overflow = overflowLine(lostFrom, lostTo, lostCount);
                        sink.lost(lostFrom, lostTo, lostCount);
                        lostFrom = -1;
                    }
                    long bytes = 0;
                    while (!queue.isEmpty() && (batch.isEmpty() || bytes < BATCH_BYTES)) {
                        DaemonEvent e = queue.poll();
                        queuedBytes -= e.size();
                        bytes += e.body().length;
                        batch.add(e);
                    }
                }
                write(batch, overflow);
            }
        } catch (IOException e) {
            log.debug("event subscriber {} ended: {}", name, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("event subscriber {} failed", name, e);
        } finally {
            close();
            onEnd.run();
            sink.ended();
        }
    }

    private void write(List<DaemonEvent> batch, String overflow) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(4096);
        if (overflow != null) {
            out.writeBytes(overflow.getBytes(StandardCharsets.UTF_8));
        }
        for (DaemonEvent e : batch) {
            out.writeBytes(e.line());
        }
        if (out.size() > 0) {
            sink.write(out.toByteArray(), batch);
        }
    }

    /** The one event that is this subscriber's alone: no seq of its own, the range it missed instead. */
    static String overflowLine(long from, long to, long count) {
        return "{\"time\":\"" + Instant.now() + "\",\"type\":\"overflow\",\"first_lost_seq\":" + from
                + ",\"last_lost_seq\":" + to + ",\"lost\":" + count + "}\n";
    }

    @Override
    public String toString() {
        return name;
    }
}
