package scarab.daemon.session;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Input for a session's program that arrives on the poller thread (keys read from a client's own
 * terminal, replies to terminal queries), which must never wait for a program that is not reading
 * its input. What the PTY takes at once is written at once; the rest, and everything after it
 * (order is kept), is written by a short-lived thread that may wait. At most 1 MB waits: beyond
 * that, input is dropped, as a real terminal's line discipline drops what overflows it.
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
    private boolean warned;

    InputBacklog(Target target) {
        this.target = target;
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
        if (waitingBytes + data.length > MAX_BYTES) {
            if (!warned) {
                warned = true;
                log.warn("{} has not read its input for a while; input beyond 1 MB is dropped", target.name());
            }
            return;
        }
        waiting.add(data);
        waitingBytes += data.length;
    }

    private void writeWaiting() {
        while (true) {
            byte[] next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    writerRunning = false;
                    warned = false;
                    return;
                }
                waitingBytes -= next.length;
            }
            try {
                target.write(next);
            } catch (IOException e) {
                log.debug("input for {} dropped: {}", target.name(), e.getMessage());
                synchronized (this) {
                    waiting.clear();
                    waitingBytes = 0;
                    writerRunning = false;
                }
                return;
            }
        }
    }
}
