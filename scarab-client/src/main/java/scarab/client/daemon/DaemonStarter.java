package scarab.client.daemon;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import scarab.client.ClientContext;
import scarab.client.ClientError;
import scarab.protocol.DatabaseHolder;
import scarab.protocol.ScarabPaths;

/**
 * Finds the daemon, starting one when none answers (as tmux does). The daemon runs from the same
 * jars as this client, in its own session ({@code setsid}) so that closing the terminal or
 * pressing Ctrl-C here never reaches it; its early output goes to a file in the state directory.
 */
public final class DaemonStarter {
    /** The daemon's "another daemon holds the lock" exit status: someone else won the race. */
    private static final int ALREADY_RUNNING = 75;
    /** The daemon's "another daemon holds the database" exit status; the lock file says which. */
    private static final int DATABASE_IN_USE = 4;
    /**
     * How long a started daemon may take to answer. A healthy one listens within a second; the
     * bound is generous because a machine busy with other work can slow a JVM's start many times.
     */
    private static final long START_TIMEOUT_MILLIS = 60_000;
    private static final int START_ATTEMPTS = 3;
    /**
     * How often to look for the socket while the daemon starts: the first command after a boot
     * waits for it, and a failed connect to a missing socket costs microseconds.
     */
    private static final long MAX_POLL_MILLIS = 10;

    private final ClientContext ctx;
    private final Path socket;
    private final boolean explicitSocket;
    private final DaemonClasses classes;
    /** A daemon on another machine, reached over ssh; null: this machine's. */
    private scarab.client.remote.Remote remote;

    /** @param explicitSocket the socket came from {@code -S}: the daemon must be told, it cannot derive it */
    public DaemonStarter(ClientContext ctx, Path socket, boolean explicitSocket) {
        this(ctx, socket, explicitSocket, DaemonClasses.fromSystem());
    }

    /** @param classes the daemon's class path and class-data archive (the launcher's, by default) */
    public DaemonStarter(ClientContext ctx, Path socket, boolean explicitSocket, DaemonClasses classes) {
        this.ctx = ctx;
        this.socket = socket;
        this.explicitSocket = explicitSocket;
        this.classes = classes;
    }

    public Path socket() {
        return socket;
    }

    /** Connects to the daemon on {@code remote}'s host instead ({@code -H HOST}); null: this machine's. */
    public DaemonStarter remote(scarab.client.remote.Remote remote) {
        this.remote = remote;
        return this;
    }

    public scarab.client.remote.Remote remote() {
        return remote;
    }

    /** {@code --ssh}, kept for a host named later ({@code attach HOST:TARGET}); null when not given. */
    private String sshOption;

    public DaemonStarter ssh(String option) {
        this.sshOption = option;
        return this;
    }

    public String ssh() {
        return sshOption;
    }

    /** Connects, starting a daemon first unless {@code noStart}. */
    public DaemonConnection connect(boolean noStart) {
        if (remote != null) {
            try {
                return DaemonConnection.over(scarab.client.remote.SshTransport.open(remote, noStart),
                        requestTimeoutMillis());
            } catch (IOException e) {
                throw new ClientError("cannot talk to " + remote.host() + ": " + e.getMessage(), 1, "remote");
            }
        }
        SharedConnection sequence = SharedConnection.current(socket);
        if (sequence != null) {
            return sequence.connection(() -> connectAnew(noStart));
        }
        return connectAnew(noStart);
    }

    private DaemonConnection connectAnew(boolean noStart) {
        checkDirectory();
        try {
            return DaemonConnection.openPipelined(socket, requestTimeoutMillis());
        } catch (NotRunningException e) {
            if (noStart) {
                throw new ClientError("no daemon is running on " + socket + "; start one with: scarab daemon start");
            }
        } catch (IOException e) {
            throw new ClientError("cannot connect to the daemon on " + socket + ": " + e.getMessage());
        }
        start();
        try {
            return DaemonConnection.openPipelined(socket, requestTimeoutMillis());
        } catch (IOException e) {
            throw new ClientError("started a daemon but cannot connect to it on " + socket + ": " + e.getMessage());
        }
    }

    /**
     * Connects to a running daemon and reads its welcome, starting none.
     *
     * @throws NotRunningException when nothing listens on the socket
     */
    public DaemonConnection open() throws IOException {
        checkDirectory();
        return DaemonConnection.open(socket, requestTimeoutMillis());
    }

    /**
     * A connection to the running daemon, for a command that acts on it and must not start one
     * (daemon stop, daemon upgrade); null, once it has said so on stderr, when none runs.
     */
    public DaemonConnection openRunning(ClientContext ctx) {
        try {
            return open();
        } catch (IOException e) {
            ctx.err().println("scarab: no daemon is running on " + socket);
            return null;
        }
    }

    /** Is a daemon answering on the socket? A socket we must not trust is an error, not a "no". */
    public boolean running() {
        checkDirectory();
        try (DaemonConnection c = DaemonConnection.open(socket, requestTimeoutMillis())) {
            return true;
        } catch (ClientError e) {
            if (DaemonTrust.UNTRUSTED.equals(e.code())) {
                throw e;
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** SCARAB_REQUEST_TIMEOUT (seconds, 0: none) or the default limit on waiting for an answer. */
    private long requestTimeoutMillis() {
        String value = ctx.env().get("SCARAB_REQUEST_TIMEOUT");
        if (value == null || value.isBlank()) {
            return DaemonConnection.DEFAULT_TIMEOUT_MILLIS;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds >= 0 && seconds <= Long.MAX_VALUE / 1000) {
                return seconds * 1000;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new ClientError("SCARAB_REQUEST_TIMEOUT=\"" + value + "\" is not a number of seconds (0: no limit)", 2,
                "bad-config");
    }

    /** The default socket directory must be ours and private (see {@link DaemonTrust}); a -S one is the user's choice. */
    private void checkDirectory() {
        if (ctx.paths().inDefaultDirectory(socket)) {
            DaemonTrust.checkDirectory(socket.getParent());
        }
    }

    /** {@code scarab daemon start}: starts a daemon unless one answers, and says which; the exit status. */
    public int startUnlessRunning() {
        if (running()) {
            ctx.out().println("a daemon is already running on " + socket);
            return 0;
        }
        start();
        ctx.out().println("daemon started on " + socket);
        return 0;
    }

    /** Starts a daemon and waits until it answers; returns quietly if one is already running. */
    public void start() {
        checkDirectory(); // never start a daemon into a directory another user controls
        if (!ctx.paths().inDefaultDirectory(socket) && !Files.isDirectory(socket.getParent())) {
            throw new ClientError(ScarabPaths.missingSocketDirectory(socket));
        }
        Path stateDir = ctx.paths().stateDir();
        Path console = stateDir.resolve("daemon.out");
        // A daemon that lost the race for the socket's lock to one that is stopping (or failing)
        // leaves nobody to answer: once that holder is gone, start again.
        boolean archiveFailed = false;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            long consoleStart = consoleSize(console);
            boolean archived = ownJvmOptions() && !archiveFailed && classes.usesArchive();
            // Decided before the start, begun after it: a recording would compete with it for the CPU.
            boolean record = ownJvmOptions() && classes.wantsRecording();
            Process daemon = spawn(stateDir, console, archived);
            try {
                if (awaitStart(daemon, stateDir, console, consoleStart)) {
                    if (record || archiveFailed) {
                        DaemonArchiveRecorder.startInBackground(classes, ctx.env());
                    }
                    return;
                }
            } catch (ClientError e) {
                if (!archived || daemon.isAlive() || daemon.exitValue() <= 128) {
                    throw e;
                }
                // Killed by a signal while its archive was mapped (a truncated archive is a
                // SIGBUS): the archive is damaged; start without it, and record it again.
                classes.discard();
                archiveFailed = true;
                attempt--;
            }
        }
        throw new ClientError("no daemon answers on " + socket + " after " + START_ATTEMPTS
                + " starts: each found another daemon holding it, which then went away; see "
                + stateDir.resolve("daemon.log"));
    }

    /** How much of the daemon's console output earlier starts left: this start's words follow it. */
    private static long consoleSize(Path console) {
        try {
            return Files.exists(console) ? Files.size(console) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private Process spawn(Path stateDir, Path console, boolean archived) {
        try {
            Files.createDirectories(stateDir);
            ProcessBuilder pb = new ProcessBuilder(command(archived));
            pb.environment().clear();
            pb.environment().putAll(ctx.env());
            pb.directory(ctx.paths().home().toFile().isDirectory() ? ctx.paths().home().toFile() : new File("/"));
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()));
            pb.redirectErrorStream(true);
            return pb.start();
        } catch (IOException e) {
            throw new ClientError("cannot start the daemon: " + e.getMessage());
        }
    }

    /**
     * Waits until a daemon answers (true), or until the daemon we started found the socket's lock
     * held and its holder has since exited without answering (false: start again).
     */
    private boolean awaitStart(Process process, Path stateDir, Path console, long consoleStart) {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        long pause = 5;
        long holder = -1;
        while (System.currentTimeMillis() < deadline) {
            if (running()) {
                return true;
            }
            if (!process.isAlive() && process.exitValue() == DATABASE_IN_USE) {
                throw new ClientError(DatabaseHolder.refusal(ctx.paths().database(),
                        DatabaseHolder.read(ctx.paths().databaseLock())));
            }
            if (!process.isAlive() && process.exitValue() == ALREADY_RUNNING) {
                holder = lockHolder();
                if (holder <= 0 || ProcessHandle.of(holder).map(h -> !h.isAlive()).orElse(true)) {
                    return running();
                }
                // The holder is starting, or stopping (its socket already gone): wait for either.
            }
            if (!process.isAlive() && process.exitValue() != ALREADY_RUNNING && process.exitValue() != 0) {
                throw new ClientError("the daemon failed to start: " + whatItSaid(console, consoleStart)
                        + " (status " + process.exitValue() + "; its output is in " + console + ")");
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClientError("interrupted while starting the daemon");
            }
            pause = Math.min(pause * 2, MAX_POLL_MILLIS);
        }
        if (holder > 0) {
            throw new ClientError("the daemon on " + socket + " (pid " + holder + ") neither answers nor exits after "
                    + START_TIMEOUT_MILLIS / 1000 + " s; see " + stateDir.resolve("daemon.log") + ", or end it with: kill " + holder);
        }
        throw new ClientError("the daemon did not answer on " + socket + " within " + START_TIMEOUT_MILLIS / 1000
                + " s; see " + console + " and " + stateDir.resolve("daemon.log"));
    }

    /**
     * The daemon's last words in this attempt: the lines it wrote to {@code console} after
     * {@code from} (the file keeps the output of every start, oldest first), the error last.
     */
    private static String whatItSaid(Path console, long from) {
        String said;
        try (var in = Files.newInputStream(console)) {
            in.skipNBytes(from);
            said = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(its output cannot be read: " + e.getMessage() + ")";
        }
        List<String> lines = said.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            return "it said nothing";
        }
        // A Java stack trace starts with its message line; anything else, the last line is the error.
        String last = lines.get(lines.size() - 1);
        for (String l : lines) {
            if (l.startsWith("scarab daemon:") || l.startsWith("Exception") || l.startsWith("Error")) {
                last = l;
            }
        }
        return last.startsWith("scarab daemon: ") ? last.substring("scarab daemon: ".length()) : last;
    }

    /** The pid in the socket's lock file: the daemon that holds the socket, or -1. */
    private long lockHolder() {
        try {
            String text = Files.readString(socket.resolveSibling(socket.getFileName() + ".lock")).trim();
            return Long.parseLong(text.lines().findFirst().orElse("-1"));
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** @param archived map the class-data archive (a fresh one, which has not failed) */
    private List<String> command(boolean archived) {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            cmd.add("/usr/bin/setsid");
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (!ownJvmOptions()) {
            cmd.addAll(List.of(ctx.env().get("SCARAB_DAEMON_JAVA_OPTS").trim().split("\\s+")));
        } else {
            cmd.addAll(DAEMON_JVM_OPTIONS);
            cmd.add("-Xmx" + heap());
            cmd.addAll(classes.jvmOptions(archived));
        }
        cmd.add("-cp");
        // The launcher gives the client only the jars it needs (fewer to search at start-up) and
        // names the daemon's full class path (scarab.daemon.class.path).
        cmd.add(classes.classPath());
        cmd.add("scarab.daemon.Daemon");
        if (explicitSocket) {
            cmd.add("-S");
            cmd.add(socket.toString());
        }
        return cmd;
    }

    /**
     * After an in-place upgrade: records the daemon's class-data archive in the background if it
     * is stale (a new release's jars), so that the next upgrade or start maps it. The upgraded
     * program itself ran without it: recording first would make the upgrade wait seconds for it.
     */
    public void recordArchiveIfStale() {
        if (remote == null && ownJvmOptions() && classes.wantsRecording()) {
            DaemonArchiveRecorder.startInBackground(classes, ctx.env());
        }
    }

    /** Are the daemon's JVM options ours (with the archive), not the user's SCARAB_DAEMON_JAVA_OPTS? */
    private boolean ownJvmOptions() {
        String opts = ctx.env().get("SCARAB_DAEMON_JAVA_OPTS");
        return opts == null || opts.isBlank();
    }

    /**
     * A long-lived server with many idle sessions and a small live heap (about 10 KB per idle
     * session): the serial collector, a heap that starts small and gives memory back after a
     * collection (else the young generation alone would keep a hundred MB of touched pages), and
     * modest thread stacks. The young generation is fixed at 32 MB with large survivor spaces (8 MB
     * each): a busy pane's history lines live for its 10,000 lines and then die, and with history on
     * disk a flood's lines also wait in memory until they are stored (up to twice that); with
     * smaller survivors they are promoted and fill the old generation with garbage (with 16 MB, a
     * 50 MB flood cost 12 full collections and 2.7 s of pauses with history-disk on, against 3 and
     * 0.6 s without it; 32 MB halved the pauses, and bench/attach.py's one-pane flood went from
     * 1.48-1.66x tmux's to 1.74-2.04x attached, 1.65-1.91x to 2.22-2.52x detached, in the same
     * session). The heap starts at 40 MB so that the young generation is whole from the start.
     * Parallel and G1 were measured too (bench/capture-stall.py): longer pauses and a worse echo p99
     * for the other sessions. The same flags are in the launcher's --foreground branch.
     */
    static final List<String> DAEMON_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms40m", "-Xmn32m",
            "-XX:SurvivorRatio=2", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-Xss512k", "-Xshare:auto",
            "-XX:+ExitOnOutOfMemoryError");

    /**
     * The daemon's largest heap. The JVM's default, a quarter of the machine's memory, lets a few
     * runaway sessions take gigabytes before anything gives; a fixed bound turns that into an
     * out-of-memory exit (ExitOnOutOfMemoryError), after which the next client or systemd starts a
     * daemon that restores every session. 1 GiB holds a thousand idle sessions (about 10-30 KB
     * each) many times over, or some sixty sessions with full 16 MB histories; the rest of the
     * machine stays for the programs in them. {@code SCARAB_DAEMON_HEAP} (e.g. 2g) changes it, here
     * and in the launcher's --foreground branch (systemd).
     */
    static final String DEFAULT_HEAP = "1g";

    private String heap() {
        String heap = ctx.env().get("SCARAB_DAEMON_HEAP");
        if (heap == null || heap.isBlank()) {
            return DEFAULT_HEAP;
        }
        if (!heap.strip().matches("[0-9]+[kKmMgG]?")) {
            throw new ClientError("SCARAB_DAEMON_HEAP=\"" + heap + "\" is not a heap size; use a number with k, m or g,"
                    + " like 512m or 2g", 2, "bad-config");
        }
        return heap.strip();
    }

}
