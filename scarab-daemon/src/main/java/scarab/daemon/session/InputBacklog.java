package scarab.daemon.session;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * wait for the program. Nothing is dropped: the poller never waits, but past {@link #MAX_BYTES}
 * waiting a client's terminal is no longer read ({@link #sendFrom} says so) until half of it has
 * been written, so what is typed or pasted waits in that terminal, as it would for a program on a
 * real terminal that does not read; connection threads wait ({@link #sendAndWait}).
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
    /** Sources that stopped reading because too much waited: told when there is room again. */
    private final List<Runnable> waitingForRoom = new ArrayList<>();

    InputBacklog(Target target) {
        this.target = target;
    }

    /**
     * Sends input read from a source that can stop reading (a client's terminal) without waiting.
     * False when more than {@link #MAX_BYTES} now waits: the source should stop reading until
     * {@code whenRoom} runs (on another thread).
     */
    synchronized boolean sendFrom(byte[] data, Runnable whenRoom) {
        send(data);
        if (waitingBytes > MAX_BYTES) {
            waitingForRoom.add(whenRoom);
            return false;
        }
        return true;
    }

    /** Sends {@code data} to the program without waiting (the poller thread). */
    synchronized void send(byte[] data) {
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
            List<Runnable> room = List.of();
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    writerRunning = false;
                } else {
                    waitingBytes -= next.data().length;
                }
                if (!waitingForRoom.isEmpty() && (next == null || waitingBytes <= MAX_BYTES / 2)) {
                    room = List.copyOf(waitingForRoom);
                    waitingForRoom.clear();
                }
            }
            room.forEach(Runnable::run);
            if (next == null) {
                return;
            }
            try {
                target.write(next.data());
                if (next.written() != null) {
                    next.written().complete(null);
                }
            } catch (IOException e) {
                // The program is gone: its input has nowhere to go.
                log.debug("input for {} dropped: {}", target.name(), e.getMessage());
                synchronized (this) {
                    fail(next, e);
                    waiting.forEach(p -> fail(p, e));
                    waiting.clear();
                    waitingBytes = 0;
                    writerRunning = false;
                    room = List.copyOf(waitingForRoom);
                    waitingForRoom.clear();
                }
                room.forEach(Runnable::run);
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
