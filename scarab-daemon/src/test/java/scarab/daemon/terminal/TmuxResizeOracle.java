package scarab.daemon.terminal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real tmux 3.3a pane driven through a sequence of steps: output fed to it (through {@code cat}
 * and a pty, as {@link TmuxOracle} does) and resizes of its window ({@code resize-window}). Each
 * output step waits on a {@code wait-for} channel before it prints and signals another once tmux
 * has parsed every byte of it (a DSR 5 reply read back), so the steps happen in order, without
 * sleeps. A private server ({@code tmux -L}), killed on close.
 */
final class TmuxResizeOracle implements AutoCloseable {
    /** A step: output bytes (as the program writes them), or a resize to cols x rows. */
    record Step(byte[] bytes, int cols, int rows) {
        static Step output(byte[] b) {
            return new Step(b, 0, 0);
        }

        static Step resize(int cols, int rows) {
            return new Step(null, cols, rows);
        }

        boolean isOutput() {
            return bytes != null;
        }

        @Override
        public String toString() {
            return isOutput() ? "output(" + bytes.length + " bytes)" : "resize(" + cols + "x" + rows + ")";
        }
    }

    /** What tmux shows at the end: capture-pane -S - (plain and with -e), the cursor, the pane's size. */
    record Result(List<String> all, List<String> allEscapes, int cursorX, int cursorY, String size) {}

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final String socket;
    private final Path dir;
    private final Path conf;
    private int seq;

    TmuxResizeOracle() throws IOException {
        socket = "scarab-reflow-test-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        dir = Files.createTempDirectory("tmux-reflow");
        conf = dir.resolve("tmux.conf");
        Files.writeString(conf, "set -s exit-empty off\nset -g status off\nset -g history-limit " + TmuxOracle.HISTORY_LIMIT + "\n"
                + "set -g remain-on-exit off\nset -g default-terminal screen\n");
    }

    Result run(int cols, int rows, List<Step> steps) throws Exception {
        String name = "r" + (seq++);
        StringBuilder script = new StringBuilder("stty -echo -icanon min 1; ");
        int outputs = 0;
        for (Step s : steps) {
            if (!s.isOutput()) continue;
            Path file = dir.resolve(name + "-" + outputs + ".bytes");
            Files.write(file, s.bytes());
            script.append("tmux -L ").append(socket).append(" wait-for ").append(channel(name, "go", outputs))
                    .append("; cat '").append(file).append("'; printf '\\033[5n'; dd bs=4 count=1 >/dev/null 2>&1; ")
                    .append("tmux -L ").append(socket).append(" wait-for -S ").append(channel(name, "done", outputs))
                    .append("; ");
            outputs++;
        }
        script.append("exec sleep 100000");
        tmux("-f", conf.toString(), "new-session", "-d", "-s", name, "-x", Integer.toString(cols), "-y",
                Integer.toString(rows), "sh", "-c", script.toString());
        int n = 0;
        for (Step s : steps) {
            if (s.isOutput()) {
                tmux("wait-for", "-S", channel(name, "go", n));
                tmux("wait-for", channel(name, "done", n));
                n++;
            } else {
                tmux("resize-window", "-t", name, "-x", Integer.toString(s.cols()), "-y", Integer.toString(s.rows()));
            }
        }
        List<String> all = TmuxOracle.lines(tmux("capture-pane", "-p", "-S", "-", "-t", name));
        List<String> esc = TmuxOracle.lines(tmux("capture-pane", "-p", "-e", "-S", "-", "-t", name));
        String[] cur = tmux("display", "-p", "-t", name, "#{cursor_x} #{cursor_y}").trim().split(" ");
        String size = tmux("display", "-p", "-t", name, "#{pane_width}x#{pane_height}").trim();
        tmux("kill-session", "-t", name);
        return new Result(all, esc, Integer.parseInt(cur[0]), Integer.parseInt(cur[1]), size);
    }

    private String channel(String name, String what, int i) {
        return socket + "-" + name + "-" + what + "-" + i;
    }

    private String tmux(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-u", "-L", socket));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.remove("TMUX");
        env.put("LC_ALL", "C.UTF-8");
        env.put("LANG", "C.UTF-8");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        p.getInputStream().transferTo(bo);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("tmux timed out: " + cmd);
        }
        String out = bo.toString(StandardCharsets.UTF_8);
        if (p.exitValue() != 0) throw new IOException("tmux failed (" + p.exitValue() + "): " + cmd + ": " + out);
        return out;
    }

    @Override
    public void close() {
        String socketPath = null;
        try {
            if (seq > 0) {
                socketPath = tmux("start-server", ";", "display", "-p", "#{socket_path}").trim();
                tmux("kill-server");
            }
        } catch (Exception ignored) {
            // the server may be gone already
        }
        if (socketPath != null && socketPath.endsWith(socket)) new java.io.File(socketPath).delete();
        try (var s = Files.list(dir)) {
            s.forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
        dir.toFile().delete();
    }
}
