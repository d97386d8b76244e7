package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The mouse ({@code mouse = true}) used as a person uses it: the real client runs in a window of
 * an outer tmux (whose own mouse is off, so what send-keys types reaches the client's terminal as
 * it is), and SGR mouse reports are typed into it. A real tmux 3.3a client with {@code mouse on},
 * in another window of the same size and with the same panes, is typed the same reports: the
 * panes (places, sizes, the active one), the current window and the bytes each pane's program
 * reads must come out the same. Run with the client's terminal served directly ({@link MouseE2EIT})
 * and relayed ({@link MouseRelayE2EIT}).
 */
abstract class MouseScenarios {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String OURS = "main:0";
    private static final String THEIRS = "main:ref";
    private static final String PANE = "sleep 100000";
    private static final String GEOMETRY = "#{pane_index} #{pane_left} #{pane_top} #{pane_width} #{pane_height}"
            + " #{pane_active}";
    private static final long CLICK_TIMEOUT_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(400);
    /** When the last press was typed (System.nanoTime). */
    private long lastPress;
    private Scarab scarab;
    private Tmux outer;
    private Tmux reference;

    abstract boolean direct();

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        Path config = scarab.root.resolve("config/scarab/config.toml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "mouse = true\nstatus = \"on\"\nmode-keys = \"emacs\"\n"); // tmux's status line, always
        outer = new Tmux(scarab.root);
        reference = new Tmux(scarab.root);
        outer.start(100, 30, "env -i " + envLine(Map.of("PS1", "outer$ ")) + " /bin/sh");
        outer.awaitText(OURS, "outer$");
    }

    @AfterEach
    void stop() throws Exception {
        reference.close();
        outer.close();
        scarab.close();
    }

    private String envLine(Map<String, String> extra) {
        return scarab.envLine(direct(), extra);
    }

    /** Session "main" (its first pane running {@code ours} and {@code theirs}) in both, each with a client of 100x30 attached. */
    private void attachBoth(String ours, String theirs) {
        scarab.ok("new", "-d", "--size", "100x29", "-c", ours, "main");
        outer.type(OURS, "clear", "Enter");
        outer.type(OURS, "env " + envLine(Map.of()) + " " + scarab.clientCommand() + " attach main", "Enter");
        outer.await(OURS, "the client attached", WAIT, s -> !s.contains("outer$"));
        reference.start(100, 29, theirs);
        reference.tmux("set", "-g", "mouse", "on");
        reference.tmux("set", "-g", "status", "on");
        outer.newWindow("ref", "env -u TMUX TERM=xterm-256color " + reference.commandLine() + " attach -t main");
        Scarab.waitFor("both clients attached at 100x29 (tmux: " + reference.tmux("list-windows", "-t", "main", "-F",
                "#{window_width}x#{window_height}").strip() + ", scarab: " + scarab.ok("list-windows", "-t", "main", "-F",
                "#{window_width}x#{window_height}").strip() + ", at first)", WAIT,
                () -> "100x29".equals(windowSize(reference.tmux("list-windows", "-t", "main", "-F",
                        "#{window_width}x#{window_height}")))
                        && "100x29".equals(windowSize(scarab.ok("list-windows", "-t", "main", "-F",
                        "#{window_width}x#{window_height}")))
                        && scarab.ok("ls", "--json").contains("\"clients\" : 1"));
    }

    private static String windowSize(String listing) {
        return listing.lines().findFirst().orElse("").strip();
    }

    /** The same table command in both: {@code -c command} for Scarab is tmux's trailing command. */
    private void both(String command, String... args) {
        List<String> ours = new ArrayList<>(List.of(args));
        List<String> theirs = new ArrayList<>(List.of(args));
        if (command != null) {
            ours.addAll(List.of("-c", command));
            theirs.add(command);
        }
        scarab.ok(ours.toArray(String[]::new));
        reference.tmux(theirs.toArray(String[]::new));
    }

    /** Types mouse reports (SGR) into both clients' terminals, as bytes. */
    private void mouse(String... reports) {
        for (String r : reports) {
            if (r.endsWith("M") && !r.startsWith("\033[<6")) {
                lastPress = System.nanoTime();
            }
            for (String target : List.of(THEIRS, OURS)) {
                List<String> args = new ArrayList<>(List.of("send-keys", "-t", target, "-H"));
                for (byte b : r.getBytes(StandardCharsets.US_ASCII)) {
                    args.add(String.format("%02x", b));
                }
                outer.tmux(args.toArray(String[]::new));
            }
        }
    }

    /**
     * Waits out tmux's double-click time after the last press (KEYC_CLICK_TIMEOUT, 300 ms): a second
     * left press within it is a double click to tmux (DoubleClick1Pane, not MouseDown1Pane), and
     * a press of another button in between was seen to lose the next press now and then. The
     * oracle's own timer: nothing observable says it ran out.
     */
    private void apart() {
        long since = lastPress;
        Scarab.waitFor("tmux's double-click time past", WAIT, () -> System.nanoTime() - since > CLICK_TIMEOUT_NANOS);
    }

    private static String press(int x, int y) {
        return "\033[<0;" + (x + 1) + ";" + (y + 1) + "M";
    }

    private static String release(int x, int y) {
        return "\033[<0;" + (x + 1) + ";" + (y + 1) + "m";
    }

    private static String drag(int x, int y) {
        return "\033[<32;" + (x + 1) + ";" + (y + 1) + "M";
    }

    private String panes(boolean ours) {
        return ours ? scarab.ok("list-panes", "-t", "main:0", "-F", GEOMETRY)
                : reference.tmux("list-panes", "-t", "main:0", "-F", GEOMETRY);
    }

    /** Waits until both show the same, and (when {@code before} is given) something else than before. */
    private static String same(String what, String before, Supplier<String> theirs, Supplier<String> ours) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String t = "";
        String o = "";
        while (System.nanoTime() < deadline) {
            t = theirs.get();
            o = ours.get();
            if (t.equals(o) && !t.isBlank() && (before == null || !t.equals(before))) {
                return o;
            }
            Tmux.pause();
        }
        assertEquals(t, o, what + " (before: " + before + ")");
        throw new AssertionError(what + ": nothing changed from " + before);
    }

    private String samePanes(String what, String before) {
        return same(what, before, () -> panes(false), () -> panes(true));
    }

    private String mouseFlags() {
        return outer.tmux("display", "-p", "-t", OURS, "#{mouse_any_flag}#{mouse_button_flag}#{mouse_sgr_flag}").strip();
    }

    @Test
    void clicksSelectAndBordersDragAsInTmux() {
        attachBoth(PANE, PANE);
        Scarab.waitFor("the client's terminal reports the mouse (1002, SGR)", WAIT, () -> mouseFlags().equals("111"));

        both(PANE, "split-window", "-h", "-t", "main:0");
        String panes = samePanes("split", null);

        mouse(press(10, 10), release(10, 10));
        panes = samePanes("a click on the left pane selects it", panes);
        apart();

        // The border between the two is the column after the left pane.
        int border = Integer.parseInt(panes.lines().findFirst().orElseThrow().split(" ")[3]);
        mouse(press(border, 5), drag(border + 3, 5), drag(border + 8, 5), drag(border + 12, 6), release(border + 12, 6));
        panes = samePanes("a border dragged to the right", panes);
        apart();

        // As far as it goes, then back: the border follows the mouse, taking room from one side only.
        border = Integer.parseInt(panes.lines().findFirst().orElseThrow().split(" ")[3]);
        mouse(press(border, 3), drag(99, 3), drag(90, 3), release(90, 3));
        panes = samePanes("a border dragged past the edge and back", panes);
        apart();

        both(PANE, "split-window", "-v", "-t", "main:0.1");
        panes = samePanes("the right pane split", panes);
        String[] topRight = panes.lines().filter(l -> l.startsWith("1 ")).findFirst().orElseThrow().split(" ");
        int left = Integer.parseInt(topRight[1]);
        int row = Integer.parseInt(topRight[4]);
        mouse(press(left + 4, row), drag(left + 4, row - 3), drag(left + 6, row - 6), drag(left + 6, row + 4),
                release(left + 6, row + 4));
        panes = samePanes("a border between two panes of the right column dragged up and down", panes);
        apart();

        mouse(press(5, 20), release(5, 20));
        samePanes("a click on the left pane again", panes);
        apart();

        both(PANE, "new-window", "-t", "main");
        Supplier<String> ourWindows = () -> scarab.ok("list-windows", "-t", "main", "-F", "#{window_index} #{window_active}");
        Supplier<String> theirWindows = () -> reference.tmux("list-windows", "-t", "main", "-F",
                "#{window_index} #{window_active}");
        String windows = same("a second window", null, theirWindows, ourWindows);
        // "[main] 0:sleep- 1:sleep*": column 8 is in the first window's name.
        mouse(press(8, 29), release(8, 29));
        windows = same("a click on the first window's name in the status line", windows, theirWindows, ourWindows);
        assertEquals("0 1", windows.lines().findFirst().orElse(""), windows);
        mouse("\033[<65;9;30M");
        same("the wheel down over the status line: the next window", windows, theirWindows, ourWindows);

        outer.type(OURS, "C-b", "d");
        outer.await(OURS, "the client detached", WAIT, s -> s.contains("outer$"));
        Scarab.waitFor("the mouse reporting is off again after the detach", WAIT, () -> mouseFlags().equals("000"));
    }

    /**
     * Programs that asked for the mouse (one SGR, one the X10 bytes) get the wheel and clicks over
     * their panes at their own cells, as tmux sends them: what each read is compared byte for byte.
     */
    /**
     * Over a pane whose program did not ask for the mouse, the wheel scrolls back in copy mode (and
     * out of it again at the bottom) and a drag selects and copies, as tmux's default bindings do:
     * the position shown, the copied text and leaving are compared with tmux's.
     */
    @Test
    void theWheelScrollsCopyModeAndADragCopiesAsInTmux() {
        String lines = "sh -c 'i=0; while [ $i -lt 80 ]; do i=$((i+1)); echo line-$i-$((i*i)); done; exec sleep 100000'";
        attachBoth(lines, lines);
        reference.tmux("set", "-g", "mode-keys", "emacs");
        outer.await(OURS, "the lines", WAIT, s -> s.contains("line-80-6400"));
        outer.await(THEIRS, "the lines", WAIT, s -> s.contains("line-80-6400"));

        mouse("\033[<64;20;10M", "\033[<64;20;10M"); // wheel up: copy mode, then 5 lines back
        Scarab.waitFor("tmux in copy mode", WAIT,
                () -> reference.tmux("display", "-p", "-t", "main", "#{pane_in_mode}").strip().equals("1"));
        String position = reference.tmux("display", "-p", "-t", "main", "[#{scroll_position}/#{history_size}]").strip();
        outer.await(OURS, "the position " + position + " on the top row", WAIT,
                s -> s.lines().findFirst().orElse("").stripTrailing().endsWith(position));
        mouse("\033[<65;20;10M", "\033[<65;20;10M"); // wheel down: at the bottom, then copy mode ends (-e)
        Scarab.waitFor("tmux out of copy mode", WAIT,
                () -> reference.tmux("display", "-p", "-t", "main", "#{pane_in_mode}").strip().equals("0"));
        outer.await(OURS, "the live picture back", WAIT,
                s -> !s.lines().findFirst().orElse("").contains("/") && s.contains("line-80-6400"));

        mouse("\033[<64;20;10M", "\033[<64;20;10M", "\033[<64;20;10M"); // copy mode, 10 lines back
        Scarab.waitFor("tmux in copy mode", WAIT,
                () -> reference.tmux("display", "-p", "-t", "main", "#{pane_in_mode}").strip().equals("1"));
        String further = reference.tmux("display", "-p", "-t", "main", "[#{scroll_position}/#{history_size}]").strip();
        outer.await(OURS, "the position " + further, WAIT,
                s -> s.lines().findFirst().orElse("").stripTrailing().endsWith(further));
        apart();
        mouse(press(3, 4), drag(3, 4), drag(8, 6), drag(12, 7), release(12, 7));
        Scarab.waitFor("tmux's copy", WAIT,
                () -> reference.tmux("display", "-p", "-t", "main", "#{pane_in_mode}").strip().equals("0"));
        String copied = reference.tmux("show-buffer");
        Scarab.waitFor("the same text copied (tmux's: " + copied + ")", WAIT,
                () -> scarab.run("show-buffer").out().equals(copied));
        outer.await(OURS, "copy mode left", WAIT, s -> !s.lines().findFirst().orElse("").contains("/"));
    }

    @Test
    void programsGetTheWheelAndClicksAsTmuxSendsThem() throws IOException {
        Path recorder = scarab.root.resolve("recorder.sh");
        Files.writeString(recorder, "#!/bin/sh\n"
                + "# $1: the mouse modes to set; $2: where each byte read goes, one a line in hex\n"
                + "printf \"$1\"\n"
                + "stty -icanon -echo min 1\n"
                + ": > \"$2.ready\"\n"
                + "while :; do dd bs=1 count=1 2>/dev/null | od -An -tx1 >> \"$2\"; done\n");
        String sgr = "'\\033[?1000h\\033[?1006h'";
        String x10 = "'\\033[?1000h'";
        Path dir = scarab.root;
        // Each side's programs write their own files: the command lines differ only in them.
        attachBoth("sh " + recorder + " " + sgr + " " + dir.resolve("ours-0"),
                "sh " + recorder + " " + sgr + " " + dir.resolve("theirs-0"));
        scarab.ok("split-window", "-h", "-t", "main:0", "-c", "sh " + recorder + " " + x10 + " " + dir.resolve("ours-1"));
        reference.tmux("split-window", "-h", "-t", "main:0", "sh " + recorder + " " + x10 + " " + dir.resolve("theirs-1"));
        String panes = samePanes("split", null);
        int right = Integer.parseInt(panes.lines().filter(l -> l.startsWith("1 ")).findFirst().orElseThrow().split(" ")[1]);
        for (String f : List.of("ours-0", "ours-1", "theirs-0", "theirs-1")) {
            Scarab.waitFor(f + " ready", WAIT, () -> Files.exists(dir.resolve(f + ".ready")));
        }

        mouse("\033[<64;11;6M"); // wheel up over the left pane (SGR)
        mouse("\033[<65;71;9M"); // wheel down over the right pane (X10)
        mouse(press(5, 5), release(5, 5)); // a click selects the left pane and reaches its program
        apart();
        mouse(press(60, 3), release(60, 3));

        // Last, the wheel at each pane's top-left cell but one: when both read it, they read all.
        mouse("\033[<64;2;2M", "\033[<64;" + (right + 2) + ";2M");
        String[] markers = {hex("\033[<64;2;2M"), hex("\033[M" + (char) (64 + 32) + (char) 34 + (char) 34)};
        for (String n : List.of("0", "1")) {
            String end = markers[Integer.parseInt(n)];
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!(read(dir.resolve("theirs-" + n)).endsWith(end) && read(dir.resolve("ours-" + n)).endsWith(end))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("pane " + n + "'s programs did not both read the last wheel (" + end
                            + "): tmux's read " + read(dir.resolve("theirs-" + n)) + ", scarab's "
                            + read(dir.resolve("ours-" + n)));
                }
                Tmux.pause();
            }
            assertEquals(read(dir.resolve("theirs-" + n)), read(dir.resolve("ours-" + n)), "what the program of pane " + n
                    + " read, in hex");
        }
        // Beside tmux's word: the wheel over the left pane at its own cell (10, 5), as SGR.
        String ours = read(dir.resolve("ours-0"));
        assertEquals(hex("\033[<64;11;6M"), ours.substring(0, hex("\033[<64;11;6M").length()), ours);
        String second = read(dir.resolve("ours-1"));
        // The wheel over the right pane: column 70 is its own 70 - left, sent as X10 bytes.
        assertEquals(hex("\033[M" + (char) (65 + 32) + (char) (70 - right + 33) + (char) (8 + 33)),
                second.substring(0, 12), second);
    }

    private static String hex(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(String.format("%02x", (int) c));
        }
        return b.toString();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file).replaceAll("\\s", "") : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
