package scarab.daemon.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import scarab.daemon.terminal.CaptureOptions;
import scarab.daemon.terminal.Screen;
import scarab.daemon.terminal.TmuxOracle;

/**
 * The composed view against tmux 3.3a. A random window (size, splits, active pane, sometimes a
 * second window or a window smaller than the client) is built in a private tmux server, each pane
 * printing generated text once the layout is final; a tmux client attached to it runs inside a
 * pane of a second private server of the client's size. The same contents are fed into Screens of
 * the panes' sizes, composed, turned into bytes by {@link FrameDiff} and decoded by a fresh Screen
 * of the client's size: its capture must equal the outer pane's {@code capture-pane -p -e}, every
 * cell (borders, colours, the status line with its clock masked), and the cursor the outer pane's.
 */
class ComposedViewTmuxTest {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String CLOCK = "\\d\\d:\\d\\d \\d\\d-[A-Z][a-z][a-z]-\\d\\d";
    private static final String[] WORDS = {"alpha", "beta", "x", "中文", "日本語", "e\u0301te\u0301", "😀", "naïve",
            "--", "0123456789", "ü\u0308"};
    private static final String[] SGR = {"0", "1", "4", "7", "31", "32", "34", "43", "46", "92", "38;5;130",
            "48;5;17", "2", "3", "1;35"};

    @Test
    void randomWindowsLookAsTmuxDrawsThem() throws Exception {
        long seed = Long.getLong("composed.seed", System.nanoTime());
        Random r = new Random(seed);
        for (int n = 0; n < 6; n++) {
            oneWindow(r, "seed " + seed + " case " + n);
        }
    }

    private void oneWindow(Random r, String label) throws Exception {
        int cols = 40 + r.nextInt(60), rows = 8 + r.nextInt(20);
        String id = ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        Path dir = Files.createTempDirectory("composed");
        Tmux inner = new Tmux("comp-" + id, dir.resolve("inner.conf"), "set -g default-terminal tmux-256color\n");
        Tmux outer = new Tmux("outer-" + id, dir.resolve("outer.conf"),
                "set -g status off\nset -g default-terminal tmux-256color\n");
        try {
            String cmd = "while [ ! -e " + dir + "/go ]; do sleep 0.05; done; cat " + dir + "/p${TMUX_PANE#%}; "
                    + "exec sleep 100000";
            inner.run(true, "new-session", "-d", "-s", "s", "-x", "" + cols, "-y", "" + (rows - 1), "sh", "-c", cmd);
            int splits = 1 + r.nextInt(5);
            for (int i = 0; i < splits; i++) {
                int panes = inner.lines("list-panes", "-t", "s:0").size();
                List<String> args = new ArrayList<>(List.of("split-window", r.nextBoolean() ? "-h" : "-v"));
                if (r.nextInt(3) == 0) args.add("-b");
                if (r.nextInt(3) == 0) args.addAll(List.of("-l", (10 + r.nextInt(70)) + "%"));
                args.addAll(List.of("-t", "s:0." + r.nextInt(panes), "sh", "-c", cmd));
                inner.run(false, args.toArray(new String[0])); // "no space for new pane" is fine
            }
            if (r.nextInt(3) == 0) {
                inner.run(true, "new-window", "-t", "s:", "sh", "-c", cmd);
                inner.run(true, "select-window", "-t", "s:0");
            }
            int panes = inner.lines("list-panes", "-t", "s:0").size();
            inner.run(true, "select-pane", "-t", "s:0." + r.nextInt(panes));
            boolean smaller = r.nextInt(4) == 0;
            if (smaller) {
                inner.run(true, "resize-window", "-t", "s:0", "-x", "" + (cols - 1 - r.nextInt(cols / 3)),
                        "-y", "" + (rows - 2 - r.nextInt(rows / 3)));
            }
            outer.run(true, "new-session", "-d", "-s", "o", "-x", "" + cols, "-y", "" + rows,
                    "env -u TMUX tmux -u -L " + inner.socket + " attach -t s");
            awaitTrue(label + ": the client attached", () -> !inner.lines("list-clients").isEmpty()
                    && inner.lines("list-clients", "-F", "#{client_width}x#{client_height}").get(0)
                    .equals(cols + "x" + rows));

            // contents for every pane at its final size
            Map<String, byte[]> contents = new HashMap<>();
            for (String line : inner.lines("list-panes", "-s", "-t", "s", "-F", "#{pane_id} #{pane_width} #{pane_height}")) {
                String[] f = line.split(" ");
                byte[] bytes = content(r, Integer.parseInt(f[1]), Integer.parseInt(f[2]));
                contents.put(f[0], bytes);
                Path tmp = dir.resolve("tmp");
                Files.write(tmp, bytes);
                Files.move(tmp, dir.resolve("p" + f[0].substring(1)), StandardCopyOption.ATOMIC_MOVE);
            }
            Files.writeString(dir.resolve("go"), "");

            String[] last = new String[2];
            boolean same = awaitOrLast(() -> {
                Frame frame = compose(inner, contents, cols, rows);
                Screen shown = Frames.decode(cols, rows, FrameDiff.diff(null, frame));
                List<String> mine = mask(normal(shown.capture(CaptureOptions.visible().withEscapes(true)), cols, rows));
                List<String> theirs = mask(normal(outer.lines("capture-pane", "-p", "-e", "-t", "o"), cols, rows));
                String cursor = outer.lines("display", "-p", "-t", "o", "#{cursor_flag} #{cursor_x} #{cursor_y}").get(0);
                String myCursor = (frame.cursorVisible() ? "1" : "0") + " " + frame.cursorX() + " " + frame.cursorY();
                last[0] = String.join("\n", mine) + "\ncursor " + myCursor;
                last[1] = String.join("\n", theirs) + "\ncursor " + cursor;
                last[0] = last[0].replace("\033", "^[");
                last[1] = last[1].replace("\033", "^[");
                // What a person sees: a blank cell's colour and style are invisible but its
                // background's, and tmux's capture shows or omits them depending on how the blank
                // was written (an attribute code at the very end of a row, or not).
                return myCursor.equals(cursor) && visible(mine, cols, rows).equals(visible(theirs, cols, rows));
            });
            if (!same) {
                assertEquals(last[1], last[0], label + " " + cols + "x" + rows + " panes "
                        + inner.lines("list-panes", "-t", "s:0", "-F", "#{pane_left} #{pane_top} #{pane_width} "
                        + "#{pane_height} #{pane_active}"));
            }
        } finally {
            outer.kill();
            inner.kill();
            try (var s = Files.list(dir)) {
                s.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    /** The window as the inner tmux has it now, composed from Screens fed the same contents. */
    private static Frame compose(Tmux inner, Map<String, byte[]> contents, int cols, int rows) throws Exception {
        List<PaneRect> panes = new ArrayList<>();
        for (String line : inner.lines("list-panes", "-t", "s:0", "-F",
                "#{pane_id} #{pane_left} #{pane_top} #{pane_width} #{pane_height} #{pane_active}")) {
            String[] f = line.split(" ");
            int w = Integer.parseInt(f[3]), h = Integer.parseInt(f[4]);
            Screen s = new Screen(w, h, 100);
            s.feed(TmuxOracle.onlcr(contents.get(f[0])));
            panes.add(new PaneRect(s, Integer.parseInt(f[1]), Integer.parseInt(f[2]), w, h, f[5].equals("1")));
        }
        List<StatusLine.WindowEntry> windows = new ArrayList<>();
        for (String line : inner.lines("list-windows", "-t", "s", "-F",
                "#{window_index} #{window_active} #{window_last_flag} #{window_zoomed_flag} #{window_name}")) {
            String[] f = line.split(" ", 5);
            windows.add(new StatusLine.WindowEntry(Integer.parseInt(f[0]), f[4], f[1].equals("1"), f[2].equals("1"),
                    f[3].equals("1")));
        }
        String title = inner.lines("display", "-p", "-t", "s:0", "#{pane_title}").get(0);
        String[] size = inner.lines("display", "-p", "-t", "s:0", "#{window_width} #{window_height}").get(0).split(" ");
        StatusLine status = StatusLine.of("s", windows, title, Clock.systemDefaultZone());
        return Compositor.compose(new WindowPicture(cols, rows, Integer.parseInt(size[0]), Integer.parseInt(size[1]),
                panes, status, false));
    }

    /** Random lines of coloured words, wide and combining characters, fitting the pane's height. */
    private static byte[] content(Random r, int w, int h) {
        StringBuilder sb = new StringBuilder();
        int lines = 1 + r.nextInt(Math.max(1, h / 2));
        for (int l = 0; l < lines; l++) {
            if (l > 0) sb.append("\r\n");
            int len = 0, max = r.nextInt(w + w / 2);
            while (len < max) {
                if (r.nextInt(3) == 0) sb.append("\033[").append(SGR[r.nextInt(SGR.length)]).append('m');
                String word = WORDS[r.nextInt(WORDS.length)];
                sb.append(word).append(' ');
                len += word.length() + 1;
            }
            sb.append("\033[0m");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A capture as it reads when drawn on a fresh terminal and captured again. Where a line's
     * written cells end differs between a terminal that was sent blank cells (tmux clears to the
     * end of each line) and one that was not (the diff skips them); capture shows that as a
     * trailing space with attributes kept or trimmed. Drawing both captures again evens it out.
     */
    private static List<String> normal(List<String> lines, int cols, int rows) {
        Screen s = new Screen(cols, rows, 0);
        for (int y = 0; y < lines.size() && y < rows; y++) s.feed("\033[" + (y + 1) + ";1H" + lines.get(y));
        return s.capture(CaptureOptions.visible().withEscapes(true));
    }

    /**
     * The captured rows as cells a person can tell apart: each cell's text and attributes, except
     * that a blank cell shows only its background (the foreground when reversed) and its lines.
     */
    private static List<String> visible(List<String> lines, int cols, int rows) {
        Screen s = new Screen(cols, rows, 0);
        for (int y = 0; y < lines.size() && y < rows; y++) s.feed("\033[" + (y + 1) + ";1H" + lines.get(y));
        List<String> out = new ArrayList<>();
        for (int y = 0; y < rows; y++) {
            StringBuilder row = new StringBuilder();
            for (int x = 0; x < cols; x++) {
                String text = s.cellText(x, y);
                long a = s.cellAttr(x, y);
                if (text.isBlank()) {
                    boolean reverse = (a & scarab.daemon.terminal.Attr.REVERSE) != 0;
                    int shade = reverse ? scarab.daemon.terminal.Attr.fg(a) : scarab.daemon.terminal.Attr.bg(a);
                    long rules = a & (scarab.daemon.terminal.Attr.UL_MASK | scarab.daemon.terminal.Attr.STRIKE
                            | scarab.daemon.terminal.Attr.OVERLINE);
                    row.append("[ ").append(shade).append(reverse ? "r" : "").append(' ').append(rules).append(']');
                } else {
                    row.append('[').append(text).append(' ').append(a).append(']');
                }
            }
            out.add(row.toString());
        }
        return out;
    }

    private static List<String> mask(List<String> lines) {
        List<String> out = new ArrayList<>(lines);
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) out.remove(out.size() - 1);
        out.replaceAll(l -> l.replaceAll(CLOCK, "HH:MM dd-Mon-yy"));
        return out;
    }

    private interface Check {
        boolean test() throws Exception;
    }

    private static void awaitTrue(String what, Check c) throws Exception {
        if (!awaitOrLast(c)) throw new AssertionError("timed out waiting for " + what);
    }

    /** Polls until the check holds or 20 s pass; false if it never held (the caller shows the difference). */
    private static boolean awaitOrLast(Check c) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            if (c.test()) return true;
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(20); // poll interval, not a wait for an outcome
        }
    }

    /** A private tmux server: its own socket and configuration, killed at the end. */
    private static final class Tmux {
        final String socket;
        final Path conf;

        Tmux(String socket, Path conf, String config) throws IOException {
            this.socket = socket;
            this.conf = conf;
            Files.writeString(conf, config);
        }

        List<String> lines(String... args) throws Exception {
            String out = run(true, args);
            if (out.isEmpty()) return List.of();
            if (out.endsWith("\n")) out = out.substring(0, out.length() - 1);
            return Arrays.asList(out.split("\n", -1));
        }

        String run(boolean check, String... args) throws Exception {
            List<String> cmd = new ArrayList<>(List.of("tmux", "-u", "-L", socket, "-f", conf.toString()));
            cmd.addAll(Arrays.asList(args));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().remove("TMUX");
            pb.environment().put("LC_ALL", "C.UTF-8");
            pb.environment().put("LANG", "C.UTF-8");
            pb.redirectErrorStream(true);
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("tmux timed out: " + cmd);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (check && p.exitValue() != 0) throw new IOException("tmux failed: " + cmd + ": " + text);
            return text;
        }

        void kill() throws Exception {
            run(false, "kill-server");
            scarab.daemon.TmuxSocketFile.delete(socket);
        }
    }
}
