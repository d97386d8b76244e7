package scarab.daemon.session;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Input for a session's program that arrives on the poller thread (keys read from a client's own
 * terminal, replies to terminal queries), which must never wait for a program that is not reading
 * its input. What the PTY takes at once is written at once; the rest, and everything after it
 * (order is kept), is written by a short-lived thread that may wait. Nothing is dropped: past
 * {@link #MAX_BYTES} waiting, a client's terminal is no longer read ({@link #sendFrom} says so)
 * until half of it has been written, so what is typed or pasted waits in that terminal, as it
 * would for a program on a real terminal that does not read.
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

    private final Target target;
    private final ArrayDeque<byte[]> waiting = new ArrayDeque<>();
    private int waitingBytes;
    private boolean writerRunning;
    /** Sources that stopped reading because too much waited: told when there is room again. */
    private final java.util.List<Runnable> waitingForRoom = new java.util.ArrayList<>();

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

    /** Sends {@code data} to the program without waiting. */
    synchronized void send(byte[] data) {
        if (!writerRunning) {
            int n;
            try {
                n = target.tryWrite(data);
            } catch (IOException e) {
                log.debug("input for {} dropped: {}", target.name(), e.getMessage());
                return;
            }
            if (n == data.length) {
                return;
            }
            data = Arrays.copyOfRange(data, n, data.length);
            writerRunning = true;
            Thread t = new Thread(this::writeWaiting, "scarab-input-" + target.name());
            t.setDaemon(true);
            waiting.add(data);
            waitingBytes = data.length;
            t.start();
            return;
        }
        waiting.add(data);
        waitingBytes += data.length;
    }

    private void writeWaiting() {
        while (true) {
            byte[] next;
            List<Runnable> room = List.of();
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    writerRunning = false;
                } else {
                    waitingBytes -= next.length;
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
                target.write(next);
            } catch (IOException e) {
                // The program is gone: its input has nowhere to go.
                log.debug("input for {} dropped: {}", target.name(), e.getMessage());
                synchronized (this) {
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
}
