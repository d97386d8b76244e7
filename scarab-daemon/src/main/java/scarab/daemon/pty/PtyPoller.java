package scarab.daemon.pty;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scarab.daemon.FatalErrors;
import scarab.daemon.FaultInjection;

/**
 * One thread that reads every session's PTY and notices every session's exit: an epoll loop over
 * the PTY masters and the children's pidfds (tmux's design: one event loop, not threads per
 * session). A thousand idle sessions cost a thousand pairs of file descriptors, not two thousand
 * thread stacks.
 *
 * <p>Everything in here but the request queue belongs to the poller thread: other threads ask for
 * things ({@link #register}, {@link #hangUp}) by queueing a request and waking the loop through an
 * eventfd. Listeners are called on the poller thread and must not block: they feed the screen and
 * queue output for clients, nothing slower.
 *
 * <p>A child is done when its master has reached end of file (every holder of the terminal has
 * closed it, or it was hung up) and the process has been reaped; only then are its numbers closed
 * and its listener told the exit status, after the last byte of output.
 */
public final class PtyPoller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PtyPoller.class);
    private static final int MAX_EVENTS = 64;
    /** Per wake-up and PTY, at most this much is read: one busy session cannot starve the others. */
    private static final int READ_BUDGET = 64 * 1024;
    /**
     * What one read of a PTY master returns at most: the line discipline's buffer (N_TTY_BUF_SIZE).
     * A read that got less found it drained.
     */
    private static final int LDISC_BUFFER = 4096;
    private static final long WAKE_TOKEN = -1;
    /** The low two bits of a token: which number of an entry (or a watch) is ready. */
    private static final long MASTER = 0;
    private static final long PIDFD = 1;
    private static final long TERMINAL = 2;
    /** Reads of a terminal per wake-up before the others are served (level-triggered: it comes back). */
    private static final int TERMINAL_READS = 64;
    /** The 8-byte counter increment an eventfd expects, in the machine's byte order. */
    private static final byte[] ONE = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(1).array();

    /** What the poller tells a child's owner, on the poller thread. */
    public interface Listener {
        /** Output from the program; {@code buffer} is reused after this returns. */
        void output(byte[] buffer, int length);

        /**
         * The reads of this turn are over (the output paused, or the turn's budget is spent): a
         * good moment to pass on what {@link #output} gave, in one piece.
         */
        default void outputPaused() {
        }

        /** The program has ended and all its output has been delivered. */
        void ended(int exitStatus);

        /**
         * Whether what was delivered so far ends at a clean point (no escape sequence or UTF-8
         * character cut in two): where an upgrade may stop reading ({@link #park}).
         */
        default boolean atRest() {
            return true;
        }
    }

    /** What the poller tells the owner of a watched {@link ClientTerminal}, on the poller thread. */
    public interface TerminalListener {
        /** Keys typed on the terminal; {@code buffer} is reused after this returns. */
        void typed(byte[] buffer, int length);

        /**
         * The terminal has room again (after {@link #wantWritable} asked for it).
         *
         * @return whether to go on watching for room (the terminal filled up again)
         */
        boolean writable();

        /** The terminal hung up; it is no longer watched, but still open until {@link #unwatch}. */
        void lost();
    }

    private static final class Watch {
        final long id;
        final ClientTerminal terminal;
        final TerminalListener listener;
        boolean watched = true;
        boolean wantWritable;
        /** Not read for now: what was typed waits in the terminal (its owner has too much pending). */
        boolean paused;

        /** What epoll is asked to report for this terminal. */
        int interest() {
            return (paused ? 0 : Posix.EPOLLIN) | (wantWritable ? Posix.EPOLLOUT : 0);
        }

        Watch(long id, ClientTerminal terminal, TerminalListener listener) {
            this.id = id;
            this.terminal = terminal;
            this.listener = listener;
        }
    }

    private static final class Entry {
        final long id;
        final PtyChild child;
        final Listener listener;
        boolean masterOpen = true;
        boolean reaped;

        Entry(long id, PtyChild child, Listener listener) {
            this.id = id;
            this.child = child;
            this.listener = listener;
        }
    }

    private final int epfd;
    private final int wakeFd;
    private final Memory events = new Memory((long) MAX_EVENTS * Posix.EPOLL_EVENT_SIZE);
    private final ByteBuffer eventView = events.getByteBuffer(0, events.size()).order(ByteOrder.nativeOrder());
    private final Memory readBuffer = new Memory(READ_BUDGET);
    private final byte[] chunk = new byte[READ_BUDGET];
    private final Memory ctlEvent = new Memory(Posix.EPOLL_EVENT_SIZE);
    private final ConcurrentLinkedQueue<Runnable> requests = new ConcurrentLinkedQueue<>();
    /** Poller thread only. */
    private final Map<Long, Entry> entries = new HashMap<>();
    /** Poller thread only. */
    private final Map<PtyChild, Entry> byChild = new HashMap<>();
    /** Poller thread only. */
    private final Map<Long, Watch> watches = new HashMap<>();
    /** Poller thread only. */
    private final Map<ClientTerminal, Watch> byTerminal = new HashMap<>();
    private final byte[] typed = new byte[4096];
    private long nextId;
    private final Thread thread;
    private volatile boolean closing;

    public PtyPoller() throws IOException {
        Posix.LibC c = Posix.LibC.INSTANCE;
        epfd = c.epoll_create1(Posix.O_CLOEXEC);
        if (epfd < 0) {
            throw new IOException("epoll_create1: " + Posix.strerror(Posix.errno()));
        }
        wakeFd = c.eventfd(0, Posix.O_CLOEXEC | Posix.EFD_NONBLOCK);
        if (wakeFd < 0) {
            c.close(epfd);
            throw new IOException("eventfd: " + Posix.strerror(Posix.errno()));
        }
        control(Posix.EPOLL_CTL_ADD, wakeFd, WAKE_TOKEN);
        thread = new Thread(this::loop, "scarab-pty-poller");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts reading a child's output and watching for its exit. */
    public void register(PtyChild child, Listener listener) {
        request(() -> {
            Entry e = new Entry(nextId++, child, listener);
            entries.put(e.id, e);
            byChild.put(child, e);
            control(Posix.EPOLL_CTL_ADD, child.master(), e.id << 2 | MASTER);
            control(Posix.EPOLL_CTL_ADD, child.pidfd(), e.id << 2 | PIDFD);
        });
    }

    /** Starts reading a client's terminal; {@code listener} hears keys, room and hang-up. */
    public void watch(ClientTerminal terminal, TerminalListener listener) {
        requestIfOpen(() -> {
            Watch w = new Watch(nextId++, terminal, listener);
            watches.put(w.id, w);
            byTerminal.put(terminal, w);
            control(Posix.EPOLL_CTL_ADD, terminal.fd(), w.id << 2 | TERMINAL);
        });
    }

    /**
     * Asks to hear {@link TerminalListener#writable} when the terminal has room. Level-triggered
     * and asked for only while the terminal is full; the poller stops watching for room itself
     * when the listener says it needs no more. (An edge-triggered watch was tried: it woke the
     * poller for every read the terminal's reader made, hundreds of times a second under heavy
     * output, for nothing.)
     */
    public void wantWritable(ClientTerminal terminal) {
        Runnable change = () -> {
            Watch w = byTerminal.get(terminal);
            if (w != null && w.watched && !w.wantWritable) {
                w.wantWritable = true;
                control(Posix.EPOLL_CTL_MOD, terminal.fd(), w.id << 2 | TERMINAL, w.interest());
            }
        };
        if (Thread.currentThread() == thread && byTerminal.containsKey(terminal)) {
            change.run(); // from a listener: no request and wake-up needed
        } else {
            requestIfOpen(change); // after a watch request that may still be queued
        }
    }

    /**
     * Stops or starts again reading a terminal's keys: what is typed meanwhile waits in the
     * terminal, whose writer then waits in turn, as a program that does not read its input makes
     * a real terminal wait. A hang-up is still noticed.
     */
    public void readKeys(ClientTerminal terminal, boolean on) {
        Runnable change = () -> {
            Watch w = byTerminal.get(terminal);
            if (w != null && w.watched && w.paused == on) {
                w.paused = !on;
                control(Posix.EPOLL_CTL_MOD, terminal.fd(), w.id << 2 | TERMINAL, w.interest());
            }
        };
        if (Thread.currentThread() == thread && byTerminal.containsKey(terminal)) {
            change.run();
        } else {
            requestIfOpen(change);
        }
    }

    /**
     * Stops watching a terminal and closes it. The caller must not write to it any more: the
     * number may be reused once closed.
     */
    public void unwatch(ClientTerminal terminal) {
        Runnable close = () -> {
            Watch w = byTerminal.remove(terminal);
            if (w != null) {
                watches.remove(w.id);
                if (w.watched) {
                    control(Posix.EPOLL_CTL_DEL, terminal.fd(), 0);
                }
            }
            terminal.close();
        };
        requestIfOpen(close);
    }

    /** Terminals are the clients' business: once the poller is closed (daemon exiting) they are left be. */
    private void requestIfOpen(Runnable r) {
        try {
            request(r);
        } catch (IllegalStateException e) {
            // closed: the daemon's exit closes the numbers
        }
    }

    /**
     * Stops reading every PTY at a clean point, for an in-place upgrade: the loop finishes its
     * turn, reads on from each PTY whose output stopped inside an escape sequence or a UTF-8
     * character until it is at rest (or {@code drainMillis} have passed, or the program is quiet),
     * then waits, holding every request, until the returned resume is run. Output written
     * meanwhile waits in the kernel for the next reader: this one, resumed, or the program that
     * adopts the PTYs after {@code execve}.
     *
     * @return what resumes the loop (a failed upgrade); null if the loop did not stop in time
     */
    public Runnable park(long drainMillis, long timeoutMillis) throws InterruptedException {
        java.util.concurrent.CountDownLatch parked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch resume = new java.util.concurrent.CountDownLatch(1);
        request(() -> {
            drainToRest(drainMillis);
            parked.countDown();
            try {
                resume.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        if (!parked.await(timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            resume.countDown();
            return null;
        }
        return resume::countDown;
    }

    /** Poller thread: reads on from the PTYs whose output stopped mid-sequence. */
    private void drainToRest(long drainMillis) {
        long deadline = System.nanoTime() + drainMillis * 1_000_000;
        Memory pollfd = new Memory(8);
        for (Entry e : new java.util.ArrayList<>(entries.values())) {
            while (e.masterOpen && !e.listener.atRest()) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    log.warn("process {}: its output stays cut inside an escape sequence across the upgrade",
                            e.child.pid());
                    break;
                }
                pollfd.setInt(0, e.child.master());
                pollfd.setShort(4, Posix.POLLIN);
                pollfd.setShort(6, (short) 0);
                if (Posix.poll(pollfd, 1, (int) Math.min(left, 100)) <= 0) {
                    continue;
                }
                readMaster(e);
            }
        }
    }

    /** The children still read (registered, master open); poller thread only, i.e. while parked. */
    public java.util.List<PtyChild> liveChildren() {
        java.util.List<PtyChild> out = new java.util.ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.masterOpen) {
                out.add(e.child);
            }
        }
        return out;
    }

    /**
     * Hangs the child's terminal up by closing the master, as a terminal emulator does when its
     * window closes: the kernel sends SIGHUP to the session. Output not yet read is dropped.
     */
    public void hangUp(PtyChild child) {
        request(() -> {
            Entry e = byChild.get(child);
            if (e != null && e.masterOpen) {
                masterDone(e);
                finishIfDone(e);
            }
        });
    }

    private void request(Runnable r) {
        if (closing) {
            throw new IllegalStateException("the PTY poller is closed");
        }
        requests.add(r);
        wake();
    }

    private void wake() {
        // eventfd writes only fail when the counter would overflow: it is already signalled then.
        Posix.write(wakeFd, ONE, 8);
    }

    private void control(int op, int fd, long token) {
        control(op, fd, token, Posix.EPOLLIN);
    }

    private void control(int op, int fd, long token, int interest) {
        ctlEvent.setInt(0, interest);
        ctlEvent.setLong(Posix.EPOLL_DATA_OFFSET, token);
        if (Posix.LibC.INSTANCE.epoll_ctl(epfd, op, fd, ctlEvent) != 0) {
            log.warn("epoll_ctl({}, fd {}): {}", op, fd, Posix.strerror(Posix.errno()));
        }
    }

    private void loop() {
        while (!closing) {
            if (FaultInjection.fires("epoll-wait")) {
                Posix.LibC.INSTANCE.close(epfd); // epoll_wait then fails with EBADF, as a real failure would
            }
            int n = Posix.epoll_wait(epfd, events, MAX_EVENTS, -1);
            if (n < 0) {
                int errno = Posix.errno();
                if (errno != Posix.EINTR) {
                    // Without this loop no session's output is read and no exit is noticed: every
                    // session would freeze. A new daemon restores them all.
                    FatalErrors.exit("the PTY poller", new IOException("epoll_wait failed: " + Posix.strerror(errno)));
                    return;
                }
                continue;
            }
            for (int i = 0; i < n; i++) {
                long token = eventView.getLong(i * Posix.EPOLL_EVENT_SIZE + Posix.EPOLL_DATA_OFFSET);
                if (token == WAKE_TOKEN) {
                    Posix.read(wakeFd, readBuffer, 8);
                    continue;
                }
                if ((token & 3) == TERMINAL) {
                    int ready = eventView.getInt(i * Posix.EPOLL_EVENT_SIZE);
                    serveTerminal(watches.get(token >> 2), ready);
                    continue;
                }
                Entry e = entries.get(token >> 2);
                if (e == null) {
                    continue; // finished earlier in this batch
                }
                try {
                    if ((token & 3) == MASTER) {
                        if (e.masterOpen) {
                            readMaster(e);
                        }
                    } else if (!e.reaped && e.child.reap()) {
                        e.reaped = true;
                        control(Posix.EPOLL_CTL_DEL, e.child.pidfd(), 0);
                    }
                    finishIfDone(e);
                } catch (RuntimeException | Error ex) {
                    log.error("PTY of process {} failed; hanging it up", e.child.pid(), ex);
                    if (e.masterOpen) {
                        masterDone(e);
                    }
                }
            }
            Runnable r;
            while ((r = requests.poll()) != null) {
                try {
                    r.run();
                } catch (RuntimeException ex) {
                    log.error("PTY poller request failed", ex);
                }
            }
        }
    }

    private void serveTerminal(Watch w, int ready) {
        if (w == null || !w.watched) {
            return; // unwatched earlier in this batch
        }
        try {
            if ((ready & Posix.EPOLLOUT) != 0 && !w.listener.writable() && w.watched && w.wantWritable) {
                w.wantWritable = false;
                control(Posix.EPOLL_CTL_MOD, w.terminal.fd(), w.id << 2 | TERMINAL, w.interest());
            }
            if ((ready & ~Posix.EPOLLOUT) != 0) {
                // Readable, or hung up (EPOLLHUP/EPOLLERR): a read tells which. A paused terminal
                // is read only when it hung up, until the read that says so.
                boolean hungUp = (ready & (Posix.EPOLLHUP | Posix.EPOLLERR)) != 0;
                for (int reads = 0; reads < TERMINAL_READS && w.watched && (!w.paused || hungUp); reads++) {
                    int n = w.terminal.read(typed);
                    if (n == 0) {
                        break;
                    }
                    if (n < 0) {
                        terminalLost(w);
                        break;
                    }
                    w.listener.typed(typed, n);
                }
            }
        } catch (RuntimeException | Error ex) {
            log.error("serving the {} failed; letting it go", w.terminal, ex);
            terminalLost(w);
        }
    }

    /** No more events from it (a hung-up terminal would report itself forever); its owner is told. */
    private void terminalLost(Watch w) {
        if (!w.watched) {
            return;
        }
        w.watched = false;
        control(Posix.EPOLL_CTL_DEL, w.terminal.fd(), 0);
        w.listener.lost();
    }

    /**
     * Reads what the master has, up to the budget, handing over each read as it comes. A read that
     * finds the line discipline's buffer empty waits in the kernel for the work that refills it
     * (n_tty_read flushes the PTY's buffer), one context switch per 4 KB: so each read is parsed
     * before the next (the kernel refills meanwhile), and a short read ends the turn instead of a
     * read to EAGAIN. Reading to EAGAIN and parsing 64 KB at once gave 44 MB/s with no client
     * attached; this gives 60-65 (tmux 46-48 in the same runs).
     */
    private void readMaster(Entry e) {
        int total = 0;
        boolean end = false;
        while (total < READ_BUDGET) {
            long n = Posix.read(e.child.master(), readBuffer, READ_BUDGET);
            if (n > 0) {
                total += (int) n;
                readBuffer.read(0, chunk, 0, (int) n);
                e.listener.output(chunk, (int) n);
                if (n < LDISC_BUFFER) {
                    break;
                }
                continue;
            }
            if (n == 0) {
                end = true;
            } else {
                int errno = Posix.errno();
                if (errno == Posix.EINTR) {
                    continue;
                }
                // EIO: the last holder of the terminal's other side has closed it. EAGAIN: drained.
                end = errno != Posix.EAGAIN;
            }
            break;
        }
        if (total > 0) {
            e.listener.outputPaused();
        }
        if (end) {
            masterDone(e);
        }
    }

    private void masterDone(Entry e) {
        e.masterOpen = false;
        control(Posix.EPOLL_CTL_DEL, e.child.master(), 0);
        e.child.closeMaster();
    }

    private void finishIfDone(Entry e) {
        if (e.masterOpen || !e.reaped) {
            return;
        }
        entries.remove(e.id);
        byChild.remove(e.child);
        e.child.closePidfd();
        e.listener.ended(e.child.exitStatus());
    }

    /** Stops the loop; children still registered are left as they are (the daemon is exiting). */
    @Override
    public void close() {
        closing = true;
        wake();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
