package scarab.client.daemon;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import scarab.client.ClientContext;
import scarab.client.ClientError;
import scarab.client.cli.Cli;

/**
 * Records the daemon's class-data archive ({@link DaemonClasses}): a training run starts a real
 * daemon with {@code -XX:ArchiveClassesAtExit} in a private world (its own socket, database,
 * state and config under a temporary directory, so the user's sessions are never touched), drives
 * it through the requests of a first use (new, an in-place upgrade, new, ls, send-keys, capture,
 * kill) and stops it, so that its JVM writes every class it loaded as it exits. The archive is written under a temporary name
 * beside the real one and renamed over it, so a daemon never maps a half-written file.
 *
 * <p>A marker ({@code scarab-daemon.jsa.recording}, created atomically, holding the recorder's
 * pid) keeps two clients from recording at once; one whose recorder died is taken over.
 */
public final class DaemonArchiveRecorder {
    private DaemonArchiveRecorder() {}

    /**
     * Starts {@code scarab __train-daemon} in a session of its own, output discarded, unless the
     * archive's directory is not writable or a recorder is already at work. Never waits for it.
     */
    static void startInBackground(DaemonClasses classes, Map<String, String> env) {
        Path archive = classes.archive();
        Path dir = archive.toAbsolutePath().getParent();
        if (dir == null || !Files.isWritable(dir) || recorderAlive(marker(archive))) {
            return;
        }
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            cmd.add("/usr/bin/setsid");
        }
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xss512k",
                "-D" + DaemonClasses.ARCHIVE_PROPERTY + "=" + archive,
                "-Dscarab.daemon.class.path=" + classes.classPath(),
                "-cp", System.getProperty("java.class.path"), "scarab.client.Main", "__train-daemon"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.directory(new File("/"));
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            pb.start();
        } catch (IOException e) {
            // no archive this time: the daemon started all the same
        }
    }

    /**
     * The training run ({@code scarab __train-daemon}): records {@code classes}' archive and
     * installs it. Returns quietly when another recorder holds the marker.
     *
     * @throws ClientError when no archive could be recorded (nothing is installed then)
     */
    public static void record(DaemonClasses classes) throws IOException {
        Path archive = classes.archive();
        if (archive == null) {
            throw new ClientError("no daemon archive is named (scarab.daemon.archive): run this through the scarab launcher");
        }
        Path marker = marker(archive);
        if (!claim(marker)) {
            return;
        }
        Path recorded = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid());
        Path world = Files.createTempDirectory("scarab-daemon-train-");
        try {
            Files.deleteIfExists(recorded);
            train(DaemonClasses.recording(classes.classPath(), recorded), world);
            if (!Files.isRegularFile(recorded) || Files.size(recorded) == 0) {
                throw new ClientError("the training daemon wrote no archive (see " + world.resolve("state/scarab/daemon.out") + ")");
            }
            if (!mapsCleanly(recorded, classes.classPath())) {
                throw new ClientError("the recorded archive kills the JVM that maps it: not installed");
            }
            Files.move(recorded, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(recorded);
            deleteTree(world);
            Files.deleteIfExists(marker);
        }
    }

    /** Starts the training daemon in {@code world}, runs a first use's requests through it, and stops it. */
    private static void train(DaemonClasses recording, Path world) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", world.toString());
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("SHELL", "/bin/sh");
        env.put("LANG", "C.UTF-8");
        env.put("XDG_RUNTIME_DIR", world.resolve("run").toString());
        env.put("XDG_DATA_HOME", world.resolve("data").toString());
        env.put("XDG_STATE_HOME", world.resolve("state").toString());
        env.put("XDG_CONFIG_HOME", world.resolve("config").toString());
        Files.createDirectories(world.resolve("run"));
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        ClientContext ctx = new ClientContext(env, world, nowhere, nowhere, false);
        DaemonStarter starter = new DaemonStarter(ctx, ctx.paths().defaultSocket(), false, recording);
        starter.start();
        try {
            run(ctx, "new", "-d", "-c", "printf 'train\\n\\033[1mbold\\033[0m \\303\\251t\\303\\251\\n'; sleep 100", "train");
            run(ctx, "new", "-d", "--size", "100x30", "-c", "sh", "other");
            // The program an upgrade execs is the one that writes the archive (a JVM that execs
            // never exits), so it also holds what the adoption of running sessions loads; the
            // requests after it load the rest in that program.
            run(ctx, "daemon", "upgrade");
            run(ctx, "new", "-d", "-c", "printf 'third\\n'; sleep 100", "third");
            run(ctx, "ls");
            run(ctx, "ls", "--json");
            run(ctx, "send-keys", "other", "echo hi", "Enter");
            run(ctx, "capture", "train");
            run(ctx, "capture", "-e", "-S", "-", "train");
            run(ctx, "rename", "other", "renamed");
            run(ctx, "kill", "renamed");
            run(ctx, "daemon", "status");
        } finally {
            if (run(ctx, "daemon", "stop") != 0) {
                throw new ClientError("the training daemon did not stop: no archive");
            }
        }
    }

    /**
     * Does a JVM given this archive start and end well? It maps and checks the archive as the
     * daemon's would; a short one (a full disk) would kill the daemon's JVM instead.
     */
    private static boolean mapsCleanly(Path recorded, String classPath) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto"));
        cmd.addAll(DaemonClasses.useOptions(recorded));
        cmd.addAll(List.of("-cp", classPath, "-version"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            return p.waitFor() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return false;
        }
    }

    /** One request through the real command line; a refusal is not fatal (the classes were still loaded). */
    private static int run(ClientContext ctx, String... args) {
        return Cli.run(ctx, args);
    }

    static Path marker(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".recording");
    }

    /** Creates the marker with our pid; false if a live recorder holds it (a dead one's is taken over). */
    private static boolean claim(Path marker) throws IOException {
        byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Files.write(marker, pid, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return true;
            } catch (FileAlreadyExistsException e) {
                if (recorderAlive(marker)) {
                    return false;
                }
                Files.deleteIfExists(marker);
            }
        }
        return false;
    }

    private static boolean recorderAlive(Path marker) {
        try {
            long pid = Long.parseLong(Files.readString(marker).strip());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
