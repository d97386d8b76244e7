package scarab.client.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import scarab.client.ClientContext;
import scarab.client.cli.Cli;
import scarab.client.fast.FastPath;

/**
 * A private Scarab world for one test: its own runtime, data, state and config directories, and
 * the real CLI run in-process against a real daemon process that the CLI auto-starts. {@link #close}
 * stops only the daemon this world started.
 */
public final class Scarab implements AutoCloseable {
    public final Path root;
    public final Map<String, String> env = new HashMap<>();

    public record Result(int status, String out, String err) {
        public String outTrimmed() {
            return out.strip();
        }
    }

    public Scarab() throws IOException {
        // Short path: Unix socket paths are limited to 108 bytes.
        root = Files.createTempDirectory(Path.of("/tmp"), "scarab-it-");
        Files.createDirectories(root.resolve("run"));
        env.put("HOME", root.toString());
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("SHELL", "/bin/sh");
        env.put("LANG", "C.UTF-8");
        env.put("XDG_RUNTIME_DIR", root.resolve("run").toString());
        env.put("XDG_DATA_HOME", root.resolve("data").toString());
        env.put("XDG_STATE_HOME", root.resolve("state").toString());
        env.put("XDG_CONFIG_HOME", root.resolve("config").toString());
    }

    /**
     * The client as a shell command line, for the tests that type it into a terminal. JLine copies
     * its native library into jline.tmpdir on every start: this test's directory, not /tmp.
     */
    /**
     * This daemon's environment as shell words ({@code K='v' ...}) for a client started by typing
     * in a tmux pane: TERM xterm-256color, keys relayed by the client unless {@code direct}, then
     * {@code extra}.
     */
    public String envLine(boolean direct, Map<String, String> extra) {
        Map<String, String> all = new java.util.TreeMap<>(env);
        all.put("TERM", "xterm-256color");
        if (!direct) {
            all.put("SCARAB_DIRECT", "0");
        }
        all.putAll(extra);
        return all.entrySet().stream().map(e -> e.getKey() + "='" + e.getValue() + "'")
                .collect(java.util.stream.Collectors.joining(" "));
    }

    /**
     * The directory whose files name the test faults the daemon fires (FaultInjection), given to
     * the daemon started from now on.
     */
    public Path faultDirectory() throws java.io.IOException {
        Path faults = Files.createDirectories(root.resolve("faults"));
        env.put("SCARAB_TEST_FAULTS", faults.toString());
        return faults;
    }

    public String clientCommand() {
        return "java -XX:TieredStopAtLevel=1 -Xshare:auto -Djline.tmpdir=" + root + " -cp "
                + System.getProperty("java.class.path") + " scarab.client.Main";
    }

    public Path socket() {
        return root.resolve("run/scarab/scarab.sock");
    }

    public Path database() {
        return root.resolve("data/scarab/sessions.db");
    }

    public Result run(String... args) {
        return run(Way.PICOCLI, false, Clock.systemUTC(), args);
    }

    /** Which way through the client a command takes: picocli's (every command) or the fast path's. */
    public enum Way {
        PICOCLI, FAST
    }

    /**
     * Runs a command one way or the other, as if on a terminal or not, at the given time. The fast
     * way must serve the command (else this fails), so tests know which code they exercised.
     */
    public Result run(Way way, boolean interactive, Clock clock, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        ClientContext ctx = new ClientContext(env, root, o, e, interactive, clock);
        int status = way == Way.PICOCLI ? Cli.run(ctx, args) : FastPath.run(ctx, args);
        if (status == FastPath.NOT_SERVED) {
            throw new AssertionError("the fast path did not serve scarab " + String.join(" ", args));
        }
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs a command that must succeed, returning its stdout. */
    /** {@code scarab ls --json}, by session name. */
    public Map<String, com.fasterxml.jackson.databind.JsonNode> sessionsByName() throws IOException {
        Map<String, com.fasterxml.jackson.databind.JsonNode> byName = new HashMap<>();
        for (com.fasterxml.jackson.databind.JsonNode s : scarab.protocol.Json.mapper().readTree(ok("ls", "--json"))) {
            byName.put(s.get("name").asText(), s);
        }
        return byName;
    }

    public String ok(String... args) {
        Result r = run(args);
        if (r.status() != 0) {
            throw new AssertionError("scarab " + String.join(" ", args) + " failed with " + r.status() + ": " + r.err());
        }
        return r.out();
    }

    /** The daemon's pid from its lock file, or -1. */
    public long daemonPid() {
        try {
            String text = Files.readString(root.resolve("run/scarab/scarab.sock.lock")).trim();
            return text.isEmpty() ? -1 : Long.parseLong(text);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    public static void waitFor(String what, Duration timeout, BooleanSupplier condition) {
        waitFor(() -> what, timeout, condition);
    }

    /** As {@link #waitFor(String, Duration, BooleanSupplier)}, the description computed at the failure. */
    public static void waitFor(java.util.function.Supplier<String> what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what.get());
            }
        }
    }

    @Override
    public void close() throws IOException {
        long pid = daemonPid();
        run("daemon", "stop");
        if (pid > 0) {
            ProcessHandle.of(pid).ifPresent(h -> {
                h.destroy();
                h.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).exceptionally(t -> {
                    h.destroyForcibly();
                    return h;
                }).join();
            });
        }
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
