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
    private static final int ALREADY_RUNNING = 3;
    private static final long START_TIMEOUT_MILLIS = 20_000;
    /**
     * How often to look for the socket while the daemon starts: the first command after a boot
     * waits for it, and a failed connect to a missing socket costs microseconds.
     */
    private static final long MAX_POLL_MILLIS = 10;

    private final ClientContext ctx;
    private final Path socket;
    private final boolean explicitSocket;

    /** @param explicitSocket the socket came from {@code -S}: the daemon must be told, it cannot derive it */
    public DaemonStarter(ClientContext ctx, Path socket, boolean explicitSocket) {
        this.ctx = ctx;
        this.socket = socket;
        this.explicitSocket = explicitSocket;
    }

    public Path socket() {
        return socket;
    }

    /** Connects, starting a daemon first unless {@code noStart}. */
    public DaemonConnection connect(boolean noStart) {
        try {
            return DaemonConnection.openPipelined(socket);
        } catch (NotRunningException e) {
            if (noStart) {
                throw new ClientError("no daemon is running on " + socket + "; start one with: scarab daemon start");
            }
        } catch (IOException e) {
            throw new ClientError("cannot connect to the daemon on " + socket + ": " + e.getMessage());
        }
        start();
        try {
            return DaemonConnection.openPipelined(socket);
        } catch (IOException e) {
            throw new ClientError("started a daemon but cannot connect to it on " + socket + ": " + e.getMessage());
        }
    }

    /** Is a daemon answering on the socket? */
    public boolean running() {
        try (DaemonConnection c = DaemonConnection.open(socket)) {
            return true;
        } catch (IOException | ClientError e) {
            return false;
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
            pause = Math.min(pause * 2, MAX_POLL_MILLIS);
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
            "-XX:SurvivorRatio=2", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-Xss512k", "-Xshare:auto");

}
