package scarab.daemon.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import scarab.daemon.store.Snapshot;
import scarab.daemon.terminal.HistoryArchive;
import scarab.daemon.terminal.HistorySource;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scarab.daemon.ipc.Connection;
import scarab.daemon.pty.PtyChild;
import scarab.daemon.pty.PtyPoller;
import scarab.daemon.terminal.PictureRenderer;
import scarab.daemon.terminal.Renderer;
import scarab.daemon.terminal.Screen;
import scarab.protocol.Response;

/**
 * One pane: a process on a pseudo-terminal, the picture of its screen and history, the clients
 * that show it, and its metadata. A {@link Window} lays panes out; a {@link Session} holds windows.
 *
 * <p>Threads and locks:
 * <ul>
 *   <li>The daemon's one {@link PtyPoller} thread reads the PTY and calls {@link #output}: under
 *       the write lock of {@link #screenLock} it feeds the bytes to the parser and offers the same
 *       bytes to every attached client's queue; queues never block, so a slow client cannot slow
 *       the session (nor, since the poller serves them all, any other session).</li>
 *   <li>Attach renders the screen and registers the client under the same write lock, so the
 *       client sees the redraw and then exactly the bytes that came after it: no gap, no duplicate.</li>
 *   <li>Readers of the screen (capture, snapshots, redraws) take the read lock.</li>
 *   <li>Metadata is an immutable {@link SessionMeta} in a volatile field; changes go through
 *       {@link #updateMeta}, synchronized on this session, so readers always see a whole version.</li>
 *   <li>Locks are taken in one order: {@link #lifecycle}, then {@link #screenLock}, then this
 *       session's monitor, which is innermost: nothing is taken while it is held.</li>
 * </ul>
 */
public final class Pane {
    private static final Logger log = LoggerFactory.getLogger(Pane.class);
    /** The pane id, {@code %N}: unique in the daemon, kept across restarts. */
    private final int id;
    /** The session this pane belongs to (a pane moved to another session by join-pane changes it). */
    private volatile Session session;
    /** When it was last made active (a counter): select-pane -L/-R/-U/-D prefers the most recent. */
    private volatile long activeSince;
    /** The window it is in (null until placed); set under the session's structure lock. */
    private volatile Window window;
    /**
     * Held by the changes of a session's life (rename, kill, starting a restored session's
     * process), from their check that the session still exists to their commit or spawn, so that
     * they follow one another. The output path never takes it. Outermost of the session's locks.
     */
    final Object lifecycle = new Object();
    private volatile PaneMeta meta;
    /** At creation, when a restored session's command is started again, or by respawn-pane. */
    private volatile PtyChild process;
    /** Set with the process: the poller that reads it, and hangs it up when it is killed. */
    private volatile PtyPoller poller;
    /** The current process's end; a new one for each process respawn-pane starts. */
    private volatile CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final AtomicLong bytesRead = new AtomicLong();
    /** System.nanoTime of the first output since {@link WindowNames} last looked at the foreground command; 0: none. */
    private volatile long nameCheckSince;
    /** The foreground command as {@link WindowNames} last read it; null until read. */
    private volatile String currentCommand;
    private final boolean restored;
    private final ReentrantReadWriteLock screenLock = new ReentrantReadWriteLock();
    /** Guarded by screenLock; replaced by a fresh one only if the emulator fails (write lock held). */
    private Screen screen;
    /** How much history the screen keeps: also the bounds of a fresh screen after an emulator failure. */
    private final HistoryBounds history;
    /** The emulator failed on this session's output before: later failures are not logged in full again. */
    private boolean emulatorFailed;
    /** Tests only: sees each chunk of output before the emulator does, and may throw as the emulator could. */
    static volatile java.util.function.Consumer<byte[]> emulatorFaultForTests;
    /** Changed only under screenLock's write lock; iterated freely. */
    private final CopyOnWriteArrayList<ClientLink> clients = new CopyOnWriteArrayList<>();
    /** Clients whose chooser previews this pane ({@link ChooserMode}): drawn again when its screen changes. */
    private final CopyOnWriteArrayList<ClientLink> previewers = new CopyOnWriteArrayList<>();
    /** Commands waiting on the output (wait-for-output, wait --idle); told after each feed. */
    private final CopyOnWriteArrayList<OutputWatcher> watchers = new CopyOnWriteArrayList<>();
    /** Copies of the output, size and input (recordings); changed under the write lock, iterated freely. */
    private final CopyOnWriteArrayList<PaneTap> taps = new CopyOnWriteArrayList<>();
    /** Composed clients whose picture the poller draws after this turn's reads; poller thread only. */
    private final java.util.ArrayList<ClientLink> viewsDue = new java.util.ArrayList<>(1);
    /**
     * Killed or ended: what a client that attaches from now on is told at once instead of being
     * registered; null while clients may attach. Guarded by screenLock's write lock.
     */
    private Response ended;
    private volatile PaneEvents events;
    /** This pane's output as text for the event stream (poller thread only). */
    private final scarab.daemon.events.Utf8Carry outputText = new scarab.daemon.events.Utf8Carry();
    /** System.nanoTime of the last output, 0 before any: the event stream's activity (poller thread only). */
    private long lastOutputNanos;
    /** Screen change count at the last snapshot; touched only by the snapshot thread. */
    private volatile long snapshotChange = -1;
    /**
     * The stored screen and history still to be put into this pane (a daemon starting loads
     * them after it listens): whoever needs the screen first runs it, the others wait for it.
     * Null once loaded.
     */
    private volatile java.util.concurrent.FutureTask<Void> pendingLoad;
    private String snapshotCwd;
    /** Which history lines are stored; the snapshot thread's (and the restore's, before the session is shared). */
    private final HistoryArchive archive;
    /** The round of the snapshot being stored, and the screen it was taken of; snapshot thread only. */
    private HistoryArchive.Round pendingRound;
    private Screen pendingScreen;
    /** Where captures read the history lines that left memory (history-disk). */
    private final HistorySource storedHistory;
    /** The directory the restored process should start in; null when not restored. */
    private volatile String restoreCwd;
    /** The one input queue: every writer's bytes reach the program through it, in order. */
    private final InputBacklog backlog = new InputBacklog(new InputBacklog.Target() {
        @Override
        public int tryWrite(byte[] data) throws IOException {
            return runningProcess().tryWrite(data, 0, data.length);
        }

        @Override
        public void write(byte[] data) throws IOException {
            runningProcess().write(data, 0, data.length);
        }

        @Override
        public String name() {
            return label();
        }
    });

    private Pane(Session session, PaneMeta meta, PtyChild process, boolean restored, HistoryBounds history,
                 HistorySource stored) {
        this.id = meta.id();
        this.session = session;
        this.meta = meta;
        this.process = process;
        this.restored = restored;
        this.history = history;
        this.storedHistory = history.disk() > 0 ? stored : HistorySource.NONE;
        this.archive = new HistoryArchive(history.disk());
        this.screen = newScreen(meta.cols(), meta.rows());
        if (meta.exited()) {
            exit.complete(meta.exitCode() == null ? -1 : meta.exitCode());
        }
    }

    /** A pane whose process is running now; call {@link #startReader} once it is registered. */
    static Pane running(Session session, PaneMeta meta, PtyChild process, HistoryBounds history, HistorySource stored) {
        return new Pane(session, meta, process, false, history, stored);
    }

    /** A pane known from the store whose process is gone (daemon restart) or had exited. */
    static Pane withoutProcess(Session session, PaneMeta meta, HistoryBounds history, HistorySource stored) {
        return new Pane(session, meta, null, true, history, stored);
    }

    private Screen newScreen(int cols, int rows) {
        return new Screen(cols, rows, history.lines(), history.bytes(), history.disk() > 0);
    }

    /** {@code %N}, as targets and logs write it. */
    public String label() {
        return "%" + id;
    }

    public Session session() {
        return session;
    }

    void session(Session owner) {
        session = owner;
    }

    long activeSince() {
        return activeSince;
    }

    void activeSince(long order) {
        activeSince = order;
    }

    public Window window() {
        return window;
    }

    void window(Window placed) {
        window = placed;
    }

    private String sessionName() {
        return session.meta().name();
    }

    /** Gives a restored session its new process; the reader starts with {@link #startReader}. */
    synchronized void startProcess(PtyChild newProcess) {
        if (process != null) {
            throw new IllegalStateException("pane " + label() + " already has a process");
        }
        process = newProcess;
    }

    String restoreCwd() {
        return restoreCwd;
    }

    void restoreCwd(String cwd) {
        restoreCwd = cwd;
    }

    /** The stored screen and history are to be put in by {@code load} on first need ({@link #ensureLoaded}). */
    void loadLater(Runnable load) {
        pendingLoad = new java.util.concurrent.FutureTask<>(load, null);
    }

    /**
     * Loads the stored screen and history now if they are not yet (on this thread, or waits for the
     * thread loading them). Every use of the screen but the load's own comes after it.
     */
    void ensureLoaded() {
        java.util.concurrent.FutureTask<Void> load = pendingLoad;
        if (load == null) {
            return;
        }
        load.run(); // at most once: returns at once when another thread runs or ran it
        try {
            load.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            log.warn("session {} pane {}: loading its stored screen failed: {}", sessionName(), label(),
                    String.valueOf(e.getCause()));
        }
        pendingLoad = null;
    }

    /** Whether the stored screen is in memory ({@link #ensureLoaded} would not read the disk). */
    public boolean loaded() {
        return pendingLoad == null;
    }

    /** Feeds bytes into the screen as if the program had written them (restored history, markers). */
    void replay(byte[] bytes) {
        screenLock.writeLock().lock();
        try {
            screen.feed(bytes, 0, bytes.length);
            screen.takeReplies(); // queries in old output are not answered: nobody is asking any more
        } finally {
            screenLock.writeLock().unlock();
        }
    }

    /**
     * Restores a stored snapshot into this session's fresh screen: format 2's history chunks, then
     * the replay of the screen. History chunks that cannot be read leave the history empty (the
     * screen is restored all the same) and are reported by the exception thrown at the end.
     */
    void restore(Snapshot snapshot) {
        IOException historyLost = null;
        screenLock.writeLock().lock();
        try {
            if (snapshot.format() == Snapshot.FORMAT_SCREEN_AND_CHUNKS) {
                try {
                    archive.restore(screen, snapshot.historyStart(), snapshot.historyEnd(), snapshot.chunks(),
                            snapshot.storedChunks());
                } catch (IOException e) {
                    historyLost = e;
                }
            }
        } finally {
            screenLock.writeLock().unlock();
        }
        replay(snapshot.replay());
        if (historyLost != null) {
            throw new UncheckedIOException("stored history unreadable: " + historyLost.getMessage(), historyLost);
        }
    }

    /**
     * A snapshot if the screen changed since the last one, else null. Called only from the
     * snapshot thread. The working directory is looked up only then: a shell that changes
     * directory prints a prompt, and an idle session costs no /proc lookups at all (a thousand
     * idle sessions used to cost two thousand every 2 s). Under the screen's read lock it only
     * copies (the new history lines are shared, being immutable, and the visible screen is
     * copied); rendering, encoding and compressing happen after, so the PTY reader, which needs
     * the write lock to feed this screen, never waits for them.
     */
    Snapshot snapshotIfChanged() {
        if (pendingLoad != null) {
            return null; // not loaded yet: the store has it as it is
        }
        screenLock.readLock().lock();
        try {
            if (screen.changeCount() == snapshotChange) {
                return null;
            }
        } finally {
            screenLock.readLock().unlock();
        }
        String cwd = process != null && process.isAlive() ? ForegroundCwd.of(process.pid()) : snapshotCwd;
        if (cwd == null) {
            cwd = snapshotCwd != null ? snapshotCwd : meta.cwd();
        }
        long change;
        HistoryArchive.Round round;
        Screen taken;
        screenLock.readLock().lock();
        try {
            change = screen.changeCount();
            round = archive.prepare(screen);
            taken = screen;
        } finally {
            screenLock.readLock().unlock();
        }
        snapshotChange = change;
        snapshotCwd = cwd;
        pendingRound = round;
        pendingScreen = taken;
        return Snapshot.incremental(id, cwd, round.screenReplay(), round.historyStart(), round.historyEnd(),
                round.keptEnd(), round.chunks(), round.diskStart());
    }

    /**
     * The last snapshot was stored: its history chunks are the stored ones now, and the screen's
     * lines that they hold may leave memory (history-disk). Snapshot thread only.
     */
    void snapshotStored() {
        HistoryArchive.Round round = pendingRound;
        if (round != null) {
            archive.committed(round);
            Screen taken = pendingScreen;
            pendingRound = null;
            pendingScreen = null;
            writeScreen(s -> {
                // A screen replaced since (the emulator failed) numbers its lines afresh: not these.
                if (s == taken) s.historyStored(round.historyEnd(), round.diskStart());
                return null;
            });
        }
    }

    /** The last snapshot was not stored: the next round takes one whatever changed. Snapshot thread only. */
    void snapshotLost() {
        pendingRound = null;
        pendingScreen = null;
        snapshotChange = -1;
    }

    /**
     * What a capture with these options shows: the lines in range copied under the read lock, and
     * those that left memory read from the store after it is released, as the text is made.
     */
    public Screen.CaptureView captureView(scarab.daemon.terminal.CaptureOptions options) {
        return readScreen(s -> s.captureView(options)).readingStoredLinesFrom(storedHistory);
    }

    /**
     * A snapshot of the pane's lines for copy mode: the whole history (the stored lines read when
     * first shown) and the visible screen, as tmux's copy mode clones a pane's screen.
     */
    public scarab.daemon.terminal.ScreenLines lines() {
        return readScreen(s -> s.lines()).readingStoredLinesFrom(storedHistory);
    }

    /** Marks the restored state as already stored (its snapshot came from the store). */
    void snapshotTaken(String cwd) {
        screenLock.readLock().lock();
        try {
            snapshotChange = screen.changeCount();
        } finally {
            screenLock.readLock().unlock();
        }
        snapshotCwd = cwd;
    }

    /** Starts delivering the process's output to the screen and clients, and its end to {@code events}. */
    void startReader(PtyPoller ptyPoller, PaneEvents events) {
        this.events = events;
        this.poller = ptyPoller;
        PtyChild mine = process;
        ptyPoller.register(mine, new PtyPoller.Listener() {
            @Override
            public void output(byte[] buffer, int length) {
                try {
                    Pane.this.output(buffer, length);
                } catch (RuntimeException | Error e) {
                    drawViewsDue(); // the poller gives the pane up: no outputPaused draws what is due
                    throw e;
                }
            }

            @Override
            public void outputPaused() {
                drawViewsDue();
                for (ClientLink c : clients) {
                    c.outputPaused();
                }
            }

            @Override
            public boolean atRest() {
                return readScreen(Screen::parserAtRest);
            }

            @Override
            public void ended(int exitStatus) {
                // A process respawn-pane -k replaced: its end is not the pane's.
                if (process == mine) {
                    events.exited(Pane.this, exitStatus);
                }
            }
        });
    }

    /**
     * Adds a watcher of the output and runs {@code first} on the screen as it is then, under the
     * write lock: the watcher sees the screen once and then every change after it, nothing twice.
     */
    public <T> T watch(OutputWatcher w, Function<Screen, T> first) {
        ensureLoaded();
        screenLock.writeLock().lock();
        try {
            T t = first.apply(screen);
            watchers.add(w);
            return t;
        } finally {
            screenLock.writeLock().unlock();
        }
    }

    public void unwatch(OutputWatcher w) {
        watchers.remove(w);
    }

    /**
     * Adds a tap and runs {@code first} on the screen as it is then, under the write lock: the tap
     * gets exactly the output that comes after what {@code first} saw.
     */
    public <T> T tap(PaneTap t, Function<Screen, T> first) {
        ensureLoaded();
        screenLock.writeLock().lock();
        try {
            T result = first.apply(screen);
            taps.add(t);
            return result;
        } finally {
            screenLock.writeLock().unlock();
        }
    }

    public void untap(PaneTap t) {
        taps.remove(t);
    }

    private void tapInput(byte[] data) {
        for (PaneTap t : taps) {
            t.input(data);
        }
    }

    /**
     * A composed client's picture is due after this pane's output (poller thread, write lock held):
     * drawn by the poller once the turn's reads are over and the lock is released
     * ({@link #drawViewsDue}), unless it waits for its interval on the picture thread.
     */
    private void viewDueOnPoller(ClientLink c) {
        if (c.viewDueOnPoller()) {
            viewsDue.add(c);
        }
    }

    /** The pictures {@link #viewDueOnPoller} left to the poller, now that it holds no lock (poller thread). */
    private void drawViewsDue() {
        if (viewsDue.isEmpty()) {
            return;
        }
        ClientLink[] due = viewsDue.toArray(new ClientLink[0]);
        viewsDue.clear();
        for (ClientLink c : due) {
            c.drawViewOnPoller();
        }
    }

    /** Output from the program, on the poller thread. */
    private void output(byte[] buffer, int n) {
        bytesRead.addAndGet(n);
        if (nameCheckSince == 0) {
            nameCheckSince = System.nanoTime() | 1; // never 0
        }
        byte[] replies;
        String title;
        boolean historyWaiting;
        boolean bell;
        screenLock.writeLock().lock();
        try {
            long bells = screen.bells();
            try {
                java.util.function.Consumer<byte[]> fault = emulatorFaultForTests;
                if (fault != null) {
                    fault.accept(Arrays.copyOf(buffer, n));
                }
                screen.feed(buffer, 0, n);
            } catch (RuntimeException e) {
                emulatorFailed(e);
            }
            for (PaneTap t : taps) {
                t.output(screen, buffer, n);
            }
            for (OutputWatcher w : watchers) {
                w.fed(screen);
            }
            bell = screen.bells() != bells;
            historyWaiting = screen.historyWaitingForStore();
            replies = screen.takeReplies();
            title = screen.title();
            Window w = window;
            Pane shown = w == null ? null : w.active();
            if (shown != null && shown != this) {
                // Clients show the active pane of their window: its composed ones draw this one too.
                for (ClientLink c : shown.clients) {
                    ComposedView view = c.view();
                    if (view != null) {
                        viewDueOnPoller(c);
                    }
                }
            }
            if (!clients.isEmpty()) {
                byte[] chunk = Arrays.copyOf(buffer, n);
                // Each client's terminal will answer the cursor position queries too: its filter
                // is told before the queries reach it.
                int positionQueries = replies == null ? 0 : QueryReplyFilter.positionReports(replies);
                for (ClientLink c : clients) {
                    ComposedView view = c.view();
                    if (view != null) {
                        viewDueOnPoller(c);
                    } else if (c.picture()) {
                        c.pictureDue(() -> redraw(c));
                    } else {
                        c.queryReplies().expectPositionReports(positionQueries);
                        c.offer(chunk);
                    }
                }
            }
            for (ClientLink c : previewers) {
                if (c.ended()) {
                    previewers.remove(c); // detached with its chooser open
                } else {
                    c.viewDue();
                }
            }
        } finally {
            screenLock.writeLock().unlock();
        }
        if (replies != null) {
            answer(replies);
        }
        if (historyWaiting) {
            events.historyWaiting(this);
        }
        if (!title.equals(meta.title())) {
            updateMeta(x -> x.withTitle(title));
            events.titleChanged(this);
            redrawStatus();
        }
        long now = System.nanoTime();
        SessionEvents.output(this, buffer, n, bell, now, lastOutputNanos);
        lastOutputNanos = now;
    }

    /** The decoder of this pane's output for the event stream (poller thread). */
    scarab.daemon.events.Utf8Carry outputText() {
        return outputText;
    }

    /**
     * A bug in the emulator (parser or screen) met this output. The program is not to blame and
     * keeps its terminal: the screen is replaced by a fresh one of the same size, with a note, and
     * attached clients are redrawn. Logged in full once per session. Write lock held.
     */
    private void emulatorFailed(RuntimeException e) {
        if (!emulatorFailed) {
            emulatorFailed = true;
            log.error("session {} pane {}: the terminal emulator failed on its output; its screen is reset", sessionName(),
                    label(), e);
        } else {
            log.debug("session {} pane {}: the terminal emulator failed again; its screen is reset: {}", sessionName(),
                    label(), e.toString());
        }
        Screen fresh = newScreen(screen.cols(), screen.rows());
        fresh.feed("\033[2m[scarab: the terminal emulator failed here and was reset]\033[0m\r\n");
        screen = fresh;
        redrawOthers(null);
    }

    /**
     * Terminal query replies (DA, DSR, ...) go back to the program, attached client or not; on
     * the poller thread, so through the backlog that never waits.
     */
    private void answer(byte[] replies) {
        backlog.send(replies);
    }

    public int id() {
        return id;
    }

    public PaneMeta meta() {
        return meta;
    }

    synchronized PaneMeta updateMeta(UnaryOperator<PaneMeta> change) {
        meta = change.apply(meta);
        return meta;
    }

    /** {@code running}, {@code exited} or {@code stopped} (no process: the daemon that ran it went away). */
    public String status() {
        if (meta.exited()) {
            return "exited";
        }
        return process == null ? "stopped" : "running";
    }

    /**
     * tmux's #{pane_current_command}: what runs in the foreground now (as last read), else the
     * name of the command the pane started.
     */
    public String currentCommand() {
        String c = currentCommand;
        return c != null ? c : Window.commandName(meta.command());
    }

    /** Records the foreground command; whether it changed. {@link WindowNames}' thread only. */
    boolean currentCommand(String name) {
        if (name.equals(currentCommand)) {
            return false;
        }
        currentCommand = name;
        return true;
    }

    /** Whether the pane wrote at least {@code delayNanos} before {@code now} since the last look; then forgets it. */
    boolean takeNameCheck(long now, long delayNanos) {
        long since = nameCheckSince;
        if (since == 0 || now - since < delayNanos) {
            return false;
        }
        nameCheckSince = 0;
        return true;
    }

    /** Whether its process runs now. */
    boolean hasLiveProcess() {
        PtyChild p = process;
        return p != null && p.isAlive() && !meta.exited();
    }

    public boolean hasProcess() {
        return process != null;
    }

    /** For an upgrade's hand-over: the alternate screen's replay, or null when it is not active. */
    byte[] alternateReplay() {
        return readScreen(scarab.daemon.terminal.Renderer::renderAlternate);
    }

    /** Its process now, or null (for an upgrade's hand-over). */
    PtyChild process() {
        return process;
    }

    public boolean restored() {
        return restored;
    }

    /** The pty's current size as the session believes it (screen and metadata agree). */
    int cols() {
        return meta.cols();
    }

    public long bytesRead() {
        return bytesRead.get();
    }

    public long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Completes with the exit status when the process has ended. */
    public CompletableFuture<Integer> exitFuture() {
        return exit;
    }

    void markExited(int code) {
        exit.complete(code);
    }

    /** Reads the screen under the read lock. */
    public <T> T readScreen(Function<Screen, T> reader) {
        ensureLoaded();
        screenLock.readLock().lock();
        try {
            return reader.apply(screen);
        } finally {
            screenLock.readLock().unlock();
        }
    }

    /** Changes the screen under the write lock (restoring history into it, for one). */
    public <T> T writeScreen(Function<Screen, T> writer) {
        ensureLoaded();
        screenLock.writeLock().lock();
        try {
            return writer.apply(screen);
        } finally {
            screenLock.writeLock().unlock();
        }
    }

    /**
     * Types input (send-keys, a relayed client's keys): after everything sent to the program
     * before it, and returns once the program has it, waiting if the program is not reading.
     */
    public void write(byte[] data, int off, int len) throws IOException {
        byte[] bytes = off == 0 && len == data.length ? data : Arrays.copyOfRange(data, off, off + len);
        tapInput(bytes);
        backlog.sendAndWait(bytes);
    }

    private PtyChild runningProcess() throws IOException {
        PtyChild p = process;
        if (p == null || !p.isAlive()) {
            throw new IOException("session " + sessionName() + " (pane " + label() + ") has no running process");
        }
        return p;
    }

    // ---- attached clients -------------------------------------------------------------------

    /** A client's chooser shows this pane's screen: its output redraws that client too. */
    void previewBy(ClientLink c) {
        previewers.addIfAbsent(c);
    }

    void previewEnd(ClientLink c) {
        previewers.remove(c);
    }

    public int clientCount() {
        return clients.size();
    }

    List<ClientLink> clients() {
        return List.copyOf(clients);
    }

    /**
     * Registers a client: it becomes the most recent one, so the session takes its size (unless
     * it is read-only); it is sent a full redraw and from then on every byte of output, or, when
     * its size is not the session's, pictures of the screen. False, and the client is told, when
     * the session is being killed or its process has ended.
     */
    boolean attach(ClientLink link) {
        ensureLoaded();
        screenLock.writeLock().lock();
        try {
            if (ended != null) {
                link.finish(null, ended);
                link.start("scarab-client-" + label(), () -> null);
                return false;
            }
            clients.add(link);
            link.pane(this);
            updatePicture(link);
            show(link, false);
        } finally {
            screenLock.writeLock().unlock();
        }
        // Through the link: the pane it shows may change (another window selected).
        link.start("scarab-client-" + label(), () -> link.pane().redraw(link));
        session.fit();
        return true;
    }

    /**
     * Takes over a client that showed another pane ({@link #release}d there): it is redrawn with
     * this pane and from then on gets its output. False when this pane has ended (the caller
     * keeps looking for a pane to show).
     */
    boolean adopt(ClientLink link) {
        ensureLoaded();
        screenLock.writeLock().lock();
        try {
            if (ended != null) {
                return false;
            }
            clients.add(link);
            link.pane(this);
            updatePicture(link);
            show(link, true);
            return true;
        } finally {
            screenLock.writeLock().unlock();
        }
    }

    /** Stops showing a client, which goes on to show another pane ({@link #adopt}). */
    boolean release(ClientLink link) {
        screenLock.writeLock().lock();
        try {
            return clients.remove(link);
        } finally {
            screenLock.writeLock().unlock();
        }
    }

    /**
     * The session is being killed: a client that attaches from now on is told so at once instead
     * of being registered (the caller tells the ones attached already).
     */
    void markKilled() {
        screenLock.writeLock().lock();
        try {
            ended = new Response.Detached(0, sessionName(), "killed");
        } finally {
            screenLock.writeLock().unlock();
        }
    }

    /** remain-on-exit: tmux's line at the bottom of a dead pane's screen saying how it ended. */
    void showDead(int code) {
        String when = java.time.format.DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", java.util.Locale.ROOT)
                .withZone(java.time.ZoneId.systemDefault()).format(java.time.Instant.now());
        replay(("\r\n\033[0mPane is dead (status " + code + ", " + when + ")").getBytes(StandardCharsets.UTF_8));
    }

    /** remain-on-exit: the process ended and the pane stays, dead ({@link #showDead} said so on its screen). */
    void markDead(int code) {
        exit.complete(code);
        showChanged();
    }

    /**
     * respawn-pane: takes the process away from the pane, so that its end (it is being ended by
     * the caller, or has ended) is not the pane's; null if it had none.
     */
    synchronized PtyChild takeProcess() {
        PtyChild old = process;
        process = null;
        return old;
    }

    /**
     * respawn-pane: the pane runs {@code newProcess} now, as {@code newMeta} says, on a screen
     * cleared as tmux's screen_reinit clears it (the visible rows, the modes; history stays).
     * Start its reader with {@link #startReader}.
     */
    void respawned(PtyChild newProcess, PaneMeta newMeta) {
        synchronized (this) {
            process = newProcess;
            meta = newMeta;
            exit = new CompletableFuture<>();
        }
        currentCommand = null;
        replay("\033[?1049l\033[!p\033[H\033[2J".getBytes(StandardCharsets.UTF_8));
        screenLock.writeLock().lock();
        try {
            ended = null;
        } finally {
            screenLock.writeLock().unlock();
        }
        showChanged();
    }

    /** What was written into the screen without its program (dead, respawned) reaches every client that shows it. */
    private void showChanged() {
        screenLock.writeLock().lock();
        try {
            Window w = window;
            Pane shown = w == null ? null : w.active();
            if (shown != null && shown != this) {
                for (ClientLink c : shown.clients) {
                    ComposedView view = c.view();
                    if (view != null) {
                        c.pictureDue(view::drawChanges);
                    }
                }
            }
            redrawOthers(null);
        } finally {
            screenLock.writeLock().unlock();
        }
    }

    /** Ends {@code p} as {@link #terminate} ends the pane's own process (respawn-pane -k). */
    void terminateReplaced(PtyChild p, long graceMillis) {
        if (p == null || !p.isAlive()) {
            return;
        }
        poller.hangUp(p);
        p.signal(PtyChild.sighup());
        try {
            if (!p.awaitExit(graceMillis, TimeUnit.MILLISECONDS)) {
                ProcessHandle.of(p.pid()).ifPresent(h -> h.descendants().forEach(ProcessHandle::destroyForcibly));
                p.signal(PtyChild.sigkill());
                p.awaitExit(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.signal(PtyChild.sigkill());
        }
    }

    /** Whether {@code device} (a terminal's device number) is this session's own PTY. */
    public boolean isOwnTerminal(long device) {
        PtyChild p = process;
        return p != null && p.isAlive() && Long.valueOf(device).equals(p.terminalDevice());
    }

    /** The poller that reads this session's PTY (null before its process started). */
    PtyPoller poller() {
        return poller;
    }

    /**
     * Sends a fresh redraw to a client that fell behind (called from its writer thread), or a
     * fresh picture to a client of another size.
     */
    byte[] redraw(ClientLink link) {
        ComposedView view = link.view();
        if (view != null) {
            // Outside this pane's lock: the view takes the read locks of all the window's panes.
            byte[] bytes = view.full();
            link.replaceWithRedraw(bytes);
            return bytes;
        }
        screenLock.readLock().lock();
        try {
            byte[] bytes = picture(link);
            link.replaceWithRedraw(bytes);
            return bytes;
        } finally {
            screenLock.readLock().unlock();
        }
    }

    /**
     * What repaints a client's terminal: the full redraw that the program's output can follow
     * when its size is the session's, else a picture cropped or padded to its size. Lock held.
     */
    private byte[] picture(ClientLink link) {
        return link.picture() ? PictureRenderer.render(screen, link.cols(), link.rows()) : RedrawCache.render(id(), screen);
    }

    /**
     * Repaints a client, its lock held: a composed client gets a whole picture from the picture
     * thread (composing takes other panes' locks, which must not be waited for under this one);
     * any other its redraw now, appended ({@code replace} false: at attach) or replacing its backlog.
     */
    private void show(ClientLink link, boolean replace) {
        ComposedView view = link.view();
        if (view != null) {
            view.invalidate();
            link.viewDue();
        } else if (replace) {
            link.replaceWithRedraw(picture(link));
        } else {
            link.offer(picture(link));
        }
    }

    /** For a composed picture: this pane's read lock, taken in pane id order with the window's others. */
    void readLock() {
        screenLock.readLock().lock();
    }

    void readUnlock() {
        screenLock.readLock().unlock();
    }

    /** {@link #readLock} if it can be had at once (the poller's pictures, {@link ComposedView#tryDrawChanges}). */
    boolean tryReadLock() {
        return screenLock.readLock().tryLock();
    }

    /** The screen; only between {@link #readLock} and {@link #readUnlock}. */
    Screen lockedScreen() {
        return screen;
    }

    /** Removes a client; it is sent the terminal reset and then {@code farewell} (null: it is gone). */
    void detach(ClientLink link, Response farewell) {
        screenLock.writeLock().lock();
        try {
            if (!clients.remove(link)) {
                return;
            }
            SessionEvents.clientDetached(link, session, farewell instanceof Response.Detached d ? d.reason()
                    : farewell instanceof Response.Exited ? "exited" : "closed");
            if (farewell == null) {
                link.abandon();
            } else {
                link.finish(TerminalReset.forScreen(screen), farewell);
            }
        } finally {
            screenLock.writeLock().unlock();
        }
        session.fit();
    }

    /**
     * A client reported its size. Only a change counts as activity: the client repeats its size
     * once it has set its terminal up, which must not take the session from a client typing since.
     */
    void clientResized(ClientLink link, int cols, int rows) {
        if (link.cols() != cols || link.rows() != rows) {
            clientActive(link, cols, rows);
            SessionEvents.clientResized(link, session, cols, rows);
        }
    }

    /**
     * A client typed or resized: it becomes the most recent, and the session follows its size;
     * a read-only client never counts, and a resize of its own only changes its picture.
     */
    void clientActive(ClientLink link, int cols, int rows) {
        screenLock.writeLock().lock();
        try {
            boolean sizeChanged = link.cols() != cols || link.rows() != rows;
            link.size(cols, rows);
            if (!link.readOnly()) {
                link.touch();
            }
            if (sizeChanged) {
                updatePicture(link);
                show(link, true);
            }
        } finally {
            screenLock.writeLock().unlock();
        }
        session.fit();
    }

    /** A mouse event for this pane's program (a few bytes, from {@link ClientMouse}): queued, never waits. */
    void mouseInput(byte[] data) {
        tapInput(data);
        backlog.sendFrom(data, () -> { });
    }

    /** Input from a client's socket (its connection thread may wait for the program). */
    void input(ClientLink link, byte[] data) throws IOException {
        if (link.readOnly()) {
            return;
        }
        data = link.queryReplies().filter(data);
        if (data.length == 0) {
            return;
        }
        typedBy(link);
        write(data, 0, data.length);
    }

    /**
     * Input read from a client's own terminal, on the poller thread: never waits. False when the
     * program is that far behind that the terminal should not be read until {@code whenRoom} runs.
     */
    boolean inputFromTerminal(ClientLink link, byte[] data, Runnable whenRoom) {
        if (link.readOnly()) {
            return true;
        }
        data = link.queryReplies().filter(data);
        if (data.length == 0) {
            return true;
        }
        typedBy(link);
        tapInput(data);
        return backlog.sendFrom(data, whenRoom);
    }

    /** The client that types is the most recent one: the session takes its size. */
    private void typedBy(ClientLink link) {
        boolean latest = clients.stream().allMatch(c -> c == link || c.readOnly() || c.lastActive() <= link.lastActive());
        if (!latest) {
            clientActive(link, link.cols(), link.rows());
        } else {
            link.touch();
        }
    }

    /**
     * Resizes screen and PTY to this pane's place in its window (the session's {@link Session#fit}
     * decides it), redrawing its clients if that changed anything.
     */
    void resizeTo(int cols, int rows) {
        ensureLoaded();
        screenLock.writeLock().lock();
        try {
            if (resizeLocked(cols, rows)) {
                for (ClientLink c : clients) {
                    updatePicture(c);
                }
                redrawOthers(null);
            }
        } finally {
            screenLock.writeLock().unlock();
        }
    }

    /**
     * The session's shape changed (a status line came or went, a pane was split, closed or
     * selected): each client's way of being drawn is decided again, and a composed client is
     * redrawn (its borders and status line may have changed).
     */
    void refreshClients() {
        screenLock.writeLock().lock();
        try {
            for (ClientLink c : clients) {
                redecide(c);
            }
        } finally {
            screenLock.writeLock().unlock();
        }
    }

    /**
     * A client's overlay (prompt, message, pane numbers) came or went: it is drawn composed while
     * one is up, and goes back to the program's own bytes (with a full redraw) after.
     */
    void overlayChanged(ClientLink c) {
        screenLock.writeLock().lock();
        try {
            if (!clients.contains(c)) {
                return; // moved to another pane meanwhile, which decides how it is drawn
            }
            redecide(c);
        } finally {
            screenLock.writeLock().unlock();
        }
    }

    /**
     * Decides again how a client is drawn; a composed one is redrawn, and one that changed to the
     * program's bytes or to a picture of another size is shown afresh. Write lock held.
     */
    private void redecide(ClientLink c) {
        boolean wasComposed = c.view() != null;
        boolean wasPicture = c.picture();
        updatePicture(c);
        if (c.view() != null) {
            c.viewDue();
        } else if (wasComposed || wasPicture != c.picture()) {
            show(c, true);
        }
    }

    /**
     * How a client is drawn: composed cell by cell when its session shows a status line, its
     * window more than one pane, or the client something over its window (a prompt); else the
     * program's own bytes when its size is this pane's, or a picture cropped or padded to its
     * size. Write lock held.
     */
    private void updatePicture(ClientLink c) {
        Window w = window;
        // With the mouse on, the daemon owns the terminal's mouse modes (ComposedView), never the program.
        boolean composed = session.statusShown() || w != null && w.panes().size() > 1 || c.overlay() != null
                || c.copyView() != null || ClientMouse.enabled();
        if (composed && c.view() == null) {
            c.view(new ComposedView(c, java.time.Clock.systemDefaultZone()));
        } else if (!composed) {
            c.view(null);
        }
        c.picture(composed || c.cols() != screen.cols() || c.rows() != screen.rows());
    }

    /** The window list or a title changed: composed clients redraw their status line. */
    void redrawStatus() {
        for (ClientLink c : clients) {
            ComposedView view = c.view();
            if (view != null) {
                c.viewDue();
            }
        }
    }

    private boolean resizeLocked(int cols, int rows) {
        if (cols == screen.cols() && rows == screen.rows()) {
            return false;
        }
        screen.resize(cols, rows);
        for (PaneTap t : taps) {
            t.resized(cols, rows);
        }
        if (process != null && process.isAlive()) {
            process.resize(cols, rows);
        }
        PaneMeta m = updateMeta(x -> x.withSize(cols, rows));
        PaneEvents e = events;
        if (e != null) {
            e.changed(this, m);
        }
        return true;
    }

    private void redrawOthers(ClientLink except) {
        byte[] full = null;
        for (ClientLink c : clients) {
            if (c == except) {
                continue;
            }
            if (c.view() != null) {
                show(c, true);
            } else if (c.picture()) {
                c.replaceWithRedraw(picture(c));
            } else {
                if (full == null) {
                    full = Renderer.render(screen);
                }
                c.replaceWithRedraw(full);
            }
        }
    }

    /** The process ended: every client is told, after its output and a terminal reset. */
    void notifyExit(int code) {
        screenLock.writeLock().lock();
        try {
            byte[] reset = TerminalReset.forScreen(screen);
            ended = new Response.Exited(0, sessionName(), code);
            for (ClientLink c : clients) {
                c.finish(reset, ended);
            }
            clients.clear();
        } finally {
            screenLock.writeLock().unlock();
        }
    }

    /**
     * Ends the process as a closing terminal window would: the PTY is hung up (the kernel sends
     * SIGHUP to the session) and the process is sent SIGHUP itself; whatever still runs after the
     * grace period gets SIGKILL. Signals go through the process's pidfd, so they can never reach
     * another process that reused its pid.
     */
    void terminate(long graceMillis) {
        beginTerminate();
        finishTerminate(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis));
    }

    /** The first half of {@link #terminate}: hang up, without waiting. */
    void beginTerminate() {
        PtyChild p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        poller.hangUp(p);
        p.signal(PtyChild.sighup());
    }

    /** The second half of {@link #terminate}: wait until {@code deadline} (System.nanoTime), then SIGKILL. */
    void finishTerminate(long deadline) {
        PtyChild p = process;
        if (p == null) {
            return;
        }
        try {
            if (!p.awaitExit(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                log.info("session {} pane {} ignored SIGHUP; sending SIGKILL", sessionName(), label());
                // Not reaped, so its children are still its children: their pids are theirs.
                ProcessHandle.of(p.pid()).ifPresent(h -> h.descendants().forEach(ProcessHandle::destroyForcibly));
                p.signal(PtyChild.sigkill());
                // SIGKILL cannot be ignored; wait for it to land so "killed" means gone.
                p.awaitExit(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.signal(PtyChild.sigkill());
        }
    }
}
