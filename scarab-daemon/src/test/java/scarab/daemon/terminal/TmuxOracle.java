package scarab.daemon.terminal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reference: replays bytes into a real tmux (a private server, {@code -L}, no user config),
 * exactly as the acceptance check does ({@code stty -echo; cat FILE; sleep}), and returns what
 * {@code capture-pane -p} shows. Also the same bytes through our {@link Screen}, with the tty's
 * ONLCR applied as the pty would.
 */
public final class TmuxOracle {
    private TmuxOracle() {}

    private static final String DONE = "scarab-oracle-done";

    public record Result(List<String> screen, List<String> history, int cursorX, int cursorY) {}

    public static Result tmux(byte[] bytes, int cols, int rows, Path dir) throws IOException, InterruptedException {
        Path file = Files.createTempFile(dir, "case", ".bytes");
        Files.write(file, bytes);
        Path conf = dir.resolve("oracle.conf");
        Files.writeString(conf, "set -g status off\nset -g history-limit 10000\n");
        String server = "scarab-oracle-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try {
            // tmux handles the pane's output in order, so once the title sentinel (which does not touch
            // the grid; CAN first ends any sequence the file left open) is seen, every byte is in.
            run(server, conf, "new-session", "-d", "-x", String.valueOf(cols), "-y", String.valueOf(rows),
                    "stty -echo; cat '" + file + "'; printf '\\030\\033]2;" + DONE + "\\033\\\\'; sleep 100000");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!run(server, conf, "display", "-p", "#{pane_title}").strip().equals(DONE)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("tmux did not finish replaying " + file);
                }
                Thread.sleep(10);
            }
            List<String> screen = lines(run(server, conf, "capture-pane", "-p"));
            List<String> all = lines(run(server, conf, "capture-pane", "-p", "-S", "-"));
            String[] cursor = run(server, conf, "display", "-p", "#{cursor_x},#{cursor_y}").strip().split(",");
            return new Result(screen, all, Integer.parseInt(cursor[0]), Integer.parseInt(cursor[1]));
        } finally {
            new ProcessBuilder("tmux", "-L", server, "kill-server").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(file);
        }
    }

    public static Result scarab(byte[] bytes, int cols, int rows) {
        Screen s = new Screen(cols, rows, 10_000);
        byte[] tty = onlcr(bytes);
        new VtParser(s).feed(tty, 0, tty.length);
        return new Result(s.capture(CaptureOptions.visible()), s.capture(CaptureOptions.all()), s.cursorX(), s.cursorY());
    }

    /** What the tty's ONLCR does to a program's output: every LF becomes CR LF. */
    public static byte[] onlcr(byte[] in) {
        int extra = 0;
        for (byte b : in) {
            if (b == '\n') {
                extra++;
            }
        }
        byte[] out = new byte[in.length + extra];
        int j = 0;
        for (byte b : in) {
            if (b == '\n') {
                out[j++] = '\r';
            }
            out[j++] = b;
        }
        return out;
    }

    private static List<String> lines(String text) {
        List<String> l = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (!l.isEmpty() && l.get(l.size() - 1).isEmpty()) {
            l.remove(l.size() - 1);
        }
        return l;
    }

    private static String run(String server, Path conf, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", server, "-f", conf.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("tmux " + String.join(" ", args) + ": " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
