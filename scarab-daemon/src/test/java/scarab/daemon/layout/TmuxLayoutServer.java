package scarab.daemon.layout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A private tmux 3.3a server for the layout oracle ({@code tmux -L layouttest-...}), killed on
 * close; no other server is touched. Panes run {@code sleep}, nothing is drawn: no client ever
 * attaches, so a window is exactly the size it is given and has no status line in it.
 */
final class TmuxLayoutServer implements AutoCloseable {
    /** The output of one tmux invocation. */
    record Reply(int exit, List<String> out, String err) {
    }

    private final String socket;

    TmuxLayoutServer(String socket) throws IOException, InterruptedException {
        this.socket = socket;
        Reply r = run("-f", "/dev/null", "new-session", "-d", "-s", "boot", "-x", "10", "-y", "10", "sleep 1000000");
        if (r.exit() != 0) {
            throw new IOException("tmux did not start: " + r.err());
        }
    }

    static String version() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    /** One tmux client run: {@code args} may hold several commands separated by ";". */
    Reply run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        // A small, plain environment: without TERM the server exits as soon as it has started,
        // TMUX would point elsewhere, and tmux 3.3a's server was seen to die spawning a pane
        // with the whole environment of a Maven run.
        java.util.Map<String, String> env = pb.environment();
        String path = env.getOrDefault("PATH", "/usr/bin:/bin");
        env.clear();
        env.put("PATH", path);
        env.put("HOME", System.getProperty("user.home"));
        env.put("TERM", "screen");
        env.put("SHELL", "/bin/sh");
        env.put("LANG", "C.UTF-8");
        // stdin from /dev/null as in a shell: with a closed pipe there the server was seen to die.
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("tmux did not answer: " + cmd);
        }
        List<String> lines = out.isEmpty() ? List.of() : List.of(out.split("\n"));
        return new Reply(p.exitValue(), lines, new String(err.join(), StandardCharsets.UTF_8).trim());
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("kill-server");
        scarab.daemon.TmuxSocketFile.delete(socket);
    }
}
