package scarab.client.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A private tmux server (its own {@code -L} socket name, no user config) used as a person at a
 * terminal: {@link #type} with send-keys, {@link #screen} with capture-pane. {@link #close} kills
 * only this server.
 */
public final class Tmux implements AutoCloseable {
    private final String socketName;
    private final Path config;

    public Tmux(Path dir) throws IOException {
        socketName = "scarab-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        config = dir.resolve("tmux.conf");
        Files.writeString(config, "set -g status off\nset -g history-limit 10000\nset -g escape-time 0\n"
                + "set -g default-terminal xterm-256color\n");
    }

    /** This server's command line ({@code tmux -L NAME -f CONF}), to run a client of it in another terminal. */
    public String commandLine() {
        return "tmux -L " + socketName + " -f " + config;
    }

    /** Starts the server with one window running {@code command} (a shell command line). */
    public void start(int cols, int rows, String command) {
        tmux("new-session", "-d", "-x", String.valueOf(cols), "-y", String.valueOf(rows), "-s", "main", command);
    }

    public void newWindow(String name, String command) {
        tmux("new-window", "-d", "-n", name, command);
    }

    /** send-keys: tmux key names or text, to a target pane (null: the first window). */
    public void type(String target, String... keys) {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", target == null ? "main:0" : target));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    public String screen(String target) {
        return tmux("capture-pane", "-p", "-t", target == null ? "main:0" : target);
    }

    public String screenWithEscapes(String target) {
        return tmux("capture-pane", "-p", "-e", "-t", target == null ? "main:0" : target);
    }

    public void resize(String target, int cols, int rows) {
        tmux("resize-window", "-t", target == null ? "main:0" : target, "-x", String.valueOf(cols), "-y", String.valueOf(rows));
    }

    /** The pid of the process running in a pane (the command given to start/newWindow). */
    public long panePid(String target) {
        return Long.parseLong(tmux("display", "-p", "-t", target == null ? "main:0" : target, "#{pane_pid}").strip());
    }

    /** The terminal device of a pane ({@code /dev/pts/N}). */
    public String paneTty(String target) {
        return tmux("display", "-p", "-t", target == null ? "main:0" : target, "#{pane_tty}").strip();
    }

    /** {@code stty -F tty what}: the settings of a terminal, seen from outside. */
    public static String stty(String tty, String what) {
        try {
            Process p = new ProcessBuilder("stty", "-F", tty, what).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("stty -F " + tty + " " + what + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the pane's screen satisfies {@code condition}; the failure shows the last screen. */
    public String await(String target, String what, Duration timeout, Predicate<String> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = screen(target);
            if (condition.test(last)) {
                return last;
            }
            pause();
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                + "; the screen was:\n" + last);
    }

    public String awaitText(String target, String text) {
        return await(target, "\"" + text + "\" on screen", Duration.ofSeconds(20), s -> s.contains(text));
    }

    static void pause() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    public String tmux(String... args) {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socketName, "-f", config.toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("tmux " + String.join(" ", args) + " failed: " + new String(out, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot run tmux", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        try {
            new ProcessBuilder("tmux", "-L", socketName, "kill-server").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
            // tmux leaves its socket file behind (also when the server ended by itself); it is
            // ours to remove, and only ours: it has our name.
            Files.deleteIfExists(socketPath());
        } catch (IOException e) {
            // the server was never started
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Where tmux puts the socket of {@code -L NAME}: {@code ${TMUX_TMPDIR:-/tmp}/tmux-UID/NAME}. */
    private Path socketPath() throws IOException {
        String dir = System.getenv("TMUX_TMPDIR");
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        return Path.of(dir == null || dir.isEmpty() ? "/tmp" : dir, "tmux-" + uid, socketName);
    }
}
