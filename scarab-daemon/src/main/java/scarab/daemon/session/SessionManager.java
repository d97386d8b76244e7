package scarab.daemon.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scarab.daemon.UserError;
import scarab.daemon.ipc.Connection;
import scarab.daemon.pty.ClientTerminal;
import scarab.daemon.pty.PtyChild;
import scarab.daemon.pty.PtyPoller;
import scarab.daemon.store.SessionStore;
import scarab.protocol.DetachKeys;
import scarab.protocol.Response;
import scarab.protocol.TerminalModes;

/**
 * Owns every session. Sessions live in a {@link ConcurrentHashMap}; the name index is guarded by
 * {@link #namesLock}, which is held only for bookkeeping, never across a process spawn or a disk
 * write, so one slow create cannot stall the others.
 *
 * <p>Ordering for durability: a change is committed to the store before the caller is told it
 * succeeded; if the commit fails, the change is undone and the caller gets the error.
 */
public final class SessionManager implements PaneEvents {
    private static final Logger log = LoggerFactory.getLogger(SessionManager.class);
    public static final int MAX_COLS = 1000;
    public static final int MAX_ROWS = 1000;
    static final long KILL_GRACE_MILLIS = 2000;

    private final ConcurrentHashMap<SessionId, Session> sessions = new ConcurrentHashMap<>();
    /** Every pane of every session, by its id ({@code %N}). */
    private final ConcurrentHashMap<Integer, Pane> panes = new ConcurrentHashMap<>();
    /** The next pane and window ids: never reused while the daemon runs, and above every stored one. */
    private final java.util.concurrent.atomic.AtomicInteger nextPaneId = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger nextWindowId = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger nextSessionNumber = new java.util.concurrent.atomic.AtomicInteger();
    /**
     * Sessions whose metadata is to be saved with the next round of snapshots: their last save
     * failed. Panes likewise: their title changed (a program may set it at every prompt: not worth
     * a transaction each), or their last save failed.
     */
    private final java.util.Set<SessionId> unsaved = ConcurrentHashMap.newKeySet();
    private final java.util.Set<Integer> unsavedPanes = ConcurrentHashMap.newKeySet();
    private final Object namesLock = new Object();
    /** The paste buffers, one set for the whole daemon as tmux's server has them. */
    private final scarab.daemon.paste.PasteBuffers pasteBuffers = new scarab.daemon.paste.PasteBuffers();
    /** name -> id, including names reserved by creates still in progress. Guarded by namesLock. */
    private final Map<String, SessionId> names = new HashMap<>();
    private final SessionStore store;
    private final PtyLauncher launcher;
    /** Reads every session's PTY on one thread; closed at shutdown. */
    private final PtyPoller poller;
    private final HistoryBounds history;
    private volatile RestoreMode restoreMode = RestoreMode.EAGER;
    /** What an in-place upgrade handed over (nothing at an ordinary start). */
    private HandOverAdoption handOver = HandOverAdoption.NONE;
    /** The status setting of every session; set once before sessions are loaded. */
    private volatile StatusMode statusMode = StatusMode.AUTO;
    /** tmux's remain-on-exit: a pane whose program ended stays, dead, until respawned or killed. */
    private volatile boolean remainOnExit;
    private volatile Runnable storeSoon;
    /** Panes loaded for an eager restart, started by {@link #restartLoadedInBackground}. */
    private volatile List<Pane> pendingRestarts = List.of();
    /** Set once the daemon is stopping: processes we end then did not "exit" in the user's sense. */
    private volatile boolean shuttingDown;

    private final int maxSessions;
    private final int maxClients;
    /** Rows of the store that could not be read as sessions at start: skipped, and reported. */
    private final List<String> skippedRows = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The panes' asciicast recordings, which go on after a restart. */
    private final scarab.daemon.record.Recordings recordings;

    public SessionManager(SessionStore store, PtyLauncher launcher, int historyLimit, int maxSessions, int maxClients) {
        this(store, launcher, new HistoryBounds(historyLimit, scarab.daemon.terminal.Screen.DEFAULT_HISTORY_BYTES), maxSessions,
                maxClients);
    }

    public SessionManager(SessionStore store, PtyLauncher launcher, HistoryBounds history, int maxSessions, int maxClients) {
        this.store = store;
        this.launcher = launcher;
        this.history = history;
        this.maxSessions = maxSessions;
        this.maxClients = maxClients;
        this.recordings = new scarab.daemon.record.Recordings(store);
        try {
            this.poller = new PtyPoller();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the PTY poller: " + e.getMessage(), e);
        }
    }

    /**
     * Loads every stored session with its last snapshot. Sessions whose process a previous daemon
     * ran are started again per {@code mode}; exited ones stay exited with their history.
     */
    public void loadStored(RestoreMode mode) {
        long started = System.nanoTime();
        this.restoreMode = mode;
        List<Pane> toStart = new ArrayList<>();
        Map<Pane, PtyChild> toAdopt = new java.util.LinkedHashMap<>();
        for (scarab.daemon.store.StoredSession stored : store.loadAll(skippedRows::add)) {
            SessionMeta meta = stored.meta();
            String badSize = stored.windows().stream().flatMap(w -> w.panes().stream())
                    .filter(p -> p.cols() < 1 || p.rows() < 1 || p.cols() > MAX_COLS || p.rows() > MAX_ROWS)
                    .map(p -> "its pane %" + p.id() + "'s size " + p.cols() + "x" + p.rows() + " is not 1 to " + MAX_COLS)
                    .findFirst().orElse(null);
            if (badSize != null) {
                String problem = "session row " + meta.id().full() + " (\"" + meta.name() + "\") in " + store.file()
                        + " skipped: " + badSize;
                log.error(problem);
                skippedRows.add(problem);
                continue;
            }
            Map<Integer, PtyChild> adopted = handOver.adopt(stored);
            adopted.forEach((pane, child) -> {
                String scope = handOver.scope(pane);
                if (scope != null) {
                    launcher.adoptScope(child.pid(), scope);
                }
            });
            Session s = new Session(meta, nextSessionNumber.getAndIncrement(), adopted.isEmpty(), statusMode);
            for (scarab.daemon.store.StoredWindow sw : stored.windows()) {
                Window w = new Window(sw.id(), sw.index(), sw.fixedName(), restoredLayout(meta, sw));
                nextWindowId.accumulateAndGet(sw.id() + 1, Math::max);
                List<Pane> inWindow = new ArrayList<>();
                for (PaneMeta pm : sw.panes()) {
                    Pane p = restorePane(s, pm);
                    inWindow.add(p);
                    if (adopted.containsKey(pm.id())) {
                        toAdopt.put(p, adopted.get(pm.id()));
                    } else if (!pm.exited() && !meta.exited() && mode == RestoreMode.EAGER) {
                        toStart.add(p);
                    }
                }
                w.panes(inWindow);
                w.activate(inWindow.stream().filter(p -> p.id() == sw.activePane()).findFirst().orElse(inWindow.get(0)));
                s.addWindow(w);
            }
            Window current = windowById(s, stored.currentWindow());
            s.restoreSelection(current != null ? current : s.windows().get(0), windowById(s, stored.lastWindow()));
            synchronized (namesLock) {
                names.put(meta.name(), meta.id());
            }
            sessions.put(meta.id(), s);
            SessionEvents.restored(s, !adopted.isEmpty());
        }
        handOver.endUnadopted();
        recordings.load(panes.keySet());
        toAdopt.forEach(this::resumeAdopted);
        if (mode != RestoreMode.NONE) {
            endLeftovers();
        }
        log.info("loaded {} stored sessions ({} panes) in {} ms (restore mode {}); their screens and histories follow",
                sessions.size(), panes.size(), (System.nanoTime() - started) / 1_000_000,
                mode.name().toLowerCase(java.util.Locale.ROOT));
        pendingRestarts = toStart;
    }


    /** The processes a daemon left this one across an in-place upgrade; none by default. */
    public void handOver(HandOverAdoption adoption) {
        this.handOver = adoption;
    }

    /**
     * An adopted pane goes on where the daemon before the upgrade stopped: its stored screen is
     * loaded first (the store holds it exactly as the last reader left it), then the PTY is read
     * again; what the program wrote meanwhile waited in the kernel. No marker line: nothing restarted.
     */
    private void resumeAdopted(Pane p, PtyChild child) {
        p.ensureLoaded();
        byte[] alternate = handOver.alternate(p.id());
        if (alternate != null) {
            p.replay(alternate);
        }
        p.startProcess(child);
        recordings.resume(p, true);
        p.startReader(poller, this);
        log.info("session adopted: {} {} pane {} pid {}", p.session().id().shortForm(), p.session().meta().name(),
                p.label(), child.pid());
    }

    /**
     * For {@code daemon upgrade}: stops reading every PTY at a clean point ({@link PtyPoller#park});
     * null if the reader did not stop in time.
     */
    public Runnable parkReaders(long drainMillis, long timeoutMillis) throws InterruptedException {
        return poller.park(drainMillis, timeoutMillis);
    }

    /** While parked: the alternate screens active now (pane id to replay), which snapshots leave out. */
    public Map<Integer, byte[]> alternateScreens() {
        Map<Integer, byte[]> out = new java.util.TreeMap<>();
        for (Pane p : allPanes()) {
            byte[] alt = p.process() != null ? p.alternateReplay() : null;
            if (alt != null) {
                out.put(p.id(), alt);
            }
        }
        return out;
    }

    /** While parked: each pane whose process is read now, with its numbers, for the hand-over file. */
    public Map<Integer, PtyChild.Fds> handOverFds() {
        java.util.Set<PtyChild> live = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        live.addAll(poller.liveChildren());
        Map<Integer, PtyChild.Fds> out = new java.util.TreeMap<>();
        for (Pane p : allPanes()) {
            PtyChild c = p.process();
            if (c != null && c.isAlive() && live.contains(c)) {
                out.put(p.id(), c.fds());
            }
        }
        return out;
    }

    /**
     * The scope (systemd unit or cgroup) each of these panes' processes runs in under its session's
     * limits, by pane: an upgrade hands it over, so an OOM kill after it still reads as one.
     */
    public Map<Integer, String> handOverScopes(Map<Integer, PtyChild.Fds> fds) {
        Map<Long, String> byPid = launcher.scopes();
        Map<Integer, String> out = new java.util.TreeMap<>();
        fds.forEach((pane, f) -> {
            String scope = byPid.get(f.pid());
            if (scope != null) {
                out.put(pane, scope);
            }
        });
        return out;
    }

    /** Detaches every client of every session, each told why; returns their connections. */
    public List<Connection> detachEveryClient(String reason) {
        List<Connection> out = new ArrayList<>();
        for (Session s : list()) {
            s.clients().forEach(c -> out.add(c.connection()));
            detachAll(s, reason);
        }
        return out;
    }

    /**
     * A stored window's layout: its layout string with its panes in order, or for a window stored
     * without one (a database of the release before windows) its one pane filling it.
     */
    private scarab.daemon.layout.Layout restoredLayout(SessionMeta meta, scarab.daemon.store.StoredWindow sw) {
        List<Integer> ids = sw.panes().stream().map(PaneMeta::id).toList();
        PaneMeta first = sw.panes().get(0);
        if (!sw.layout().isEmpty()) {
            try {
                scarab.daemon.layout.Layout l = scarab.daemon.layout.Layout.restore(sw.layout(), ids);
                if (sw.zoomed()) {
                    l.zoom(sw.activePane());
                }
                return l;
            } catch (RuntimeException e) {
                log.warn("session {} {} window @{}: its stored layout is unusable ({}); its panes are tiled",
                        meta.id().shortForm(), meta.name(), sw.id(), e.getMessage());
            }
        }
        if (ids.size() == 1) {
            return scarab.daemon.layout.Layout.single(first.id(), first.cols(), first.rows());
        }
        // Room enough to split for every pane, then tiled and brought to the first pane's size.
        scarab.daemon.layout.Layout l = scarab.daemon.layout.Layout.single(ids.get(0), MAX_COLS, MAX_ROWS);
        for (int i = 1; i < ids.size(); i++) {
            l.split(ids.get(i - 1), ids.get(i), scarab.daemon.layout.SplitSpec.topBottom());
        }
        l.select("tiled");
        l.resizeWindow(first.cols(), first.rows());
        return l;
    }

    private static Window windowById(Session s, int id) {
        return s.windows().stream().filter(w -> w.id() == id).findFirst().orElse(null);
    }

    /**
     * A stored pane, its process not started. Its screen and history are loaded once the daemon
     * listens (a thousand large histories took a minute), or by the first request that needs it.
     */
    private Pane restorePane(Session s, PaneMeta pm) {
        Pane p = Pane.withoutProcess(s, pm, history, storedHistory(pm.id()));
        nextPaneId.accumulateAndGet(pm.id() + 1, Math::max);
        p.restoreCwd(pm.cwd());
        p.loadLater(() -> loadScreen(p));
        panes.put(pm.id(), p);
        return p;
    }

    /** Puts a pane's stored screen and history into it, and the directory its program was in. */
    private void loadScreen(Pane p) {
        String cwd = p.meta().cwd();
        try {
            var snapshot = store.loadSnapshot(p.id());
            if (snapshot.isPresent()) {
                if (snapshot.get().cwd() != null) {
                    cwd = snapshot.get().cwd();
                }
                p.restore(snapshot.get());
            }
        } catch (RuntimeException e) {
            log.warn("session {} {} pane {}: history not restored: {}", p.session().id().shortForm(),
                    p.session().meta().name(), p.label(), e.getMessage());
        }
        p.restoreCwd(cwd);
        p.snapshotTaken(cwd);
    }

    /**
     * Ends the programs that a daemon which ended without stopping them left running without a
     * terminal, before the sessions' commands are started again ({@link LeftoverProcesses}).
     */
    private void endLeftovers() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Session s : sessions.values()) {
            if (!s.meta().exited()) {
                ids.add(s.id().full());
            }
        }
        LeftoverProcesses.find(ids).forEach((pid, id) -> {
            Session s = sessions.get(SessionId.parse(id));
            boolean ended = LeftoverProcesses.end(pid);
            log.warn("session {} {}: its program (pid {}) outlived the daemon that ran it, without a terminal; {}",
                    s.id().shortForm(), s.meta().name(), pid, ended ? "ended it before starting the command again"
                            : "it could not be ended");
        });
    }

    /**
     * Once the daemon serves requests: loads the stored screens and histories and (restore mode
     * eager) starts the commands of the sessions again, on two background threads. Sessions are
     * listed at once; one that is captured, attached or typed into before its turn is loaded (and
     * started) right then (ensureLoaded, ensureRunning).
     */
    public void restartLoadedInBackground() {
        List<Pane> toStart = pendingRestarts;
        pendingRestarts = List.of();
        List<Pane> toLoad = panes.values().stream().filter(p -> !p.loaded() && !toStart.contains(p)).toList();
        if (toStart.isEmpty() && toLoad.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(
                toStart.size() + toLoad.size());
        Runnable oneDone = () -> {
            if (left.decrementAndGet() == 0) {
                log.info("stored screens and histories loaded in {} ms", (System.nanoTime() - started) / 1_000_000);
            }
        };
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "scarab-restore");
            t.setDaemon(true);
            return t;
        });
        for (Pane p : toStart) {
            pool.execute(() -> {
                if (shuttingDown) {
                    return;
                }
                try {
                    startRestored(p);
                } catch (UserError e) {
                    log.error("session {} pane {} not restarted: {}", p.session().id().shortForm(),
                            p.session().meta().name(), p.label(), e.getMessage());
                } finally {
                    oneDone.run();
                }
            });
        }
        for (Pane p : toLoad) {
            pool.execute(() -> {
                if (!shuttingDown) {
                    p.ensureLoaded();
                }
                oneDone.run();
            });
        }
        pool.shutdown();
    }

    /**
     * Starts a restored session's command again in its last directory (home if that is gone, with a
     * note on its screen), below a dim marker line that separates the old history from the new.
     */
    private void startRestored(Pane p) {
        Session s = p.session();
        p.ensureLoaded(); // the marker goes below the stored screen, the command starts in its directory
        // The lifecycle lock, not the session's monitor: this writes into the screen, and the
        // monitor comes after the screen lock (docs/architecture.md, the order of a session's locks).
        synchronized (s.lifecycle) {
            if (p.hasProcess() || p.meta().exited() || s.meta().exited() || panes.get(p.id()) != p
                    || !sessions.containsKey(s.id())) {
                return;
            }
            PaneMeta meta = p.meta();
            String cwd = p.restoreCwd();
            StringBuilder marker = new StringBuilder();
            if (p.readScreen(screen -> screen.cursorX()) != 0) {
                marker.append("\r\n");
            }
            if (cwd == null || !Files.isDirectory(Path.of(cwd))) {
                String home = launcher.home();
                marker.append("\033[2m[directory ").append(cwd).append(" is gone; starting in ").append(home)
                        .append("]\033[0m\r\n");
                cwd = home;
            }
            String when = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                    .withZone(java.time.ZoneId.systemDefault()).format(java.time.Instant.now());
            marker.append("\033[2m[restored ").append(when).append(" after daemon restart]\033[0m\r\n");
            p.replay(marker.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            PtyChild process;
            try {
                process = launcher.start(meta.command(), cwd, meta.cols(), meta.rows(), s.meta().name(), s.id(), p.id(),
                        Map.of(), s.meta().limits());
            } catch (IOException | RuntimeException e) {
                throw spawnFailed("cannot restart ", meta.command(), cwd, null, e);
            }
            p.startProcess(process);
            recordings.resume(p, false);
            p.startReader(poller, this);
            log.info("session restored: {} {} pane {} pid {} in {}", s.id().shortForm(), s.meta().name(), p.label(),
                    process.pid(), cwd);
        }
    }

    public Session create(NewSessionSpec spec) {
        String nameProblem = SessionName.problem(spec.name());
        if (nameProblem != null) {
            throw new UserError("bad-name", nameProblem);
        }
        String groupProblem = spec.group() == null ? null : GroupName.problem(spec.group());
        if (groupProblem != null) {
            throw new UserError("bad-group", groupProblem);
        }
        String limitsProblem = launcher.limitsProblem(spec.limits());
        if (limitsProblem != null) {
            throw new UserError("limits-unavailable", limitsProblem);
        }
        checkSize(spec.cols(), spec.rows());
        List<String> command = runnable(spec.command(), spec.cwd());
        SessionId id = SessionId.random();
        synchronized (namesLock) {
            // Names include creates in progress, so concurrent creates cannot overshoot the limit.
            if (names.size() >= maxSessions) {
                throw new UserError("too-many-sessions", "there are already " + names.size() + " sessions, the limit;"
                        + " kill some (scarab ls) or raise max-sessions in config.toml");
            }
            reserveName(spec.name(), id);
        }
        int paneId = nextPaneId.getAndIncrement();
        PtyChild process;
        try {
            process = launcher.start(command, spec.cwd(), spec.cols(), spec.rows(), spec.name(), id, paneId, spec.env(),
                    spec.limits());
        } catch (IOException | RuntimeException e) {
            releaseName(spec.name(), id);
            throw spawnFailed("cannot start ", command, spec.cwd(), spec.env(), e);
        }
        Session session = new Session(SessionMeta.created(id, spec.name(), spec.group(), spec.limits()),
                nextSessionNumber.getAndIncrement(), false,
                statusMode);
        Window window = new Window(nextWindowId.getAndIncrement(), 0, null,
                scarab.daemon.layout.Layout.single(paneId, spec.cols(), spec.rows()));
        Pane pane = Pane.running(session, PaneMeta.started(paneId, command, spec.cwd(), spec.cols(), spec.rows()), process,
                history, storedHistory(paneId));
        window.addPane(pane);
        window.activate(pane);
        session.addWindow(window);
        session.select(window);
        try {
            store.saveStructure(stored(session)).join();
        } catch (CompletionException e) {
            // No row, so no process either: it goes before the caller hears, and only then the name.
            discard(process);
            releaseName(spec.name(), id);
            throw new UserError("store-failed", "session \"" + spec.name() + "\" not created: " + e.getCause().getMessage());
        }
        panes.put(paneId, pane);
        sessions.put(id, session);
        RuntimeException hookFailed = null;
        if (spec.beforeReader() != null) {
            try {
                spec.beforeReader().accept(pane);
            } catch (RuntimeException e) {
                hookFailed = e;
            }
        }
        pane.startReader(poller, this);
        SessionEvents.created(session);
        log.info("session created: {} {} pid {} command {}", id.shortForm(), spec.name(), process.pid(), command);
        if (hookFailed != null) {
            throw hookFailed;
        }
        return session;
    }

    /**
     * Starts a new pane's process for {@code session} (new-window, split-window): checked like a
     * new session's command and directory; the pane is registered (ids, the poller) but not yet
     * placed in a window: the caller places it under the structure lock, then saves the shape.
     */
    Pane startPane(Session session, List<String> requested, String cwd, int cols, int rows, Map<String, String> env) {
        return startPane(session, newPaneId(), requested, cwd, cols, rows, env);
    }

    /** A pane id for a pane about to be started (split-window places it in the layout first). */
    int newPaneId() {
        return nextPaneId.getAndIncrement();
    }

    /** {@link #startPane} with an id from {@link #newPaneId}. */
    Pane startPane(Session session, int paneId, List<String> requested, String cwd, int cols, int rows,
                   Map<String, String> env) {
        checkSize(cols, rows);
        List<String> command = runnable(requested, cwd);
        PtyChild process;
        try {
            process = launcher.start(command, cwd, cols, rows, session.meta().name(), session.id(), paneId,
                    env == null ? Map.of() : env, session.meta().limits());
        } catch (IOException | RuntimeException e) {
            throw spawnFailed("cannot start ", command, cwd, env, e);
        }
        Pane pane = Pane.running(session, PaneMeta.started(paneId, command, cwd, cols, rows), process, history,
                storedHistory(paneId));
        panes.put(paneId, pane);
        pane.startReader(poller, this);
        log.info("pane started: {} {} pane {} pid {} command {}", session.id().shortForm(), session.meta().name(),
                pane.label(), process.pid(), command);
        return pane;
    }

    /**
     * Starts a process for an existing pane (respawn-pane): {@code requested} checked as a new
     * pane's command (null: the default command) in {@code cwd}, at the pane's size.
     */
    scarab.daemon.pty.PtyChild spawnFor(Pane pane, List<String> requested, String cwd) {
        Session session = pane.session();
        List<String> command = runnable(requested, cwd);
        try {
            return launcher.start(command, cwd, pane.meta().cols(), pane.meta().rows(), session.meta().name(),
                    session.id(), pane.id(), Map.of(), session.meta().limits());
        } catch (IOException | RuntimeException e) {
            throw spawnFailed("cannot start ", command, cwd, null, e);
        }
    }

    /** Refuses a command or directory {@link #spawnFor} would refuse, before anything is changed. */
    void checkRunnable(List<String> requested, String cwd) {
        runnable(requested, cwd);
    }

    /** The command {@link #spawnFor} runs for {@code requested}: it, or the default command. */
    List<String> commandFor(List<String> requested) {
        return requested == null || requested.isEmpty() ? launcher.defaultCommand() : requested;
    }

    /** The poller every pane's PTY is read by. */
    PtyPoller poller() {
        return poller;
    }

    /** Forgets a pane taken out of its window (kill-pane, kill-window) and ends its process. */
    void endPane(Pane pane) {
        panes.remove(pane.id(), pane);
        pane.markKilled();
        pane.terminate(KILL_GRACE_MILLIS);
    }

    /** Whether the session is still one of ours (not killed meanwhile). */
    boolean live(Session session) {
        return sessions.get(session.id()) == session;
    }

    int newWindowId() {
        return nextWindowId.getAndIncrement();
    }

    /** The session as the store keeps it, copied under its structure lock. */
    public static scarab.daemon.store.StoredSession stored(Session s) {
        synchronized (s.structure) {
            List<scarab.daemon.store.StoredWindow> windows = new ArrayList<>();
            for (Window w : s.windows()) {
                windows.add(new scarab.daemon.store.StoredWindow(w.id(), w.index(), w.fixedName(),
                        w.layout().layoutString(), w.active().id(), w.layout().zoomed(),
                        w.panes().stream().map(Pane::meta).toList()));
            }
            Window last = s.lastWindow();
            return new scarab.daemon.store.StoredSession(s.meta(), s.currentWindow().id(), last == null ? 0 : last.id(),
                    windows);
        }
    }

    /**
     * The command a new pane runs ({@code requested}, or the default command), checked before
     * anything is spawned: the program exists and exec would run it, and the directory exists.
     */
    private List<String> runnable(List<String> requested, String cwd) {
        List<String> command = requested == null || requested.isEmpty() ? launcher.defaultCommand() : requested;
        String commandProblem = launcher.commandProblem(command);
        if (commandProblem != null) {
            throw new UserError("bad-command", commandProblem);
        }
        if (cwd == null || !Path.of(cwd).isAbsolute() || !Files.isDirectory(Path.of(cwd))) {
            throw new UserError("bad-cwd", "no such directory: " + cwd);
        }
        return command;
    }

    public static void checkSize(int cols, int rows) {
        if (cols < 1 || rows < 1 || cols > MAX_COLS || rows > MAX_ROWS) {
            throw new UserError("bad-size", "invalid size " + cols + "x" + rows + ": columns and rows must be 1 to "
                    + MAX_COLS);
        }
    }

    /**
     * A spawn failed after the checks passed: the program or directory went away meanwhile, the
     * session's PATH does not have it, or the daemon is out of file descriptors or processes.
     */
    private UserError spawnFailed(String what, List<String> command, String cwd, Map<String, String> env, Exception e) {
        String problem = launcher.commandProblem(command);
        if (problem == null && (cwd == null || !Files.isDirectory(Path.of(cwd)))) {
            problem = "no such directory: " + cwd;
        }
        if (problem == null && env != null && env.containsKey("PATH") && !command.get(0).contains("/")) {
            // The session's own PATH is the one exec searches: the daemon's found the program, this one did not.
            problem = "command not found on the session's PATH (" + env.get("PATH") + ")";
        }
        if (problem == null) {
            String message = String.valueOf(e.getMessage());
            problem = message.contains("Too many open files")
                    ? "the daemon is out of file descriptors (" + sessions.size() + " sessions); raise its limit"
                            + " (ulimit -n, or LimitNOFILE= in the systemd unit)"
                    : message.lines().findFirst().orElse(message);
        }
        log.warn("{}{} failed: {}", what, command, e.toString());
        return new UserError("spawn-failed", what + command.get(0) + ": " + problem);
    }

    /** Ends a process that never became a session, with its children, and waits for it to go. */
    private static void discard(PtyChild process) {
        ProcessHandle.of(process.pid()).ifPresent(h -> h.descendants().forEach(ProcessHandle::destroyForcibly));
        process.destroyUnregistered(); // SIGKILL, reaped, PTY closed
    }

    private void reserveName(String name, SessionId id) {
        synchronized (namesLock) {
            SessionId holder = names.get(name);
            if (holder != null) {
                throw new UserError("name-taken", "a session named \"" + name + "\" already exists; choose another name"
                        + " or attach to it");
            }
            names.put(name, id);
        }
    }

    private void releaseName(String name, SessionId id) {
        synchronized (namesLock) {
            names.remove(name, id);
        }
    }

    public List<Session> list() {
        List<Session> all = new ArrayList<>(sessions.values());
        all.sort(Comparator.comparingLong((Session s) -> s.meta().createdAt()).thenComparing(Session::id));
        return all;
    }

    /** The status setting (off, on, auto) for the sessions loaded or created from now on. */
    public void statusMode(StatusMode mode) {
        statusMode = mode;
    }

    /** remain-on-exit (off by default, as tmux's): set once at start from the config. */
    public void remainOnExit(boolean remain) {
        remainOnExit = remain;
    }

    /** Every pane of every session. */
    public List<Pane> allPanes() {
        return List.copyOf(panes.values());
    }

    /** A pane by its id ({@code %N}), or null. */
    public Pane pane(int id) {
        return panes.get(id);
    }

    public int count() {
        return sessions.size();
    }

    /**
     * Finds a session by name, full id, or unique id prefix (names win: a name is what people type).
     */
    public Session resolve(String target) {
        if (target == null || target.isEmpty()) {
            throw new UserError("bad-target", "no session given");
        }
        SessionId byName;
        synchronized (namesLock) {
            byName = names.get(target);
        }
        if (byName != null) {
            Session s = sessions.get(byName);
            if (s != null) {
                return s;
            }
        }
        String lower = target.toLowerCase(java.util.Locale.ROOT);
        List<Session> matches = new ArrayList<>();
        for (Session s : sessions.values()) {
            if (s.id().full().startsWith(lower)) {
                matches.add(s);
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new UserError("not-found", "no session named \"" + SessionName.printable(target) + "\"; see scarab ls");
        }
        matches.sort(Comparator.comparing(Session::id));
        StringBuilder b = new StringBuilder("ambiguous session id prefix \"" + target + "\" matches ");
        for (int i = 0; i < matches.size(); i++) {
            Session s = matches.get(i);
            b.append(i == 0 ? "" : ", ").append(s.id().shortForm()).append(" (").append(s.meta().name()).append(')');
        }
        throw new UserError("ambiguous", b.append("; type more of the id").toString());
    }

    /**
     * Renames a session. Under the session's lifecycle lock, so a kill of the same session comes
     * wholly before (the rename then finds it gone, writes nothing and says "no session") or wholly
     * after. The commit is waited for outside the session's monitor, which the output path takes.
     */
    public SessionMeta rename(Session session, String newName) {
        String problem = SessionName.problem(newName);
        if (problem != null) {
            throw new UserError("bad-name", problem);
        }
        if (session.meta().name().equals(newName)) {
            return session.meta();
        }
        reserveName(newName, session.id());
        SessionMeta before;
        SessionMeta after;
        synchronized (session.lifecycle) {
            before = session.meta();
            if (sessions.get(session.id()) != session) {
                releaseName(newName, session.id());
                throw new UserError("not-found", "no session named \"" + SessionName.printable(before.name())
                        + "\"; see scarab ls");
            }
            java.util.concurrent.CompletableFuture<Void> saved;
            synchronized (session) {
                after = session.updateMeta(m -> m.withName(newName));
                saved = store.save(after);
            }
            try {
                saved.join();
            } catch (CompletionException e) {
                session.updateMeta(m -> m.withName(before.name()));
                releaseName(newName, session.id());
                throw new UserError("store-failed", "session \"" + before.name() + "\" not renamed: "
                        + e.getCause().getMessage());
            }
            releaseName(before.name(), session.id());
            SessionEvents.renamed(session, before.name());
        }
        log.info("session renamed: {} {} -> {}", session.id().shortForm(), before.name(), newName);
        return after;
    }

    /**
     * Removes a session: its process is ended and its row deleted before this returns. Under the
     * session's lifecycle lock, like {@link #rename}: the name released is the name it has.
     */
    public void kill(Session session) {
        synchronized (session.lifecycle) {
            java.util.concurrent.CompletableFuture<Void> deleted;
            synchronized (session) {
                // Out of the map first, under the monitor metadata saves take: no save queued after
                // this delete can bring the row back.
                if (sessions.remove(session.id()) == null) {
                    return; // killed meanwhile
                }
                deleted = store.delete(session.id());
            }
            try {
                deleted.join();
            } catch (CompletionException e) {
                // Still stored, so still a session: back as it was, clients still attached.
                sessions.put(session.id(), session);
                unsaved.add(session.id());
                throw new UserError("store-failed", "session \"" + session.meta().name() + "\" not killed: "
                        + e.getCause().getMessage());
            }
            releaseName(session.meta().name(), session.id());
        }
        SessionEvents.killed(session);
        for (Pane p : session.panes()) {
            panes.remove(p.id(), p);
        }
        // An attach that found the session before it left the map may register its client after
        // the clients below are told: from here on the session tells such a client itself.
        session.panes().forEach(Pane::markKilled);
        detachAll(session, "killed");
        List<Pane> all = session.panes();
        all.forEach(Pane::beginTerminate);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(KILL_GRACE_MILLIS);
        all.forEach(p -> p.finishTerminate(deadline));
        log.info("session killed: {} {}", session.id().shortForm(), session.meta().name());
    }

    /**
     * A pane's process ended. The last pane of a session ends the session, which stays listed as
     * exited with that pane's screen and status; any other pane closes, as in tmux with
     * remain-on-exit off, and its clients go on showing what their session shows next.
     */
    @Override
    public void exited(Pane pane, int exitCode) {
        Session session = pane.session();
        String reason = pane.hasProcess() ? launcher.exitReason(pane.pid()) : null;
        if (reason != null) {
            log.warn("pane {} of session {} ({}) was killed: {}", pane.label(), session.meta().name(),
                    session.id().shortForm(), reason);
        }
        if (shuttingDown || !sessions.containsKey(session.id()) || panes.get(pane.id()) != pane) {
            pane.markExited(exitCode);
            if (session.panes().stream().allMatch(p -> p == pane || p.exitFuture().isDone())) {
                session.markExited(exitCode);
            }
            return;
        }
        if (remainOnExit) {
            // tmux's line goes on the screen before the exit is known to anyone who asks (a dead
            // pane's capture shows it); the last pane of a session shows it too, as tmux's would.
            pane.showDead(exitCode);
        }
        PaneMeta paneMeta = pane.updateMeta(m -> m.withExit(exitCode));
        boolean sessionEnds;
        boolean remains;
        synchronized (session.structure) {
            sessionEnds = session.panes().stream().allMatch(p -> p == pane || p.meta().exited());
            remains = !sessionEnds && remainOnExit;
            if (!sessionEnds && !remains) {
                closePane(session, pane);
            }
        }
        if (remains) {
            // remain-on-exit: the pane stays where it is, dead, with its screen, until respawned or killed.
            log.info("pane dead: {} {} pane {} status {}", session.id().shortForm(), session.meta().name(), pane.label(),
                    exitCode);
            pane.markDead(exitCode);
            saveStructure(session);
            return;
        }
        if (!sessionEnds) {
            log.info("pane closed: {} {} pane {} status {}", session.id().shortForm(), session.meta().name(), pane.label(),
                    exitCode);
            pane.markKilled();
            moveClients(session, pane);
            session.fit();
            panes.remove(pane.id(), pane);
            saveStructure(session).whenComplete((ok, err) -> pane.markExited(exitCode));
            return;
        }
        SessionMeta meta = session.updateMeta(m -> m.withExit(exitCode, reason));
        SessionEvents.exited(session, exitCode, reason);
        log.info("session exited: {} {} status {}{}", session.id().shortForm(), meta.name(), exitCode,
                reason == null ? "" : ": " + reason);
        pane.notifyExit(exitCode);
        savePane(paneMeta);
        saveMeta(session).whenComplete((ok, err) -> {
            pane.markExited(exitCode);
            session.markExited(exitCode);
        });
    }

    /**
     * Takes a pane out of its window, and the window out of the session when it was its last pane;
     * the window's next active pane is its last active one, as in tmux. Structure lock held.
     */
    static void closePane(Session session, Pane pane) {
        for (Window w : session.windows()) {
            if (w.indexOf(pane) < 0) {
                continue;
            }
            List<Pane> rest = new ArrayList<>(w.panes());
            rest.remove(pane);
            if (rest.isEmpty()) {
                w.panes(rest);
                session.removeWindow(w);
                return;
            }
            w.removePane(pane);
            return;
        }
    }

    /**
     * The clients that showed {@code from} show the pane their session shows now (the current
     * window's active pane): after a window was selected, or the pane they showed closed.
     */
    void moveClients(Session session, Pane from) {
        for (ClientLink c : from.clients()) {
            if (!from.release(c)) {
                continue;
            }
            if (!session.activePane().adopt(c)) {
                c.connection().setAttachment(null);
                c.finish(null, new Response.Detached(0, session.meta().name(), "exited"));
            }
        }
    }

    @Override
    public void changed(Pane pane, PaneMeta meta) {
        if (!shuttingDown) {
            savePane(meta);
        }
    }

    @Override
    public void titleChanged(Pane pane) {
        unsavedPanes.add(pane.id());
        SessionEvents.titleChanged(pane, pane.meta().title());
    }

    @Override
    public void historyWaiting(Pane pane) {
        Runnable r = storeSoon;
        if (r != null) {
            r.run();
        }
    }

    /** What asks for an early round of snapshots (history waiting to be stored); set once at start. */
    public void storeSoon(Runnable askForSnapshots) {
        this.storeSoon = askForSnapshots;
    }

    /** A pane's history lines in the store, read by captures (history-disk). */
    private scarab.daemon.terminal.HistorySource storedHistory(int paneId) {
        return (from, to) -> store.loadHistoryChunks(paneId, from, to);
    }

    /**
     * Queues a save of a session's own row, unless it has been killed. Nobody waits for these
     * saves (last attach, exit status); one that fails (full disk, locked database) is tried
     * again by {@link #saveUnsaved}, so the row catches up once the fault clears.
     */
    java.util.concurrent.CompletableFuture<Void> saveMeta(Session session) {
        java.util.concurrent.CompletableFuture<Void> saved;
        SessionMeta meta;
        synchronized (session) {
            if (!sessions.containsKey(session.id())) {
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            }
            meta = session.meta();
            saved = store.save(meta);
        }
        return saved.whenComplete((ok, err) -> {
            if (err != null) {
                unsaved.add(session.id());
            }
        });
    }

    /**
     * Saves a session's new shape and waits for it, as a window or pane command does before it
     * answers. A failure is logged, not thrown: the change is made and shown, and the shape is
     * stored again at the next round ({@code what} names the change in the log).
     */
    void storeStructure(Session session, String what) {
        try {
            saveStructure(session).join();
        } catch (CompletionException e) {
            log.warn("{}: {}; stored at the next round", what, e.getCause().getMessage());
        }
    }

    /**
     * After a change of a session's shape: its clients show the active pane (those that showed
     * {@code shown}, if another is active now), every client's size is fitted, and the shape is
     * stored ({@link #storeStructure}).
     */
    void settle(Session session, Pane shown, String what) {
        if (session.activePane() != shown) {
            moveClients(session, shown);
        }
        session.fit();
        storeStructure(session, what);
    }

    /** Queues a save of a session's whole shape (windows, panes, current window); retried like {@link #saveMeta}. */
    java.util.concurrent.CompletableFuture<Void> saveStructure(Session session) {
        java.util.concurrent.CompletableFuture<Void> saved;
        synchronized (session) {
            if (!sessions.containsKey(session.id())) {
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            }
            saved = store.saveStructure(stored(session));
        }
        SessionEvents.shapeChanged(session);
        return saved.whenComplete((ok, err) -> {
            if (err != null) {
                unsaved.add(session.id());
            }
        });
    }

    /** Queues a save of a pane's own row (size, title, exit status); retried like {@link #saveMeta}. */
    private void savePane(PaneMeta meta) {
        store.savePane(meta).whenComplete((ok, err) -> {
            Pane p = panes.get(meta.id());
            if (err != null) {
                unsavedPanes.add(meta.id());
            } else if (p != null && p.meta() == meta) {
                // A change made meanwhile (a new title) still waits for its save.
                unsavedPanes.remove(meta.id());
            }
        });
    }

    /**
     * Stores {@code session} with the next round of snapshots rather than now: a change worth
     * keeping but not worth a write of its own (a switch-client's last use, made as often as a
     * person flips between sessions).
     */
    public void saveLater(Session session) {
        unsaved.add(session.id());
    }

    /**
     * Saves the changed titles and the saves that failed; called at the start of every round of
     * snapshots. Queued together, they share one group commit.
     */
    public void saveUnsaved() {
        for (SessionId id : List.copyOf(unsaved)) {
            unsaved.remove(id);
            Session s = sessions.get(id);
            if (s != null) {
                saveStructure(s);
            }
        }
        for (Integer id : List.copyOf(unsavedPanes)) {
            Pane p = panes.get(id);
            if (p == null) {
                unsavedPanes.remove(id);
            } else {
                savePane(p.meta());
            }
        }
    }

    /**
     * Attaches a client. With {@code terminalPid} the daemon tries to serve the client through its
     * own terminal ({@link TerminalLink}); when that terminal cannot be opened, or without it,
     * output goes as frames on the connection ({@link FrameLink}).
     */
    public void attach(Session session, Connection connection, boolean readOnly, boolean detachOthers, int cols, int rows,
                       Long terminalPid, String detachKeys, String ttyName, String termName, long requestId)
            throws java.io.IOException {
        // 0x0 with a terminal offered: "take the size from my terminal" (the client attaches
        // before it has looked at its terminal; the daemon reads the size from it).
        boolean sizeFromTerminal = terminalPid != null && cols == 0 && rows == 0;
        if (!sizeFromTerminal) {
            checkSize(cols, rows);
        }
        DetachKeys keys;
        try {
            keys = DetachKeys.parse(detachKeys == null ? DetachKeys.DEFAULT_SPEC : detachKeys);
        } catch (IllegalArgumentException e) {
            throw new UserError("bad-detach-keys", e.getMessage());
        }
        if (!detachOthers && session.clientCount() >= maxClients) {
            throw new UserError("too-many-clients", "session \"" + session.meta().name() + "\" already has "
                    + session.clientCount() + " clients attached, the limit; raise max-clients-per-session in config.toml");
        }
        Pane pane = session.activePane();
        ClientTerminal terminal = null;
        TerminalModes modes = null;
        if (terminalPid != null && pane.poller() != null) {
            try {
                terminal = ClientTerminal.open(terminalPid);
                // Raw before anything is drawn, as tmux's server does: the screen need not wait
                // for the client process to set its terminal up.
                modes = terminal.makeRaw();
            } catch (java.io.IOException e) {
                log.info("attaching through the connection instead of the client's terminal: {}", e.getMessage());
                if (terminal != null) {
                    terminal.discard();
                    terminal = null;
                }
            }
        }
        // Until a link owns the terminal, any failure puts its settings back and closes it.
        boolean linked = false;
        SessionMeta meta;
        try {
            if (detachOthers) {
                detachAll(session, "detached-by-other");
            }
            meta = session.updateMeta(m -> m.withLastAttached(System.currentTimeMillis()));
            saveMeta(session);
            // The response goes out before the link starts writing output.
            connection.send(new Response.Attached(requestId, SessionInfoView.of(session), terminal != null,
                    modes == null ? null : modes.encode()));
            if (sizeFromTerminal) {
                int[] size = terminal == null ? null : terminal.size();
                // Without the terminal the session keeps its size until the client's resize arrives.
                cols = size != null ? Math.min(size[0], MAX_COLS) : pane.meta().cols();
                rows = size != null ? Math.min(size[1], MAX_ROWS) : pane.meta().rows();
            }
            ClientLink link;
            SessionAttachment attachment;
            if (terminal != null) {
                TerminalLink direct = new TerminalLink(pane.poller(), terminal, keys, connection, readOnly, cols, rows);
                attachment = new SessionAttachment(this, direct, connection);
                direct.attachment(attachment);
                link = direct;
            } else {
                link = new FrameLink(connection, readOnly, cols, rows, keys);
                attachment = new SessionAttachment(this, link, connection);
            }
            link.name(clientName(ttyName, connection), termName);
            connection.setAttachment(attachment);
            linked = true;
            if (!pane.attach(link)) {
                connection.setAttachment(null);
                log.info("session {} {} ended as connection {} attached; it was told", session.id().shortForm(),
                        meta.name(), connection);
                return;
            }
            SessionEvents.clientAttached(link, session);
        } finally {
            if (!linked && terminal != null) {
                terminal.discard();
            }
        }
        log.info("session attached: {} {} by connection {}{}{}", session.id().shortForm(), meta.name(), connection,
                readOnly ? " (read-only)" : "", terminal != null ? " (its terminal directly)" : "");
    }

    /**
     * A client's name, as tmux names it: its terminal's path, else (a client that could not say,
     * as tmux's "client-PID") one made from its connection's number.
     */
    private static String clientName(String ttyName, Connection connection) {
        if (ttyName != null && ttyName.startsWith("/")) {
            return ttyName;
        }
        return "client-" + connection.toString().replace("#", "");
    }

    /** Every attached client of every session. */
    public List<ClientLink> clients() {
        List<ClientLink> all = new ArrayList<>();
        for (Session s : list()) {
            all.addAll(s.clients());
        }
        return all;
    }

    /** Detaches every client of a session; each is told why. Returns how many there were. */
    public int detachAll(Session session, String reason) {
        int n = 0;
        for (ClientLink c : session.clients()) {
            c.connection().setAttachment(null);
            c.pane().detach(c, new Response.Detached(0, session.meta().name(), reason));
            n++;
        }
        if (n > 0) {
            detached(session);
        }
        return n;
    }

    void detached(Session session) {
        log.info("session detached: {} {} ({} clients left)", session.id().shortForm(), session.meta().name(),
                session.clientCount());
    }

    /**
     * Makes sure a session has a live process before it is attached or typed into: a restored
     * session waiting for its first use (restore mode lazy) is started now.
     */
    /** The daemon's paste buffers (copy mode's copies, the buffer commands). */
    public scarab.daemon.paste.PasteBuffers pasteBuffers() {
        return pasteBuffers;
    }

    public void ensureRunning(Session session) {
        List<Pane> waiting = new ArrayList<>(0); // a loop, not a stream: every switch-client asks
        for (Pane p : session.panes()) {
            if (!p.hasProcess() && !p.meta().exited()) {
                waiting.add(p);
            }
        }
        if (waiting.isEmpty() || session.meta().exited()) {
            return;
        }
        if (restoreMode == RestoreMode.NONE) {
            throw new UserError("stopped", "session \"" + session.meta().name() + "\" is stopped (the daemon runs with"
                    + " --restore=none); its history is kept: scarab capture -S - " + session.meta().name());
        }
        waiting.forEach(this::startRestored);
    }

    /**
     * Removes exited sessions older than {@code exitedAge} and, only when {@code detachedAge} is
     * given, running sessions nobody attached to for that long. Every removal is logged.
     */
    public int cleanup(java.time.Duration exitedAge, java.time.Duration detachedAge) {
        long now = System.currentTimeMillis();
        int removed = 0;
        for (Session s : list()) {
            SessionMeta m = s.meta();
            String why = null;
            if (exitedAge != null && m.exited() && m.exitedAt() > 0 && now - m.exitedAt() > exitedAge.toMillis()) {
                why = "exited more than " + exitedAge + " ago";
            } else if (detachedAge != null && !m.exited() && s.clientCount() == 0
                    && now - Math.max(m.lastAttachedAt(), m.createdAt()) > detachedAge.toMillis()) {
                why = "detached for more than " + detachedAge;
            }
            if (why != null) {
                try {
                    kill(s);
                    removed++;
                    log.info("cleanup removed session {} {}: {}", m.id().shortForm(), m.name(), why);
                } catch (UserError e) {
                    log.warn("cleanup could not remove session {} {}: {}", m.id().shortForm(), m.name(), e.getMessage());
                }
            }
        }
        return removed;
    }

    /** The session a client most recently attached to (else the newest): {@code attach} with no target. */
    public Session mostRecent() {
        return sessions.values().stream()
                .max(Comparator.comparingLong((Session s) -> s.meta().lastAttachedAt())
                        .thenComparingLong(s -> s.meta().createdAt()))
                .orElseThrow(() -> new UserError("not-found", "no sessions; create one with: scarab new NAME"));
    }

    /** From now until shutdown, the status lines' clocks move on when the minute turns. */
    public void startStatusClock() {
        new StatusClock(this::clients, java.time.Clock.systemDefaultZone(), () -> shuttingDown).start();
    }

    /** Daemon shutdown: ends every process (their rows stay; they come back as stopped). */
    public void shutdown() {
        shuttingDown = true;
        recordings.suspendAll(); // before the panes end: their end does not end a recording that goes on

        // Hang every session up first and then wait once: stopping takes one grace period, not one per session.
        List<Pane> all = new ArrayList<>(panes.values());
        all.forEach(Pane::beginTerminate);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(KILL_GRACE_MILLIS);
        all.forEach(s -> s.finishTerminate(deadline));
        poller.close();
    }

    /** What {@link #loadStored} skipped, one line per row, naming it and saying why. */
    public List<String> skippedRows() {
        return List.copyOf(skippedRows);
    }

    public scarab.daemon.record.Recordings recordings() {
        return recordings;
    }

    public SessionStore store() {
        return store;
    }

}
