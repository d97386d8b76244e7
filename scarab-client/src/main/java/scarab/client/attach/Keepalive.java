package scarab.client.attach;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import scarab.client.ClientError;
import scarab.client.daemon.DaemonConnection;
import scarab.protocol.Request;

/**
 * For an attach over ssh: a connection can go silent without ending (a relay that stops
 * forwarding, a route gone while ssh waits for TCP to give up, which takes minutes). When nothing
 * has come from the daemon for {@code idle}, the client sends a {@code ping} (which the daemon
 * answers at once); when nothing at all has come for twice {@code idle}, the connection is taken
 * for dropped and closed, which the attach loop sees as the stream's end: it reconnects. A quiet
 * session costs one small request and answer every {@code idle}.
 */
final class Keepalive {
    /** Seconds of silence before a ping: SCARAB_KEEPALIVE, else 15. */
    static final long DEFAULT_IDLE_SECONDS = 15;

    private final long idleNanos;
    private volatile long heard = System.nanoTime();
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile boolean dropped;

    private Keepalive(long idleNanos) {
        this.idleNanos = idleNanos;
    }

    /** SCARAB_KEEPALIVE seconds (1 to 3600), else the default. */
    static long idleSeconds(Map<String, String> env) {
        String v = env.get("SCARAB_KEEPALIVE");
        if (v == null || v.isBlank()) {
            return DEFAULT_IDLE_SECONDS;
        }
        try {
            long s = Long.parseLong(v.strip());
            if (s >= 1 && s <= 3600) {
                return s;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new ClientError("SCARAB_KEEPALIVE=\"" + v + "\" is not a number of seconds from 1 to 3600", 2,
                "bad-config");
    }

    /**
     * Watches {@code connection} until {@link #stop}; returns the channel the attach loop must read
     * through (every read of it counts as hearing from the daemon).
     */
    static Keepalive start(DaemonConnection connection, long idleSeconds) {
        Keepalive k = new Keepalive(TimeUnit.SECONDS.toNanos(idleSeconds));
        Thread t = new Thread(() -> k.watch(connection), "scarab-keepalive");
        t.setDaemon(true);
        t.start();
        return k;
    }

    /** The connection's input, noting when something comes. */
    ReadableByteChannel heardThrough(ReadableByteChannel in) {
        return new ReadableByteChannel() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                int n = in.read(dst);
                if (n > 0) {
                    heard = System.nanoTime();
                }
                return n;
            }

            @Override
            public boolean isOpen() {
                return in.isOpen();
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    /** Did this watch close the connection (silent too long)? */
    boolean dropped() {
        return dropped;
    }

    void stop() {
        stop.countDown();
    }

    private void watch(DaemonConnection connection) {
        long pingedFor = -1; // the silence a ping was sent for (its start), so one ping per silence
        long step = Math.max(TimeUnit.MILLISECONDS.toNanos(50), idleNanos / 4);
        try {
            while (!stop.await(step, TimeUnit.NANOSECONDS)) {
                long last = heard;
                long silent = System.nanoTime() - last;
                if (silent >= 2 * idleNanos) {
                    dropped = true;
                    connection.close(); // ends ssh: the attach loop reads the end and reconnects
                    return;
                }
                if (silent >= idleNanos && pingedFor != last) {
                    pingedFor = last;
                    // On a thread of its own: a write into a stalled pipe may block, and this
                    // watch must still close the connection when its time comes.
                    Thread ping = new Thread(() -> {
                        try {
                            connection.send(new Request.Ping(connection.nextId()));
                        } catch (IOException e) {
                            // a dead pipe: the attach loop reads its end
                        }
                    }, "scarab-keepalive-ping");
                    ping.setDaemon(true);
                    ping.start();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
