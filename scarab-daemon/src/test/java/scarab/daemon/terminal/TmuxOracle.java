package scarab.daemon.terminal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
 * Differential oracle: feeds bytes to a real tmux 3.3a pane (via {@code cat} through a pty, so "\n" becomes "\r\n")
 * and returns {@code tmux capture-pane -p} output.
 *
 * <p>Synchronisation without sleeps: after {@code cat} the pane sends a DSR 5 query and waits (with {@code dd}) for
 * tmux's reply, which tmux only sends after parsing every byte before it; the pane then signals a {@code tmux wait-for}
 * channel that the harness blocks on. Uses a private server socket ({@code tmux -L name}) that is killed on close;
 * the default tmux server is never touched.
 */
public final class TmuxOracle implements AutoCloseable {
    /** Result of one case. */
    public record Result(List<String> visible, List<String> all, List<String> visibleEscapes, List<String> joined,
                         int cursorX, int cursorY, String title, String size) {}

    /** One input: bytes as the program writes them, terminal size. */
    public record Case(String name, byte[] bytes, int cols, int rows) {}

    public static final int HISTORY_LIMIT = 10000;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String socket;
    private final Path dir;
    private final Path conf;
    private int seq;

    public TmuxOracle() throws IOException {
        this.socket = "scarab-emu-test-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        this.dir = Files.createTempDirectory("tmux-oracle");
        this.conf = dir.resolve("tmux.conf");
        Files.writeString(conf, "set -g status off\nset -g history-limit " + HISTORY_LIMIT + "\n"
                + "set -g remain-on-exit off\nset -g default-terminal screen\n");
    }

    /** True if a usable tmux binary exists. */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && out.startsWith("tmux");
        } catch (Exception e) {
            return false;
        }
    }

    /** Convenience: one case, visible screen or (withHistory) everything from the start of history. */
    public List<String> capture(byte[] bytes, int cols, int rows, boolean withHistory) throws Exception {
        Result r = run(List.of(new Case("case", bytes, cols, rows))).get(0);
        return withHistory ? r.all() : r.visible();
    }

    /** Runs many cases, several panes at a time. */
    public List<Result> run(List<Case> cases) throws Exception {
        List<Result> results = new ArrayList<>(Arrays.asList(new Result[cases.size()]));
        int window = 8;
        List<int[]> started = new ArrayList<>();
        String[] names = new String[cases.size()];
        int next = 0, done = 0;
        while (done < cases.size()) {
            while (next < cases.size() && next - done < window) {
                names[next] = start(cases.get(next));
                next++;
            }
            Case c = cases.get(done);
            results.set(done, finish(names[done], c));
            done++;
        }
        return results;
    }

    private String start(Case c) throws Exception {
        String name = "c" + (seq++);
        Path file = dir.resolve(name + ".bytes");
        Files.write(file, c.bytes());
        String token = socket + "-" + name;
        String cmd = "stty -echo -icanon min 1; printf '\\033]2;\\033\\\\'; cat '" + file + "'; printf '\\033[5n'; "
                + "dd bs=4 count=1 >/dev/null 2>&1; tmux -L " + socket + " wait-for -S " + token
                + "; exec sleep 100000";
        tmux(true, "-f", conf.toString(), "new-session", "-d", "-s", name, "-x", Integer.toString(c.cols()),
                "-y", Integer.toString(c.rows()), "sh", "-c", cmd);
        return name;
    }

    private Result finish(String name, Case c) throws Exception {
        String token = socket + "-" + name;
        tmux(true, "wait-for", token);
        String size = tmux(true, "display", "-p", "-t", name, "#{pane_width}x#{pane_height}").trim();
        List<String> vis = lines(tmux(true, "capture-pane", "-p", "-t", name));
        List<String> all = lines(tmux(true, "capture-pane", "-p", "-S", "-", "-t", name));
        List<String> esc = lines(tmux(true, "capture-pane", "-p", "-e", "-S", "-", "-t", name));
        List<String> joined = lines(tmux(true, "capture-pane", "-p", "-J", "-S", "-", "-t", name));
        String[] cur = tmux(true, "display", "-p", "-t", name, "#{cursor_x} #{cursor_y}").trim().split(" ");
        String title = tmux(true, "display", "-p", "-t", name, "#{pane_title}");
        if (title.endsWith("\n")) title = title.substring(0, title.length() - 1);
        tmux(false, "kill-session", "-t", name);
        return new Result(vis, all, esc, joined, Integer.parseInt(cur[0]), Integer.parseInt(cur[1]), title, size);
    }

    /** Splits capture-pane -p output the way Screen.capture returns it. */
    static List<String> lines(String out) {
        if (out.endsWith("\n")) out = out.substring(0, out.length() - 1);
        List<String> r = new ArrayList<>();
        int from = 0;
        while (true) {
            int nl = out.indexOf('\n', from);
            if (nl < 0) {
                r.add(out.substring(from));
                return r;
            }
            r.add(out.substring(from, nl));
            from = nl + 1;
        }
    }

    private String tmux(boolean check, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add("tmux");
        cmd.add("-u");
        cmd.add("-L");
        cmd.add(socket);
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.remove("TMUX");
        env.put("LC_ALL", "C.UTF-8");
        env.put("LANG", "C.UTF-8");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = readAll(p.getInputStream());
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("tmux timed out: " + cmd);
        }
        if (check && p.exitValue() != 0) {
            throw new IOException("tmux failed (" + p.exitValue() + "): " + cmd + ": "
                    + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        in.transferTo(bo);
        return bo.toByteArray();
    }

    /** What the tty does to cat's output with ONLCR: "\n" -> "\r\n". */
    public static byte[] onlcr(byte[] b) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(b.length + b.length / 16);
        for (byte x : b) {
            if (x == '\n') o.write('\r');
            o.write(x);
        }
        return o.toByteArray();
    }

    @Override
    public void close() {
        String socketPath = null;
        try {
            if (seq > 0) socketPath = tmux(false, "start-server", ";", "display", "-p", "#{socket_path}").trim();
        } catch (Exception ignored) {
            // no server
        }
        try {
            tmux(false, "kill-server");
        } catch (Exception ignored) {
            // server may already be gone
        }
        try (var s = Files.list(dir)) {
            s.forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
        dir.toFile().delete();
        if (socketPath != null && socketPath.endsWith(socket)) new java.io.File(socketPath).delete();
    }
}
