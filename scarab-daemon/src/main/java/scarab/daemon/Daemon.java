package scarab.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scarab.daemon.command.Commands;
import scarab.daemon.command.DaemonControl;
import scarab.daemon.ipc.DaemonInfo;
import scarab.daemon.ipc.IpcServer;
import scarab.daemon.session.PtyLauncher;
import scarab.daemon.session.Session;
import scarab.daemon.session.SessionMeta;
import scarab.daemon.session.SessionManager;
import scarab.daemon.session.Snapshotter;
import scarab.daemon.store.SessionStore;
import scarab.protocol.ConfigCheck;
import scarab.protocol.ScarabPaths;
import scarab.protocol.Version;

/**
 * The daemon's life: lock the socket, open the store, load sessions, serve, and on SIGTERM
 * (or {@code daemon stop}) shut down in order: stop accepting, end processes, flush the store,
 * remove the socket.
 */
public final class Daemon implements DaemonControl {
    /**
     * Exit status when another daemon already serves the socket (the client treats it as success).
     * EX_TEMPFAIL; not 3, which is the JVM's on an out-of-memory (ExitOnOutOfMemoryError): a daemon
     * that runs out of memory while it starts must be reported as failed, not as a lost race.
     */
    public static final int EXIT_ALREADY_RUNNING = 75;
    /** Exit status when another daemon (on another socket) holds the database; the client words it from the lock file. */
    public static final int EXIT_DATABASE_IN_USE = 4;

    private final Logger log = LoggerFactory.getLogger(Daemon.class);
    private final Path socket;
    private final ScarabPaths paths;
    private final long startedAt = System.currentTimeMillis();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<String> notices = new ArrayList<>();
    private List<String> configWarnings = List.of();
    /** What an in-place upgrade could not adopt, for {@code daemon status}. */
    private volatile List<String> upgradeProblems = List.of();
    private DaemonLock lock;
    private DatabaseLock databaseLock;
    private SessionStore store;
    private SessionManager sessions;
    private IpcServer server;
    private Snapshotter snapshotter;
    private java.util.concurrent.ScheduledExecutorService janitor;
    private scarab.daemon.session.WindowNames windowNames;

    /** The config file's [hooks], read by main. */
    private static Map<String, String> configuredHooks = Map.of();

    private Daemon(Path socket, ScarabPaths paths) {
        this.socket = socket;
        this.paths = paths;
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        Path configFile = new ScarabPaths(env).configDir().resolve("config.toml");
        // A bad setting costs its default, never the daemon: the sessions must stay reachable.
        ConfigCheck config = ConfigCheck.of(configFile);
        DaemonOptions options;
        try {
            options = DaemonOptions.parse(Arrays.asList(args), DaemonOptions.from(config.config()));
        } catch (IllegalArgumentException e) {
            System.err.println("scarab daemon: " + e.getMessage());
            System.exit(2);
            return;
        }
        scarab.daemon.session.CopyModeClient.configure(config.config().modeKeys(), config.config().setClipboard(), env);
        scarab.daemon.session.ClientMouse.enable(Boolean.TRUE.equals(config.config().mouse()));
        // Given to the hooks only once logging is set up (run): their class has a logger.
        configuredHooks = config.config().hooks() == null ? Map.of() : config.config().hooks();
        System.exit(run(options, env, config.warnings(), keys(config.config()),
                repeatTime(config.config())));
    }

    /** The prefix table: the config file's {@code [keys]} over tmux's defaults (the file was checked). */
    static scarab.protocol.keys.KeyBindings keys(scarab.protocol.ScarabConfig config) {
        scarab.protocol.keys.KeyBindings keys = scarab.protocol.keys.KeyBindings.standard();
        if (config.keys() != null) {
            for (Map.Entry<String, String> e : config.keys().entrySet()) {
                keys = keys.bind(e.getKey(), e.getValue());
            }
        }
        return keys;
    }

    static java.time.Duration repeatTime(scarab.protocol.ScarabConfig config) {
        return config.repeatTime() == null ? java.time.Duration.ofMillis(500) : Durations.parse(config.repeatTime());
    }

    /** Runs a daemon until it is stopped; returns the process exit status. */
    public static int run(DaemonOptions options, Map<String, String> env) {
        return run(options, env, List.of());
    }

    /**
     * Runs a daemon until it is stopped; returns the process exit status. {@code configWarnings}:
     * the config file's problems, written to stderr (daemon.out, or the journal) and the log, and
     * shown by {@code daemon status}.
     */
    public static int run(DaemonOptions options, Map<String, String> env, List<String> configWarnings) {
        return run(options, env, configWarnings, scarab.protocol.keys.KeyBindings.standard(),
                java.time.Duration.ofMillis(500));
    }

    /** As above, with the prefix table and repeat-time of the config file. */
    static int run(DaemonOptions options, Map<String, String> env, List<String> configWarnings,
                   scarab.protocol.keys.KeyBindings keys, java.time.Duration repeatTime) {
        ScarabPaths paths = new ScarabPaths(env);
        configureLogging(options.foreground(), paths.stateDir(), options.logLevel());
        // After the logging's set-up: the key commands' class has a logger of its own.
        scarab.daemon.session.KeyCommands.configure(keys, repeatTime);
        scarab.daemon.command.Hooks.configure(configuredHooks);
        FatalErrors.install();
        Path socket = paths.socket(options.socket());
        Daemon daemon = new Daemon(socket, paths);
        daemon.configWarnings = List.copyOf(configWarnings);
        for (String w : configWarnings) {
            System.err.println("scarab daemon: " + w);
            daemon.log.warn("config: {}", w);
        }
        try {
            daemon.start(options, env);
        } catch (UserError e) {
            System.err.println("scarab daemon: " + e.getMessage());
            daemon.log.error("not started: {}", e.getMessage());
            daemon.release();
            return switch (e.code()) {
                case "daemon-running" -> EXIT_ALREADY_RUNNING;
                case "database-in-use" -> EXIT_DATABASE_IN_USE;
                default -> 1;
            };
        } catch (IOException | RuntimeException e) {
            System.err.println("scarab daemon: cannot start: " + e.getMessage());
            daemon.log.error("not started", e);
            daemon.release();
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(daemon::stop, "scarab-shutdown"));
        daemon.awaitStop();
        return 0;
    }

    /** For {@link DaemonLogProvider} and {@link DaemonLogging}, which run when the first logger is asked for. */
    private static void configureLogging(boolean foreground, Path stateDir, String level) {
        System.setProperty(DaemonLogging.LEVEL, level.toUpperCase(java.util.Locale.ROOT));
        if (!foreground) {
            try {
                Files.createDirectories(stateDir);
            } catch (IOException e) {
                System.err.println("scarab daemon: cannot create " + stateDir + ": " + e.getMessage());
            }
        }
        System.setProperty("scarab.log.dir", stateDir.toString()); // for a -Dlogback.configurationFile of one's own
        System.setProperty(DaemonLogging.TARGET, foreground ? DaemonLogging.STDOUT : stateDir.toString());
        DaemonLogProvider.select();
    }

    private void start(DaemonOptions options, Map<String, String> env) throws IOException {
        SocketDirectory.prepare(socket, !paths.inDefaultDirectory(socket));
        // After an in-place upgrade the old program's lock descriptors are still open here (their
        // locks crossed execve): noted before this program opens its own, then closed.
        boolean upgraded = env.get(HandOverFile.ENV) != null;
        List<Integer> socketLock = upgraded ? scarab.daemon.pty.ExecHandOver.descriptorsOf(DaemonLock.file(socket))
                : List.of();
        List<Integer> dbLock = upgraded
                ? scarab.daemon.pty.ExecHandOver.descriptorsOf(DatabaseLock.file(paths.database())) : List.of();
        lock = DaemonLock.acquire(socket);
        lock.takeOverFrom(socketLock);
        databaseLock = DatabaseLock.acquire(paths.database(), socket);
        databaseLock.takeOverFrom(dbLock);
        long t0 = System.nanoTime();
        NativeLibraries.keepIn(paths.cacheDir().resolve("native"));
        StartupWarmUp.begin();
        store = SessionStore.open(paths.database());
        log.info("database opened in {} ms", (System.nanoTime() - t0) / 1_000_000);
        store.recoveryNotice().ifPresent(this::addNotice);
        // The hand-over of an in-place upgrade is this process's alone: no session inherits its name.
        Map<String, String> childEnv = new java.util.HashMap<>(env);
        childEnv.remove(HandOverFile.ENV);
        sessions = new SessionManager(store, new PtyLauncher(childEnv, socket, options.defaultCommand()),
                new scarab.daemon.session.HistoryBounds(options.scrollback(), options.historyBytes(), options.historyDisk()),
                options.maxSessions(), options.maxClientsPerSession());
        scarab.daemon.session.CopyModeClient.buffers(sessions.pasteBuffers());
        sessions.statusMode(scarab.daemon.session.StatusMode.parse(options.status()));
        sessions.remainOnExit(options.remainOnExit());
        scarab.daemon.session.HandOverAdoption adoption = handOver(env.get(HandOverFile.ENV));
        sessions.handOver(adoption);
        if (upgraded) {
            scarab.daemon.events.EventBus.daemon().publish("daemon-upgraded", scarab.daemon.events.EventFields.of()
                    .put("version", Version.get()).put("pid", ProcessHandle.current().pid()));
        }
        sessions.loadStored(options.restore());
        upgradeProblems = adoption.problems();
        sessions.startStatusClock();
        store.rebuildFrom(new SessionStore.Rebuild() {
            @Override
            public boolean mayRecreate() {
                return retakeDatabaseLock();
            }

            @Override
            public List<scarab.daemon.store.StoredSession> sessions() {
                return sessions.list().stream().map(SessionManager::stored).toList();
            }
        });
        sessions.skippedRows().forEach(this::addNotice);
        if (FaultInjection.fires("allocate-until-oom")) {
            FaultInjection.allocateUntilOutOfMemory();
        }
        snapshotter = new Snapshotter(sessions, store);
        sessions.storeSoon(snapshotter::soon);
        snapshotter.start(options.snapshotInterval());
        windowNames = new scarab.daemon.session.WindowNames(sessions);
        windowNames.start();
        startCleanup(options);
        // From the uid, not the user name: a uid with no passwd entry has no name to look up.
        server = new IpcServer(socket, Commands.dispatcher(sessions, this), new DaemonInfo(Version.get()), ScarabPaths.user());
        server.start();
        sessions.restartLoadedInBackground();
        log.info("scarab daemon {} started, pid {}, socket {}, database {}", Version.get(),
                ProcessHandle.current().pid(), socket, store.file());
    }

    /**
     * What the daemon before an in-place upgrade handed over ({@code file}: null at an ordinary
     * start). The file is read once and removed; one that cannot be used makes every session come
     * back the ordinary way (and its processes are hung up), which the log and status say.
     */
    private scarab.daemon.session.HandOverAdoption handOver(String file) {
        if (file == null || file.isEmpty()) {
            return scarab.daemon.session.HandOverAdoption.NONE;
        }
        Path path = Path.of(file);
        try {
            HandOverFile.Contents handed = HandOverFile.read(path);
            log.info("upgraded in place: {} processes handed over", handed.panes().size());
            scarab.daemon.events.EventBus.daemon().continueFrom(handed.eventSeq());
            return scarab.daemon.session.HandOverAdoption.of(handed.panes(), handed.alternates(), handed.scopes());
        } catch (HandOverFile.Unusable e) {
            return scarab.daemon.session.HandOverAdoption.unusable(e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                log.warn("cannot remove the hand-over file {}: {}", path, e.getMessage());
            }
        }
    }

    /** One upgrade at a time, and none while stopping. */
    @Override
    public synchronized String upgrade() {
        if (stopping.get() || sessions == null || snapshotter == null || server == null) {
            return "the daemon is stopping";
        }
        return new InPlaceUpgrade(sessions, snapshotter, paths.stateDir(),
                List.of(DaemonLock.file(socket), DatabaseLock.file(paths.database())), server).run();
    }

    /** Cleanup runs only when asked for: nothing is ever deleted without a configured age. */
    private void startCleanup(DaemonOptions options) {
        if (options.cleanupExitedAfter() == null && options.cleanupDetachedAfter() == null) {
            return;
        }
        janitor = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "scarab-cleanup");
            t.setDaemon(true);
            return t;
        });
        janitor.scheduleWithFixedDelay(FatalErrors.guarded("the cleanup task", () -> {
            try {
                sessions.cleanup(options.cleanupExitedAfter(), options.cleanupDetachedAfter());
            } catch (RuntimeException e) {
                log.warn("cleanup failed: {}", e.getMessage());
            }
        }), 0, 60, java.util.concurrent.TimeUnit.SECONDS);
    }

    private void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void requestStop() {
        Thread t = new Thread(this::stop, "scarab-stop");
        t.start();
    }

    /** Idempotent orderly shutdown; safe from the shutdown hook and from a request. */
    private void stop() {
        if (!stopping.compareAndSet(false, true)) {
            awaitStop();
            return;
        }
        log.info("shutting down");
        try {
            if (janitor != null) {
                janitor.shutdownNow();
            }
            if (windowNames != null) {
                windowNames.close();
            }
            if (server != null) {
                server.close();
            }
            if (snapshotter != null) {
                snapshotter.close(); // the last screens, before the processes go
            }
            if (sessions != null) {
                sessions.shutdown();
            }
        } finally {
            release();
            log.info("stopped");
            stopped.countDown();
        }
    }

    private void release() {
        if (store != null) {
            store.close();
            store = null;
        }
        if (databaseLock != null) {
            try {
                databaseLock.close();
            } catch (IOException e) {
                log.warn("releasing the database lock: {}", e.getMessage());
            }
            databaseLock = null;
        }
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException e) {
                log.warn("releasing the lock: {}", e.getMessage());
            }
            lock = null;
        }
    }

    /**
     * The database's directory was deleted under us, lock file and all: let go of the orphaned
     * lock and take the new one, so that no second daemon starts on the database made again.
     */
    private boolean retakeDatabaseLock() {
        try {
            if (databaseLock != null) {
                databaseLock.abandon();
                databaseLock = null;
            }
            databaseLock = DatabaseLock.acquire(paths.database(), socket);
        } catch (IOException | UserError e) {
            log.error("cannot take the lock of the session database again: {}", e.getMessage());
            return false;
        }
        addNotice("the session database " + paths.database() + " was deleted under the running daemon;"
                + " it was made again from the daemon's memory (see daemon status)");
        return true;
    }

    private synchronized void addNotice(String notice) {
        notices.add(notice);
    }

    @Override
    public List<String> configWarnings() {
        return configWarnings;
    }

    @Override
    public synchronized List<String> takeNotices() {
        List<String> out = List.copyOf(notices);
        notices.clear();
        return out;
    }

    @Override
    public List<String> problems() {
        List<String> all = new ArrayList<>(upgradeProblems);
        if (sessions != null) {
            all.addAll(sessions.skippedRows());
        }
        return all;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public long startedAt() {
        return startedAt;
    }

    @Override
    public String socket() {
        return socket.toString();
    }

    @Override
    public String database() {
        SessionStore current = store;
        String note = current == null ? null : current.rebuildNote().orElse(null);
        return paths.database() + (note == null ? "" : " (" + note + ")");
    }

    @Override
    public String config() {
        return paths.configDir().resolve("config.toml").toString();
    }
}
