package scarab.daemon.session;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scarab.daemon.ipc.Connection;
import scarab.protocol.DetachKeys;
import scarab.protocol.Frame;
import scarab.protocol.Response;

/**
 * An attached client reached through its socket: output goes as 'O' frames, written by a thread
 * of its own. So a client that stops reading only ever blocks its own writer: its queue fills, the
 * backlog is dropped, and once its socket drains it gets a fresh full redraw in place of what it
 * missed.
 *
 * <p>The queue and its flags are guarded by this object's monitor. The writer does not wait on
 * that monitor: it parks outside it and is unparked, so waking it for a chunk of output never
 * makes it block again on the monitor the poller still holds (one wake-up per chunk, not two).
 */
final class FrameLink extends ClientLink {
    private static final Logger log = LoggerFactory.getLogger(FrameLink.class);
    /** Chunks are merged into frames up to this size to save syscalls and wake-ups. */
    private static final int MAX_FRAME = 256 << 10;

    private final Socket socket;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private long queuedBytes;
    /** The backlog was dropped; the next thing to send is a redraw, and output until then is not queued. */
    private boolean overflowed;
    /** A final message to send after the queue, then stop (detach or exit). */
    private Response farewell;
    private boolean finished;
    /** The writer thread, once started. */
    private volatile Thread writer;

    /** Where the writer sends: the client's connection. */
    interface Socket {
        void output(byte[] data, int off, int len) throws IOException;

        void control(Response message) throws IOException;

        void close();
    }

    FrameLink(Connection connection, boolean readOnly, int cols, int rows, DetachKeys keys) {
        this(connection, new Socket() {
            @Override
            public void output(byte[] data, int off, int len) throws IOException {
                connection.sendOutput(data, off, len);
            }

            @Override
            public void control(Response message) throws IOException {
                connection.send(message);
            }

            @Override
            public void close() {
                connection.close();
            }
        }, readOnly, cols, rows, keys);
    }

    FrameLink(Connection connection, Socket socket, boolean readOnly, int cols, int rows, DetachKeys keys) {
        super(connection, readOnly, cols, rows, keys);
        this.socket = socket;
    }

    /** Starts the writer; {@code redraw} renders the screen (the caller's lock rules apply inside). */
    @Override
    void start(String threadName, Supplier<byte[]> redraw) {
        Thread t = new Thread(() -> writeLoop(redraw), threadName);
        t.setDaemon(true);
        writer = t;
        t.start();
    }

    /** Queues output. Called with the session's screen lock held, so order matches the screen. */
    @Override
    synchronized void offer(byte[] chunk) {
        if (finished || farewell != null || overflowed) {
            return;
        }
        if (queuedBytes + chunk.length > MAX_QUEUED_BYTES) {
            queue.clear();
            queuedBytes = 0;
            overflowed = true;
            log.debug("client on connection {} fell behind; dropping its backlog", connection());
        } else {
            queue.add(chunk);
            queuedBytes += chunk.length;
        }
        // The writer is woken when the output pauses (outputPaused): a flood read 4 KB at a time
        // goes out as frames of up to a turn's reads instead of one frame per read.
    }

    @Override
    void outputPaused() {
        wakeWriter();
    }

    /** Replaces whatever is queued with a full redraw (after a size change). */
    @Override
    synchronized void replaceWithRedraw(byte[] redraw) {
        if (finished || farewell != null) {
            return;
        }
        queue.clear();
        queue.add(redraw);
        queuedBytes = redraw.length;
        overflowed = false;
        wakeWriter();
    }

    /** Sends {@code lastBytes} and then {@code message}, then stops writing. */
    @Override
    synchronized void finish(byte[] lastBytes, Response message) {
        markEnded();
        if (finished || farewell != null) {
            return;
        }
        if (overflowed) {
            queue.clear();
            overflowed = false;
        }
        if (lastBytes != null && lastBytes.length > 0) {
            queue.add(lastBytes);
        }
        farewell = message;
        wakeWriter();
    }

    /** The client is gone: stop at once. */
    @Override
    synchronized void abandon() {
        markEnded();
        finished = true;
        queue.clear();
        wakeWriter();
    }

    private void wakeWriter() {
        Thread t = writer;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * Sends until the farewell or the client's end. Whatever ends it otherwise (a failure of the
     * socket, or any other: a redraw that throws) ends the link and disconnects the client, which
     * would otherwise wait forever for output that no thread sends.
     */
    private void writeLoop(Supplier<byte[]> redraw) {
        boolean ended = false;
        try {
            sendUntilDone(redraw);
            ended = true;
        } catch (IOException e) {
            log.debug("client on connection {} is gone: {}", connection(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("sending output to the client on connection {} failed; disconnecting it", connection(), e);
        } finally {
            if (!ended) {
                abandon();
                socket.close();
            }
        }
    }

    private void sendUntilDone(Supplier<byte[]> redraw) throws IOException {
        while (true) {
            byte[] batch;
            Response last = null;
            boolean needRedraw;
            boolean idle;
            synchronized (this) {
                if (finished) {
                    return;
                }
                idle = queue.isEmpty() && !overflowed && farewell == null;
                needRedraw = !idle && overflowed && queue.isEmpty();
                batch = idle || needRedraw ? null : drain();
                if (!idle && !needRedraw && batch == null) {
                    last = farewell;
                    finished = true;
                }
            }
            if (idle) {
                // Park outside the monitor; an unpark that came first leaves a permit, so none is lost.
                LockSupport.park(this);
                continue;
            }
            if (needRedraw) {
                // Outside our monitor: the supplier takes the screen lock and calls back into
                // replaceWithRedraw, so that the redraw and the output after it stay in order.
                redraw.get();
                continue;
            }
            if (batch != null) {
                for (int off = 0; off < batch.length; off += Frame.MAX_PAYLOAD) {
                    socket.output(batch, off, Math.min(Frame.MAX_PAYLOAD, batch.length - off));
                }
            }
            if (last != null) {
                socket.control(last);
                return;
            }
        }
    }

    /** Takes queued chunks up to one frame's worth; null when the queue is empty. */
    private byte[] drain() {
        if (queue.isEmpty()) {
            return null;
        }
        byte[] first = queue.poll();
        if (queue.isEmpty() || first.length >= MAX_FRAME) {
            queuedBytes -= first.length;
            return first;
        }
        int total = first.length;
        for (byte[] b : queue) {
            if (total + b.length > MAX_FRAME) {
                break;
            }
            total += b.length;
        }
        byte[] merged = new byte[total];
        System.arraycopy(first, 0, merged, 0, first.length);
        int at = first.length;
        while (at < total) {
            byte[] b = queue.poll();
            System.arraycopy(b, 0, merged, at, b.length);
            at += b.length;
        }
        queuedBytes -= total;
        return merged;
    }
}
