package scarab.client.daemon;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import scarab.client.ClientContext;
import scarab.client.ClientError;

/**
 * Finds the daemon, starting one when none answers (as tmux does). The daemon runs from the same
 * jars as this client, in its own session ({@code setsid}) so that closing the terminal or
 * pressing Ctrl-C here never reaches it; its early output goes to a file in the state directory.
 */
public final class DaemonStarter {
    /** The daemon's "another daemon holds the lock" exit status: someone else won the race. */
    private static final int ALREADY_RUNNING = 75;
    private static final long START_TIMEOUT_MILLIS = 20_000;

    private final ClientContext ctx;
    private final Path socket;
    private final boolean explicitSocket;

    /** @param explicitSocket the socket came from {@code -S}: the daemon must be told, it cannot derive it */
    public DaemonStarter(ClientContext ctx, Path socket, boolean explicitSocket) {
        this.ctx = ctx;
        this.socket = socket;
        this.explicitSocket = explicitSocket;
    }

    /** Connects, starting a daemon first unless {@code noStart}. */
    public DaemonConnection connect(boolean noStart) {
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

    /** Is a daemon answering on the socket? */
    public boolean running() {
        try (DaemonConnection c = DaemonConnection.open(socket, requestTimeoutMillis())) {
            return true;
        } catch (IOException | ClientError e) {
            return false;
        }
    }

    /** Starts a daemon and waits until it answers; returns quietly if one is already running. */
    public void start() {
        Path stateDir = ctx.paths().stateDir();
        Path console = stateDir.resolve("daemon.out");
        Process process;
        try {
            Files.createDirectories(stateDir);
            ProcessBuilder pb = new ProcessBuilder(command());
            pb.environment().clear();
            pb.environment().putAll(ctx.env());
            pb.directory(ctx.paths().home().toFile().isDirectory() ? ctx.paths().home().toFile() : new File("/"));
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()));
            pb.redirectErrorStream(true);
            process = pb.start();
        } catch (IOException e) {
            throw new ClientError("cannot start the daemon: " + e.getMessage());
        }
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        long pause = 5;
        while (System.currentTimeMillis() < deadline) {
            if (running()) {
                return;
            }
            if (!process.isAlive() && process.exitValue() != ALREADY_RUNNING && process.exitValue() != 0) {
                throw new ClientError("the daemon failed to start (status " + process.exitValue() + "); see "
                        + console + " and " + stateDir.resolve("daemon.log"));
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClientError("interrupted while starting the daemon");
            }
            pause = Math.min(pause * 2, 100);
        }
        throw new ClientError("the daemon did not answer on " + socket + " within " + START_TIMEOUT_MILLIS / 1000
                + " s; see " + stateDir.resolve("daemon.log"));
    }

    private List<String> command() {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            cmd.add("/usr/bin/setsid");
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String opts = ctx.env().get("SCARAB_DAEMON_JAVA_OPTS");
        if (opts != null && !opts.isBlank()) {
            cmd.addAll(List.of(opts.trim().split("\\s+")));
        } else {
            cmd.addAll(DAEMON_JVM_OPTIONS);
            cmd.add("-Xmx" + heap());
        }
        cmd.add("-cp");
        // The launcher gives the client only the jars it needs (fewer to search at start-up) and
        // names the daemon's full class path here.
        cmd.add(System.getProperty("scarab.daemon.class.path", System.getProperty("java.class.path")));
        cmd.add("scarab.daemon.Daemon");
        if (explicitSocket) {
            cmd.add("-S");
            cmd.add(socket.toString());
        }
        return cmd;
    }

    /**
     * A long-lived server with many idle sessions and a small live heap (about 10 KB per idle
     * session): the serial collector, a heap that starts small and gives memory back after a
     * collection (else the young generation alone would keep a hundred MB of touched pages), and
     * modest thread stacks. The young generation is fixed at 16 MB with large survivor spaces: a
     * busy session's scrollback lines live for its 10,000 lines and then die, and with the default
     * small survivors they were promoted early and filled the old generation with garbage: 50 MB
     * of output cost 36 full collections and 1.2 s of pauses; now 7 and 0.35 s (bench/attach.py
     * throughput about 20% higher). The same flags are in the launcher's --foreground branch.
     */
    static final List<String> DAEMON_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms24m", "-Xmn16m",
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
