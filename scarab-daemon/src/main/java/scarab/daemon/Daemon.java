package scarab.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
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
import scarab.daemon.session.SessionManager;
import scarab.daemon.session.Snapshotter;
import scarab.daemon.store.SessionStore;
import scarab.protocol.ScarabConfig;
import scarab.protocol.ScarabPaths;
import scarab.protocol.Version;

/**
 * The daemon's life: lock the socket, open the store, load sessions, serve, and on SIGTERM
 * (or {@code daemon stop}) shut down in order: stop accepting, end processes, flush the store,
 * remove the socket.
 */
public final class Daemon implements DaemonControl {
    /** Exit status when another daemon already serves the socket (the client treats it as success). */
    public static final int EXIT_ALREADY_RUNNING = 3;

    private final Logger log = LoggerFactory.getLogger(Daemon.class);
    private final Path socket;
    private final ScarabPaths paths;
    private final long startedAt = System.currentTimeMillis();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<String> notices = new ArrayList<>();
    private DaemonLock lock;
    private SessionStore store;
    private SessionManager sessions;
    private IpcServer server;
    private Snapshotter snapshotter;
    private java.util.concurrent.ScheduledExecutorService janitor;

    private Daemon(Path socket, ScarabPaths paths) {
        this.socket = socket;
        this.paths = paths;
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        Path configFile = new ScarabPaths(env).configDir().resolve("config.toml");
        DaemonOptions options;
        try {
            options = DaemonOptions.parse(Arrays.asList(args), DaemonOptions.from(ScarabConfig.load(configFile)));
        } catch (ScarabConfig.ConfigException e) {
            System.err.println("scarab daemon: not started: " + e.getMessage());
            System.exit(2);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("scarab daemon: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(options, env));
    }

    /** Runs a daemon until it is stopped; returns the process exit status. */
    public static int run(DaemonOptions options, Map<String, String> env) {
        ScarabPaths paths = new ScarabPaths(env);
        configureLogging(options.foreground(), paths.stateDir(), options.logLevel());
        Path socket = paths.socket(options.socket());
        Daemon daemon = new Daemon(socket, paths);
        try {
            daemon.start(options, env);
        } catch (UserError e) {
            System.err.println("scarab daemon: " + e.getMessage());
            daemon.log.error("not started: {}", e.getMessage());
            daemon.release();
            return "daemon-running".equals(e.code()) ? EXIT_ALREADY_RUNNING : 1;
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

    private static void configureLogging(boolean foreground, Path stateDir, String level) {
        System.setProperty("scarab.log.level", level.toUpperCase(java.util.Locale.ROOT));
        if (System.getProperty("logback.configurationFile") != null) {
            return;
        }
        if (!foreground) {
            try {
                Files.createDirectories(stateDir);
            } catch (IOException e) {
                System.err.println("scarab daemon: cannot create " + stateDir + ": " + e.getMessage());
            }
        }
        System.setProperty("scarab.log.dir", stateDir.toString());
        System.setProperty("logback.configurationFile", foreground ? "logback-foreground.xml" : "logback-file.xml");
    }

    private void start(DaemonOptions options, Map<String, String> env) throws IOException {
        SocketDirectory.prepare(socket, options.socket() != null || env.containsKey("SCARAB_SOCKET"));
        lock = DaemonLock.acquire(socket);
        long t0 = System.nanoTime();
        NativeLibraries.keepIn(paths.cacheDir().resolve("native"));
        store = SessionStore.open(paths.dataDir().resolve("sessions.db"));
        log.info("database opened in {} ms (JVM up {} ms)", (System.nanoTime() - t0) / 1_000_000,
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
        store.recoveryNotice().ifPresent(this::addNotice);
        sessions = new SessionManager(store, new PtyLauncher(env, socket, options.defaultCommand()),
                new scarab.daemon.session.HistoryBounds(options.scrollback(), options.historyBytes()),
                options.maxSessions(), options.maxClientsPerSession());
        sessions.loadStored(options.restore());
        snapshotter = new Snapshotter(sessions, store);
        snapshotter.start(options.snapshotInterval());
        startCleanup(options);
        UserPrincipal me = socket.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
        server = new IpcServer(socket, Commands.dispatcher(sessions, this), new DaemonInfo(Version.get()), me);
        server.start();
        sessions.restartLoadedInBackground();
        log.info("scarab daemon {} started, pid {}, socket {}, database {}", Version.get(),
                ProcessHandle.current().pid(), socket, store.file());
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
        janitor.scheduleWithFixedDelay(() -> {
            try {
                sessions.cleanup(options.cleanupExitedAfter(), options.cleanupDetachedAfter());
            } catch (RuntimeException e) {
                log.warn("cleanup failed: {}", e.getMessage());
            }
        }, 0, 60, java.util.concurrent.TimeUnit.SECONDS);
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
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException e) {
                log.warn("releasing the lock: {}", e.getMessage());
            }
            lock = null;
        }
    }

    private synchronized void addNotice(String notice) {
        notices.add(notice);
    }

    @Override
    public synchronized List<String> takeNotices() {
        List<String> out = List.copyOf(notices);
        notices.clear();
        return out;
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
        return paths.dataDir().resolve("sessions.db").toString();
    }

    @Override
    public String config() {
        return paths.configDir().resolve("config.toml").toString();
    }
}
