package scarab.daemon.session;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scarab.daemon.ipc.Connection;
import scarab.daemon.pty.ClientTerminal;
import scarab.daemon.pty.PtyPoller;
import scarab.protocol.DetachKeys;
import scarab.protocol.Response;

/**
 * An attached client served through its own terminal, which the daemon opened and put in raw
 * mode (tmux's way): the poller writes output straight to the terminal and reads the keys from it,
 * watching for the detach keys; the client process only reports resizes, waits for the control
 * message that ends the attach and puts the terminal back if the daemon is lost. A keystroke's
 * echo costs two wake-ups of the poller thread and nothing else. The terminal's own settings are
 * put back before the client is told the attach ended, and when the client is gone.
 *
 * <p>Writes never block. Output the terminal cannot take now waits in a queue until the poller
 * says the terminal has room; past {@link #MAX_QUEUED_BYTES} the backlog is dropped and a full
 * redraw replaces it once the terminal drains, as for a {@link FrameLink}. A chunk already partly
 * written is always finished first, so an escape sequence is never cut in two.
 *
 * <p>The output state is guarded by this object's monitor; {@link #typed} and {@link #lost} run
 * on the poller thread.
 */
final class TerminalLink extends ClientLink implements PtyPoller.TerminalListener {
    private static final Logger log = LoggerFactory.getLogger(TerminalLink.class);
    /** How long the end of an attach waits for a full terminal to take the last output. */
    static final long FAREWELL_WAIT_SECONDS = 5;

    private final PtyPoller poller;
    private final ClientTerminal terminal;
    private volatile SessionAttachment attachment;
    private volatile Supplier<byte[]> redraw;

    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    /** Bytes of the queue's first chunk already written. */
    private int headWritten;
    private long queuedBytes;
    private boolean overflowed;
    private Response farewell;
    private boolean started;
    /** Writing failed (the terminal hung up): nothing more is written; the poller reports the loss. */
    private boolean broken;
    private boolean closed;
    /** Detached or abandoned: keys read from the terminal from now on are not the session's. */
    private volatile boolean leaving;
    /** The terminal was full: the poller was asked to say when it has room, and writes wait for that. */
    private boolean waitingForRoom;

    TerminalLink(PtyPoller poller, ClientTerminal terminal, DetachKeys keys, Connection connection,
                 boolean readOnly, int cols, int rows) {
        super(connection, readOnly, cols, rows, keys);
        this.poller = poller;
        this.terminal = terminal;
    }

    /** The attachment that detaches this client (detach keys, terminal lost); set before {@link #start}. */
    void attachment(SessionAttachment a) {
        attachment = a;
    }

    @Override
    void start(String threadName, Supplier<byte[]> redrawScreen) {
        redraw = redrawScreen;
        synchronized (this) {
            if (closed) {
                return;
            }
            started = true;
            poller.watch(terminal, this);
            flushLocked();
        }
    }

    @Override
    synchronized void offer(byte[] chunk) {
        if (closed || broken || farewell != null || overflowed) {
            return;
        }
        if (queuedBytes + chunk.length > MAX_QUEUED_BYTES) {
            dropBacklogLocked();
            overflowed = true;
            log.debug("the {} fell behind; dropping its backlog", terminal);
            askForRoom(true);
            return;
        }
        queue.add(chunk);
        queuedBytes += chunk.length;
        if (started && !waitingForRoom) {
            flushLocked();
        }
    }

    @Override
    synchronized void replaceWithRedraw(byte[] bytes) {
        if (closed || broken || farewell != null) {
            return;
        }
        dropBacklogLocked();
        overflowed = false;
        queue.add(bytes);
        queuedBytes += bytes.length;
        if (started && !waitingForRoom) {
            flushLocked();
        }
    }

    @Override
    synchronized void finish(byte[] lastBytes, Response message) {
        markEnded();
        if (closed || farewell != null) {
            return;
        }
        if (overflowed) {
            dropBacklogLocked();
            overflowed = false;
        }
        if (lastBytes != null && lastBytes.length > 0 && !broken) {
            queue.add(lastBytes);
            queuedBytes += lastBytes.length;
        }
        farewell = message;
        leaving = true;
        if (started || broken) {
            flushLocked();
        }
        if (!closed) {
            // Still waiting for room: a terminal that never drains (a stalled connection that does
            // not hang up) must not keep the farewell, the terminal's raw mode and its watch forever.
            CompletableFuture.delayedExecutor(FAREWELL_WAIT_SECONDS, TimeUnit.SECONDS).execute(this::giveUpWaiting);
        }
    }

    /** The farewell waited too long for the terminal to take the last bytes: it goes without them. */
    private synchronized void giveUpWaiting() {
        if (closed || farewell == null) {
            return;
        }
        log.info("the {} took nothing for {} s; ending its attach without the last output", terminal,
                FAREWELL_WAIT_SECONDS);
        queue.clear();
        queuedBytes = 0;
        headWritten = 0;
        broken = true;
        flushLocked();
    }

    @Override
    synchronized void abandon() {
        markEnded();
        leaving = true;
        closeLocked();
    }

    // ---- the poller's side ---------------------------------------------------------------------

    @Override
    public void typed(byte[] buffer, int length) {
        if (leaving) {
            return; // typed after the detach keys, while the poller had not stopped watching yet
        }
        keys().typed(buffer, length, keySink);
    }

    /** Typed bytes go to the program without waiting; the detach keys end the attach. Poller thread (or the key commands'). */
    private final ClientKeys.Sink keySink = new ClientKeys.Sink() {
        @Override
        public void forward(byte[] bytes) {
            if (!pane().inputFromTerminal(TerminalLink.this, bytes, () -> poller.readKeys(terminal, true))) {
                // The program is far behind on its input: the rest waits in the terminal.
                poller.readKeys(terminal, false);
            }
        }

        @Override
        public void detach() {
            SessionAttachment a = attachment;
            if (a != null) {
                a.detach();
            }
        }

        @Override
        public boolean mayWait() {
            return false; // the poller serves every session
        }
    };

    @Override
    public boolean writable() {
        synchronized (this) {
            if (closed) {
                return false;
            }
            waitingForRoom = false;
            if (!(overflowed && queue.isEmpty() && farewell == null && !broken)) {
                flushLocked();
                return waitingForRoom;
            }
        }
        // Fell behind and now has room: a fresh screen in place of what it missed. Outside our
        // monitor: the supplier takes the screen lock and calls back into replaceWithRedraw.
        redraw.get();
        synchronized (this) {
            return waitingForRoom;
        }
    }

    @Override
    public void lost() {
        log.debug("the {} hung up", terminal);
        SessionAttachment a = attachment;
        if (a != null) {
            a.terminalLost();
        } else {
            abandon();
        }
    }

    // ---- writing ---------------------------------------------------------------------------------

    /** Writes what the terminal takes; asks for room when it is full; sends the farewell when done. */
    private void flushLocked() {
        if (!broken) {
            try {
                while (!queue.isEmpty()) {
                    byte[] head = queue.peek();
                    int n = terminal.write(head, headWritten, head.length - headWritten);
                    headWritten += n;
                    queuedBytes -= n;
                    if (headWritten < head.length) {
                        askForRoom(true);
                        return;
                    }
                    queue.poll();
                    headWritten = 0;
                }
            } catch (IOException e) {
                log.debug("cannot write to the {}: {}", terminal, e.getMessage());
                broken = true;
                queue.clear();
                queuedBytes = 0;
                headWritten = 0;
            }
        }
        // An overflowed link waits for room to redraw.
        askForRoom(overflowed && !broken && farewell == null);
        if (farewell != null) {
            // The terminal is the client's again before it hears the attach is over.
            terminal.restoreModes();
            try {
                connection().send(farewell);
            } catch (IOException e) {
                log.debug("client on connection {} is gone: {}", connection(), e.getMessage());
                connection().close();
            }
            closeLocked();
        }
    }

    /** Waits for room (the poller is asked to say), or stops waiting (the poller stops by itself). */
    private void askForRoom(boolean on) {
        if (on && !waitingForRoom && !closed) {
            poller.wantWritable(terminal);
        }
        waitingForRoom = on;
    }

    /** Drops what is queued, except the rest of a chunk already partly written. */
    private void dropBacklogLocked() {
        if (headWritten > 0) {
            byte[] head = queue.poll();
            queue.clear();
            byte[] rest = Arrays.copyOfRange(head, headWritten, head.length);
            queue.add(rest);
            queuedBytes = rest.length;
            headWritten = 0;
        } else {
            queue.clear();
            queuedBytes = 0;
        }
    }

    private void closeLocked() {
        if (closed) {
            return;
        }
        closed = true;
        queue.clear();
        queuedBytes = 0;
        terminal.restoreModes(); // a client gone without a farewell (killed) gets its terminal back too
        poller.unwatch(terminal);
    }
}
