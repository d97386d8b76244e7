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
public final class SessionManager implements SessionEvents {
    private static final Logger log = LoggerFactory.getLogger(SessionManager.class);
    public static final int MAX_COLS = 1000;
    public static final int MAX_ROWS = 1000;
    static final long KILL_GRACE_MILLIS = 2000;

    private final ConcurrentHashMap<SessionId, Session> sessions = new ConcurrentHashMap<>();
    /**
     * Sessions whose metadata is to be saved with the next round of snapshots: their title changed
     * (a program may set it at every prompt: not worth a transaction each), or their last save failed.
     */
    private final java.util.Set<SessionId> unsaved = ConcurrentHashMap.newKeySet();
    private final Object namesLock = new Object();
    /** name -> id, including names reserved by creates still in progress. Guarded by namesLock. */
    private final Map<String, SessionId> names = new HashMap<>();
    private final SessionStore store;
    private final PtyLauncher launcher;
    /** Reads every session's PTY on one thread; closed at shutdown. */
    private final PtyPoller poller;
    private final HistoryBounds history;
    private volatile RestoreMode restoreMode = RestoreMode.EAGER;
    private volatile Runnable storeSoon;
    /** Sessions loaded for an eager restart, started by {@link #restartLoadedInBackground}. */
    private volatile List<Session> pendingRestarts = List.of();
    /** Set once the daemon is stopping: processes we end then did not "exit" in the user's sense. */
    private volatile boolean shuttingDown;

    private final int maxSessions;
    private final int maxClients;
    /** Rows of the store that could not be read as sessions at start: skipped, and reported. */
    private final List<String> skippedRows = new java.util.concurrent.CopyOnWriteArrayList<>();

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
        List<Session> toStart = new ArrayList<>();
        for (SessionMeta meta : store.loadAll(skippedRows::add)) {
            if (meta.cols() < 1 || meta.rows() < 1 || meta.cols() > MAX_COLS || meta.rows() > MAX_ROWS) {
                String problem = "session row " + meta.id().full() + " (\"" + meta.name() + "\") in " + store.file()
                        + " skipped: its size " + meta.cols() + "x" + meta.rows() + " is not 1 to " + MAX_COLS;
                log.error(problem);
                skippedRows.add(problem);
                continue;
            }
            Session s = Session.withoutProcess(meta, history, storedHistory(meta.id()));
            s.restoreCwd(meta.cwd());
            // The screens and histories are loaded once the daemon listens (a thousand large
            // histories took a minute), or by the first request that needs one.
            s.loadLater(() -> loadScreen(s));
            synchronized (namesLock) {
                names.put(meta.name(), meta.id());
            }
            sessions.put(meta.id(), s);
            if (!meta.exited() && mode == RestoreMode.EAGER) {
                toStart.add(s);
            }
        }
        if (mode != RestoreMode.NONE) {
            endLeftovers();
        }
        log.info("loaded {} stored sessions in {} ms (restore mode {}); their screens and histories follow",
                sessions.size(), (System.nanoTime() - started) / 1_000_000, mode.name().toLowerCase(java.util.Locale.ROOT));
        pendingRestarts = toStart;
    }

    /** Puts a session's stored screen and history into it, and the directory its program was in. */
    private void loadScreen(Session s) {
        SessionMeta meta = s.meta();
        String cwd = meta.cwd();
        try {
            var snapshot = store.loadSnapshot(meta.id());
            if (snapshot.isPresent()) {
                if (snapshot.get().cwd() != null) {
                    cwd = snapshot.get().cwd();
                }
                s.restore(snapshot.get());
            }
        } catch (RuntimeException e) {
            log.warn("session {} {}: history not restored: {}", meta.id().shortForm(), meta.name(), e.getMessage());
        }
        s.restoreCwd(cwd);
        s.snapshotTaken(cwd);
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
        List<Session> toStart = pendingRestarts;
        pendingRestarts = List.of();
        List<Session> toLoad = sessions.values().stream().filter(s -> !s.loaded() && !toStart.contains(s)).toList();
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
        for (Session s : toStart) {
            pool.execute(() -> {
                if (shuttingDown) {
                    return;
                }
                try {
                    startRestored(s);
                } catch (UserError e) {
                    log.error("session {} {} not restarted: {}", s.id().shortForm(), s.meta().name(), e.getMessage());
                } finally {
                    oneDone.run();
                }
            });
        }
        for (Session s : toLoad) {
            pool.execute(() -> {
                if (!shuttingDown) {
                    s.ensureLoaded();
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
    private void startRestored(Session s) {
        // The lifecycle lock, not the session's monitor: this writes into the screen, and the
        // monitor comes after the screen lock (docs/architecture.md, the order of a session's locks).
        s.ensureLoaded(); // the marker goes below the stored screen, the command starts in its directory
        synchronized (s.lifecycle) {
            if (s.hasProcess() || s.meta().exited() || !sessions.containsKey(s.id())) {
                return;
            }
            SessionMeta meta = s.meta();
            String cwd = s.restoreCwd();
            StringBuilder marker = new StringBuilder();
            if (s.readScreen(screen -> screen.cursorX()) != 0) {
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
            s.replay(marker.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            PtyChild process;
            try {
                process = launcher.start(meta.command(), cwd, meta.cols(), meta.rows(), meta.name(), meta.id(), Map.of());
            } catch (IOException | RuntimeException e) {
                throw spawnFailed("cannot restart ", meta.command(), cwd, null, e);
            }
            s.startProcess(process);
            s.startReader(poller, this);
            log.info("session restored: {} {} pid {} in {}", meta.id().shortForm(), meta.name(), process.pid(), cwd);
        }
    }

    public Session create(NewSessionSpec spec) {
        String nameProblem = SessionName.problem(spec.name());
        if (nameProblem != null) {
            throw new UserError("bad-name", nameProblem);
        }
        checkSize(spec.cols(), spec.rows());
        List<String> command = spec.command() == null || spec.command().isEmpty() ? launcher.defaultCommand() : spec.command();
        String commandProblem = launcher.commandProblem(command);
        if (commandProblem != null) {
            throw new UserError("bad-command", commandProblem);
        }
        if (spec.cwd() == null || !Path.of(spec.cwd()).isAbsolute() || !Files.isDirectory(Path.of(spec.cwd()))) {
            throw new UserError("bad-cwd", "no such directory: " + spec.cwd());
        }
        SessionId id = SessionId.random();
        synchronized (namesLock) {
            // Names include creates in progress, so concurrent creates cannot overshoot the limit.
            if (names.size() >= maxSessions) {
                throw new UserError("too-many-sessions", "there are already " + names.size() + " sessions, the limit;"
                        + " kill some (scarab ls) or raise max-sessions in config.toml");
            }
            reserveName(spec.name(), id);
        }
        PtyChild process;
        try {
            process = launcher.start(command, spec.cwd(), spec.cols(), spec.rows(), spec.name(), id, spec.env());
        } catch (IOException | RuntimeException e) {
            releaseName(spec.name(), id);
            throw spawnFailed("cannot start ", command, spec.cwd(), spec.env(), e);
        }
        SessionMeta meta = new SessionMeta(id, spec.name(), command, spec.cwd(), spec.cols(), spec.rows(),
                System.currentTimeMillis(), 0, SessionMeta.RUNNING, null, "", 0);
        Session session = Session.running(meta, process, history, storedHistory(id));
        try {
            store.save(meta).join();
        } catch (CompletionException e) {
            // No row, so no process either: it goes before the caller hears, and only then the name.
            discard(process);
            releaseName(spec.name(), id);
            throw new UserError("store-failed", "session \"" + spec.name() + "\" not created: " + e.getCause().getMessage());
        }
        sessions.put(id, session);
        session.startReader(poller, this);
        log.info("session created: {} {} pid {} command {}", id.shortForm(), spec.name(), process.pid(), command);
        return session;
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
        // An attach that found the session before it left the map may register its client after
        // the clients below are told: from here on the session tells such a client itself.
        session.markKilled();
        detachAll(session, "killed");
        session.terminate(KILL_GRACE_MILLIS);
        log.info("session killed: {} {}", session.id().shortForm(), session.meta().name());
    }

    @Override
    public void exited(Session session, int exitCode) {
        if (shuttingDown || !sessions.containsKey(session.id())) {
            session.markExited(exitCode);
            return;
        }
        SessionMeta meta = session.updateMeta(m -> m.withExit(exitCode));
        log.info("session exited: {} {} status {}", session.id().shortForm(), meta.name(), exitCode);
        session.notifyExit(exitCode);
        saveMeta(session).whenComplete((ok, err) -> session.markExited(exitCode));
    }

    @Override
    public void changed(Session session, SessionMeta meta) {
        if (!shuttingDown) {
            saveMeta(session);
        }
    }

    @Override
    public void titleChanged(Session session) {
        unsaved.add(session.id());
    }

    @Override
    public void historyWaiting(Session session) {
        Runnable r = storeSoon;
        if (r != null) {
            r.run();
        }
    }

    /** What asks for an early round of snapshots (history waiting to be stored); set once at start. */
    public void storeSoon(Runnable askForSnapshots) {
        this.storeSoon = askForSnapshots;
    }

    /** A session's history lines in the store, read by captures (history-disk). */
    private scarab.daemon.terminal.HistorySource storedHistory(SessionId id) {
        return (from, to) -> store.loadHistoryChunks(id, from, to);
    }

    /**
     * Queues a save of a session's current metadata, unless it has been killed. Nobody waits for
     * these saves (size, last attach, exit status); one that fails (full disk, locked database) is
     * tried again by {@link #saveUnsaved}, so the row catches up once the fault clears.
     */
    private java.util.concurrent.CompletableFuture<Void> saveMeta(Session session) {
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
            // A change made meanwhile (a new title) still waits for its save.
            if (err == null && session.meta() == meta) {
                unsaved.remove(session.id());
            } else if (err != null) {
                unsaved.add(session.id());
            }
        });
    }

    /**
     * Saves the metadata of changed titles and of saves that failed; called at the start of every
     * round of snapshots. Queued together, they share one group commit.
     */
    public void saveUnsaved() {
        for (SessionId id : List.copyOf(unsaved)) {
            Session s = sessions.get(id);
            if (s == null) {
                unsaved.remove(id);
            } else {
                saveMeta(s);
            }
        }
    }

    /**
     * Attaches a client. With {@code terminalPid} the daemon tries to serve the client through its
     * own terminal ({@link TerminalLink}); when that terminal cannot be opened, or without it,
     * output goes as frames on the connection ({@link FrameLink}).
     */
    public void attach(Session session, Connection connection, boolean readOnly, boolean detachOthers, int cols, int rows,
                       Long terminalPid, String detachKeys, long requestId) throws java.io.IOException {
        // 0x0 with a terminal offered: "take the size from my terminal" (the client attaches
        // before it has looked at its terminal; the daemon reads the size from it).
        boolean sizeFromTerminal = terminalPid != null && cols == 0 && rows == 0;
        if (!sizeFromTerminal) {
            checkSize(cols, rows);
        }
        DetachKeys keys = null;
        if (terminalPid != null) {
            try {
                keys = DetachKeys.parse(detachKeys == null ? DetachKeys.DEFAULT_SPEC : detachKeys);
            } catch (IllegalArgumentException e) {
                throw new UserError("bad-detach-keys", e.getMessage());
            }
        }
        if (!detachOthers && session.clientCount() >= maxClients) {
            throw new UserError("too-many-clients", "session \"" + session.meta().name() + "\" already has "
                    + session.clientCount() + " clients attached, the limit; raise max-clients-per-session in config.toml");
        }
        ClientTerminal terminal = null;
        TerminalModes modes = null;
        if (terminalPid != null && session.poller() != null) {
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
                cols = size != null ? Math.min(size[0], MAX_COLS) : session.meta().cols();
                rows = size != null ? Math.min(size[1], MAX_ROWS) : session.meta().rows();
            }
            ClientLink link;
            SessionAttachment attachment;
            if (terminal != null) {
                TerminalLink direct = new TerminalLink(session, session.poller(), terminal, keys, connection, readOnly,
                        cols, rows);
                attachment = new SessionAttachment(this, session, direct, connection);
                direct.attachment(attachment);
                link = direct;
            } else {
                link = new FrameLink(connection, readOnly, cols, rows);
                attachment = new SessionAttachment(this, session, link, connection);
            }
            connection.setAttachment(attachment);
            linked = true;
            if (!session.attach(link)) {
                connection.setAttachment(null);
                log.info("session {} {} ended as connection {} attached; it was told", session.id().shortForm(),
                        meta.name(), connection);
                return;
            }
        } finally {
            if (!linked && terminal != null) {
                terminal.discard();
            }
        }
        log.info("session attached: {} {} by connection {}{}{}", session.id().shortForm(), meta.name(), connection,
                readOnly ? " (read-only)" : "", terminal != null ? " (its terminal directly)" : "");
    }

    /** Detaches every client of a session; each is told why. Returns how many there were. */
    public int detachAll(Session session, String reason) {
        int n = 0;
        for (ClientLink c : session.clients()) {
            c.connection().setAttachment(null);
            session.detach(c, new Response.Detached(0, session.meta().name(), reason));
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
    public void ensureRunning(Session session) {
        if (session.hasProcess() || session.meta().exited()) {
            return;
        }
        if (restoreMode == RestoreMode.NONE) {
            throw new UserError("stopped", "session \"" + session.meta().name() + "\" is stopped (the daemon runs with"
                    + " --restore=none); its history is kept: scarab capture -S - " + session.meta().name());
        }
        startRestored(session);
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

    /** Daemon shutdown: ends every process (their rows stay; they come back as stopped). */
    public void shutdown() {
        shuttingDown = true;
        // Hang every session up first and then wait once: stopping takes one grace period, not one per session.
        List<Session> all = new ArrayList<>(sessions.values());
        all.forEach(Session::beginTerminate);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(KILL_GRACE_MILLIS);
        all.forEach(s -> s.finishTerminate(deadline));
        poller.close();
    }

    /** What {@link #loadStored} skipped, one line per row, naming it and saying why. */
    public List<String> skippedRows() {
        return List.copyOf(skippedRows);
    }

    public SessionStore store() {
        return store;
    }

}
