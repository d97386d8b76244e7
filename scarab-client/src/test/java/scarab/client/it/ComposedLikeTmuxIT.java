package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.daemon.terminal.Attr;
import scarab.daemon.terminal.Screen;

/**
 * What a person sees of a window of several panes, Scarab's client beside tmux 3.3a's. The same
 * generated sequence of split-window, resize-pane, select-layout, zoom, select-pane, swap-pane and
 * kill-pane is run in a private tmux server and in Scarab on a window the size of an outer tmux's
 * pane; {@code scarab attach} runs in one pane of the outer tmux and {@code tmux attach} (the
 * inner server, its status line on, as Scarab's is set to be) in another of the same size. After
 * every step, and once more after every pane was given the same generated text (colours, wide and
 * combining characters, sometimes more lines than fit, so it scrolls), the outer
 * {@code capture-pane -p -e} of the two must show the same cells (text, colours, the green border
 * of the active pane) in every row, and the outer cursor must be at the same place. The status
 * line's clock (its digits) is masked: the two were drawn at different moments; the rest of it (session name,
 * window list, flags, the pane title, which is the host name in both) is compared. A failure names
 * its seed: {@code -Dscarab.composed.seed=N} replays it.
 *
 * <p>Run with the client's terminal served by the daemon directly, and relayed through the client.
 */
class ComposedLikeTmuxIT {
    private static final long WAIT_SECONDS = 60;
    /** The status line's clock, {@code %H:%M %d-%b-%y}, ends it (cut from its start when narrow). */
    private static final int CLOCK_CELLS = 15;
    private static final String[] LAYOUTS = {"even-horizontal", "even-vertical", "main-horizontal", "main-vertical",
            "tiled"};
    private static final String[] WORDS = {"alpha", "beta", "x", "中文", "日本語", "e\u0301te\u0301", "naïve", "--",
            "0123456789", "ü\u0308"};
    private static final String[] SGR = {"0", "1", "4", "7", "31", "32", "34", "43", "46", "92", "38;5;130",
            "48;5;17", "1;35"};
    private static final String PANE_COMMAND = "sleep 100000";

    private Scarab scarab;
    @org.junit.jupiter.api.extension.RegisterExtension
    final DaemonDumpOnFailure dumpOnFailure = new DaemonDumpOnFailure(() -> scarab);
    private Path dir;
    private TmuxServer inner;
    private TmuxServer outer;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        Path config = scarab.root.resolve("config/scarab/config.toml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "status = \"on\"\n");
        dir = Files.createTempDirectory(Path.of("/tmp"), "composed-it-");
        String id = ProcessHandle.current().pid() + "-" + System.nanoTime();
        inner = new TmuxServer("composed-inner-" + id, dir.resolve("inner.conf"),
                "set -g default-terminal tmux-256color\nset -g escape-time 0\n");
        outer = new TmuxServer("composed-outer-" + id, dir.resolve("outer.conf"),
                "set -g status off\nset -g default-terminal tmux-256color\nset -g escape-time 0\n");
    }

    @AfterEach
    void stop() throws Exception {
        outer.kill();
        inner.kill();
        scarab.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aClientServedDirectlyDrawsWhatTmuxDraws() throws Exception {
        windows(true);
    }

    @Test
    void aRelayedClientDrawsWhatTmuxDraws() throws Exception {
        windows(false);
    }

    private void windows(boolean direct) throws Exception {
        long seed = Long.getLong("scarab.composed.seed", System.nanoTime());
        Random random = new Random(seed);
        int[][] sizes = {{80, 24}, {30 + random.nextInt(120), 10 + random.nextInt(40)},
                {9 + random.nextInt(16), 5 + random.nextInt(7)}};
        for (int n = 0; n < sizes.length; n++) {
            oneWindow(random, "c" + n, sizes[n][0], sizes[n][1], direct,
                    "seed " + seed + ", " + (direct ? "direct" : "relayed") + ", terminal " + sizes[n][0] + "x" + sizes[n][1]);
        }
    }

    private void oneWindow(Random random, String s, int cols, int rows, boolean direct, String context) throws Exception {
        inner.run(true, "new-session", "-d", "-s", s, "-x", "" + cols, "-y", "" + (rows - 1), PANE_COMMAND);
        inner.run(true, "rename-window", "-t", s + ":0", "w");
        scarab.ok("new", "-d", "--size", cols + "x" + (rows - 1), "-c", PANE_COMMAND, s);
        scarab.ok("rename-window", "-t", s + ":0", "w");
        outer.run(true, "new-session", "-d", "-s", "t" + s, "-x", "" + cols, "-y", "" + rows,
                "env -u TMUX tmux -u -L " + inner.socket + " -f " + inner.conf + " attach -t " + s);
        outer.run(true, "new-session", "-d", "-s", "a" + s, "-x", "" + cols, "-y", "" + rows,
                "exec env " + clientEnv(direct) + " " + scarab.clientCommand() + " attach " + s);
        String size = cols + "x" + (rows - 1);
        await(context + ": both clients attached at " + size, () -> size.equals(windowSize(inner.run(true,
                "list-panes", "-t", s + ":0", "-F", "#{window_width}x#{window_height}")))
                && size.equals(windowSize(scarab.ok("list-panes", "-t", s + ":0", "-F", "#{window_width}x#{window_height}")))
                && scarab.ok("ls", "--json").contains("\"clients\" : 1"));

        StringBuilder steps = new StringBuilder();
        samePicture(s, cols, rows, context + ", at the start");
        int count = 4 + random.nextInt(8);
        for (int i = 0; i < count; i++) {
            List<String> command = step(random, s, panes(s));
            steps.append("\n  ").append(String.join(" ", command));
            int theirs = inner.status(tmuxForm(command));
            Scarab.Result ours = scarab.run(command.toArray(String[]::new));
            String after = context + ", after" + steps;
            assertEquals(theirs == 0, ours.status() == 0, after + "\nscarab: " + ours.err());
            assertEquals(inner.run(true, "list-panes", "-t", s + ":0", "-F", GEOMETRY),
                    scarab.ok("list-panes", "-t", s + ":0", "-F", GEOMETRY), after + ": the same panes");
            samePicture(s, cols, rows, after);
        }
        fill(random, s);
        steps.append("\n  (every pane filled)");
        samePicture(s, cols, rows, context + ", after" + steps);
        for (int i = 0; i < 2; i++) {
            String pane = s + ":0." + random.nextInt(panes(s));
            steps.append("\n  select-pane -t ").append(pane);
            inner.run(true, "select-pane", "-t", pane);
            scarab.ok("select-pane", "-t", pane);
            samePicture(s, cols, rows, context + ", after" + steps);
        }
        outer.run(false, "kill-session", "-t", "a" + s);
        outer.run(false, "kill-session", "-t", "t" + s);
        inner.run(false, "kill-session", "-t", s);
        scarab.ok("kill", "-f", s);
        Scarab.waitFor("no client left", java.time.Duration.ofSeconds(WAIT_SECONDS),
                () -> !scarab.ok("ls", "--json").contains("\"clients\" : 1"));
    }

    private static final String GEOMETRY = "#{pane_index} #{pane_left} #{pane_top} #{pane_width} #{pane_height}"
            + " #{pane_active} #{window_zoomed_flag}";

    private static String windowSize(String listing) {
        return listing.lines().findFirst().orElse("").strip();
    }

    private String clientEnv(boolean direct) {
        Map<String, String> env = new TreeMap<>(scarab.env);
        env.put("TERM", "tmux-256color");
        if (!direct) {
            env.put("SCARAB_DIRECT", "0");
        }
        return env.entrySet().stream().map(e -> e.getKey() + "='" + e.getValue() + "'").collect(Collectors.joining(" "));
    }

    private int panes(String s) throws Exception {
        return inner.run(true, "list-panes", "-t", s + ":0", "-F", "#{pane_id}").split("\n").length;
    }

    /** One generated window command, in Scarab's words (a pane's command is {@code -c}). */
    private static List<String> step(Random r, String s, int panes) {
        String pane = s + ":0." + r.nextInt(panes);
        List<String> c = new ArrayList<>();
        switch (r.nextInt(12)) {
            case 0, 1, 2, 3, 4 -> {
                c.addAll(List.of("split-window", r.nextBoolean() ? "-h" : "-v"));
                if (r.nextInt(4) == 0) {
                    c.add("-b");
                }
                if (r.nextInt(6) == 0) {
                    c.add("-f");
                }
                if (r.nextInt(3) == 0) {
                    c.add("-d");
                }
                int kind = r.nextInt(3);
                if (kind == 1) {
                    c.addAll(List.of("-l", "" + (1 + r.nextInt(20))));
                } else if (kind == 2) {
                    c.addAll(List.of("-l", (10 + r.nextInt(80)) + "%"));
                }
                c.addAll(List.of("-t", pane, "-c", PANE_COMMAND));
            }
            case 5 -> c.addAll(List.of("resize-pane", "-t", pane, "-" + "LRUD".charAt(r.nextInt(4)), "" + (1 + r.nextInt(8))));
            case 6 -> c.addAll(List.of("select-layout", "-t", pane, LAYOUTS[r.nextInt(LAYOUTS.length)]));
            case 7 -> c.addAll(List.of("resize-pane", "-Z", "-t", pane));
            case 8, 9 -> c.addAll(List.of("select-pane", "-t", pane));
            case 10 -> c.addAll(List.of("swap-pane", "-s", pane, "-t", s + ":0." + r.nextInt(panes)));
            default -> c.addAll(panes > 1 ? List.of("kill-pane", "-t", pane) : List.of("select-pane", "-t", pane));
        }
        return c;
    }

    /** tmux's form of the same command: a pane's command is its last word. */
    private static List<String> tmuxForm(List<String> ours) {
        List<String> t = new ArrayList<>(ours);
        int c = t.indexOf("-c");
        if (c >= 0) {
            String command = t.get(c + 1);
            t.remove(c + 1);
            t.remove(c);
            t.add(command);
        }
        return t;
    }

    /**
     * Gives the pane of each index, in both, the same generated text at its size: written to the
     * pane's terminal (its program's standard input, a sleep that reads nothing), as its program
     * would print it.
     */
    private void fill(Random random, String s) throws Exception {
        String listing = "#{pane_index} #{pane_width} #{pane_height} #{pane_pid}";
        List<String> theirs = inner.run(true, "list-panes", "-t", s + ":0", "-F", listing).lines().toList();
        List<String> ours = scarab.ok("list-panes", "-t", s + ":0", "-F", listing).lines().toList();
        assertEquals(theirs.size(), ours.size());
        for (int i = 0; i < theirs.size(); i++) {
            String[] t = theirs.get(i).split(" ");
            String[] o = ours.get(i).split(" ");
            byte[] text = content(random, Integer.parseInt(t[1]), Integer.parseInt(t[2]));
            Files.write(Path.of("/proc", t[3], "fd", "0"), text, StandardOpenOption.WRITE);
            Files.write(Path.of("/proc", o[3], "fd", "0"), text, StandardOpenOption.WRITE);
        }
    }

    /**
     * Lines of coloured words, wide and combining characters; sometimes more than the pane holds.
     * No wide characters in a one-column pane: one cannot fit, tmux 3.3a's emulator then writes it
     * past the line's end (an unsigned underflow in its wrap check) and its client draws it past
     * the pane, where the terminal wraps it onto the next row: nothing to be like.
     */
    private static byte[] content(Random r, int w, int h) {
        StringBuilder sb = new StringBuilder();
        int lines = 1 + r.nextInt(r.nextInt(3) == 0 ? h + 5 : Math.max(1, h));
        for (int l = 0; l < lines; l++) {
            if (l > 0) {
                sb.append("\r\n");
            }
            int len = 0;
            int max = r.nextInt(w + w / 2 + 1);
            while (len < max) {
                if (r.nextInt(3) == 0) {
                    sb.append("\033[").append(SGR[r.nextInt(SGR.length)]).append('m');
                }
                String word = WORDS[r.nextInt(WORDS.length)];
                if (w < 2 && word.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
                    continue;
                }
                sb.append(word).append(' ');
                len += word.length() + 1;
            }
            sb.append("\033[0m");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Waits until the two outer panes show the same cells and cursor; fails showing both. While
     * they differ, tmux's client is told to draw itself whole now and then (refresh-client): what
     * is compared is tmux's picture of the state, not the leftovers of its own updates (its
     * client was seen to leave a wide character at a row's start blank after a full-width pane
     * scrolled, which a redraw shows). Scarab's client is never told to redraw.
     */
    private void samePicture(String s, int cols, int rows, String context) throws Exception {
        String[] last = new String[2];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        long nextRefresh = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (true) {
            if (System.nanoTime() > nextRefresh) {
                for (String client : inner.run(true, "list-clients", "-F", "#{client_tty}").lines().toList()) {
                    inner.run(false, "refresh-client", "-t", client);
                }
                nextRefresh = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            }
            last[0] = picture("t" + s, cols, rows);
            last[1] = picture("a" + s, cols, rows);
            if (last[0].equals(last[1])) {
                return;
            }
            if (System.nanoTime() > deadline) {
                assertEquals(last[0], last[1], context + "\ntmux's panes: "
                        + inner.run(true, "list-panes", "-t", s + ":0", "-F", GEOMETRY) + panesThatDiffer(s)
                        + "(first: tmux's client, second: Scarab's)");
            }
            Thread.sleep(25); // poll interval, not a wait for an outcome
        }
    }

    /** Which panes hold other contents in the two (then the emulators differ, not the pictures). */
    private String panesThatDiffer(String s) throws Exception {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < panes(s); i++) {
            String theirs = inner.run(true, "capture-pane", "-p", "-e", "-t", s + ":0." + i).stripTrailing();
            String ours = scarab.ok("capture", "-e", s + ":0." + i).stripTrailing();
            if (!theirs.equals(ours)) {
                out.append("pane ").append(i).append(" differs:\n").append(theirs).append("\n---\n").append(ours).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * An outer pane as a person sees it, one line per row: each cell's text and attributes, a
     * blank cell only by its background (the foreground when reversed) and its lines: a blank's
     * other attributes are invisible, and how it was written (cleared, or a space in some colour)
     * decides whether tmux's capture shows them. Then the cursor.
     */
    private String picture(String outerSession, int cols, int rows) throws Exception {
        String capture = outer.run(true, "capture-pane", "-p", "-e", "-N", "-t", outerSession);
        String[] lines = capture.split("\n", -1);
        Screen screen = new Screen(cols, rows, 0);
        for (int y = 0; y < lines.length && y < rows; y++) {
            screen.feed("\033[" + (y + 1) + ";1H" + lines[y]);
        }
        StringBuilder out = new StringBuilder();
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                String text = screen.cellText(x, y);
                long a = screen.cellAttr(x, y);
                if (y == rows - 1 && x >= cols - CLOCK_CELLS && text.length() == 1 && Character.isDigit(text.charAt(0))) {
                    text = "#"; // the clock: the two were drawn at different times
                }
                if (text.isBlank()) {
                    boolean reverse = (a & Attr.REVERSE) != 0;
                    int shade = reverse ? Attr.fg(a) : Attr.bg(a);
                    long rules = a & (Attr.UL_MASK | Attr.STRIKE | Attr.OVERLINE);
                    out.append(shade == 0 && rules == 0 ? "." : "[ " + shade + (reverse ? "r" : "") + " " + rules + "]");
                } else {
                    out.append(a == 0 ? text : "[" + text + " " + Long.toHexString(a) + "]");
                }
            }
            out.append('\n');
        }
        return out.append("cursor ").append(outer.run(true, "display", "-p", "-t", outerSession,
                "#{cursor_flag} #{cursor_x} #{cursor_y}").strip()).toString();
    }

    private interface Check {
        boolean test() throws Exception;
    }

    private static void await(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!check.test()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(25); // poll interval, not a wait for an outcome
        }
    }

    /** A private tmux server: its own socket and configuration, a UTF-8 locale; killed at the end. */
    private static final class TmuxServer {
        final String socket;
        final Path conf;

        TmuxServer(String socket, Path conf, String config) throws IOException {
            this.socket = socket;
            this.conf = conf;
            Files.writeString(conf, config);
        }

        int status(List<String> args) throws Exception {
            Process p = exec(args.toArray(String[]::new));
            p.getInputStream().readAllBytes();
            return finish(p);
        }

        String run(boolean check, String... args) throws Exception {
            Process p = exec(args);
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (finish(p) != 0 && check) {
                throw new IOException("tmux " + String.join(" ", args) + " failed: " + text);
            }
            return text;
        }

        private Process exec(String... args) throws Exception {
            List<String> cmd = new ArrayList<>(List.of("tmux", "-u", "-L", socket, "-f", conf.toString()));
            cmd.addAll(Arrays.asList(args));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().remove("TMUX");
            pb.environment().put("LC_ALL", "C.UTF-8");
            pb.environment().put("LANG", "C.UTF-8");
            pb.redirectErrorStream(true);
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            return pb.start();
        }

        private static int finish(Process p) throws Exception {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("tmux timed out: " + p.info().commandLine().orElse("tmux"));
            }
            return p.exitValue();
        }

        void kill() throws Exception {
            run(false, "kill-server");
            int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            String tmp = System.getenv("TMUX_TMPDIR");
            Files.deleteIfExists(Path.of(tmp == null || tmp.isEmpty() ? "/tmp" : tmp, "tmux-" + uid, socket));
        }
    }
}
