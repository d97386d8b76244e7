package scarab.daemon.session;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's one input queue: every byte for its program goes through it, in the order it was
 * sent, whoever sends it (keys read from a client's own terminal and the emulator's replies to
 * terminal queries, on the poller thread; send-keys and relayed clients' keys, on connection
 * threads). What the PTY takes at once is written at once, under this queue's monitor, so nothing
 * can overtake it; the rest, and everything after it, is written by a short-lived thread that may
 * wait for the program. The poller never waits: beyond 1 MB waiting, what it sends is dropped, as
 * a real terminal's line discipline drops what overflows it. Connection threads may wait, and do
 * ({@link #sendAndWait}): what they send is never dropped.
 */
final class InputBacklog {
    private static final Logger log = LoggerFactory.getLogger(InputBacklog.class);
    private static final int MAX_BYTES = 1 << 20;

    /** How the backlog reaches the program. */
    interface Target {
        /** Writes what fits now; returns how much. */
        int tryWrite(byte[] data) throws IOException;

        /** Writes all of it, waiting for room. */
        void write(byte[] data) throws IOException;

        String name();
    }

    /** Bytes waiting, and who waits for them to be written (null: nobody). */
    private record Pending(byte[] data, CompletableFuture<Void> written) {}

    private final Target target;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private int waitingBytes;
    private boolean writerRunning;
    private boolean warned;

    InputBacklog(Target target) {
        this.target = target;
    }

    /** Sends {@code data} to the program without waiting (the poller thread). */
    synchronized void send(byte[] data) {
        if (writerRunning && waitingBytes + data.length > MAX_BYTES) {
            if (!warned) {
                warned = true;
                log.warn("{} has not read its input for a while; input beyond 1 MB is dropped", target.name());
            }
            return;
        }
        try {
            enqueue(data, null);
        } catch (IOException e) {
            log.debug("input for {} dropped: {}", target.name(), e.getMessage());
        }
    }

    /**
     * Sends {@code data} after everything sent before it and returns once the program has it (a
     * connection thread, which may wait for a program that is slow to read).
     *
     * @throws IOException when it cannot be written: no process, or it did not read for 10 s
     */
    void sendAndWait(byte[] data) throws IOException {
        CompletableFuture<Void> written = new CompletableFuture<>();
        synchronized (this) {
            enqueue(data, written);
        }
        try {
            written.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /** Writes what fits now if nothing is waiting before it, and queues the rest. Monitor held. */
    private void enqueue(byte[] data, CompletableFuture<Void> written) throws IOException {
        if (!writerRunning) {
            int n;
            try {
                n = target.tryWrite(data);
            } catch (IOException e) {
                if (written != null) {
                    written.completeExceptionally(e);
                    return;
                }
                throw e;
            }
            if (n == data.length) {
                if (written != null) {
                    written.complete(null);
                }
                return;
            }
            data = Arrays.copyOfRange(data, n, data.length);
            writerRunning = true;
            Thread t = new Thread(this::writeWaiting, "scarab-input-" + target.name());
            t.setDaemon(true);
            waiting.add(new Pending(data, written));
            waitingBytes = data.length;
            t.start();
            return;
        }
        waiting.add(new Pending(data, written));
        waitingBytes += data.length;
    }

    private void writeWaiting() {
        while (true) {
            Pending next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    writerRunning = false;
                    warned = false;
                    return;
                }
                waitingBytes -= next.data().length;
            }
            try {
                target.write(next.data());
                if (next.written() != null) {
                    next.written().complete(null);
                }
            } catch (IOException e) {
                log.debug("input for {} dropped: {}", target.name(), e.getMessage());
                synchronized (this) {
                    fail(next, e);
                    waiting.forEach(p -> fail(p, e));
                    waiting.clear();
                    waitingBytes = 0;
                    writerRunning = false;
                }
                return;
            }
        }
    }

    private static void fail(Pending p, IOException e) {
        if (p.written() != null) {
            p.written().completeExceptionally(e);
        }
    }
}
