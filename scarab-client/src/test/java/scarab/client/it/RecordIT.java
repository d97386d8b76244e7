package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Recording panes as asciicast files against a real daemon: every byte of the output (a character
 * split across two writes too) and a resize, a pane recorded while it runs played back to the
 * same screen (by scarab play, by a replay session and by asciinema's player), and a recording
 * that goes on after the daemon is killed. Debian's asciinema reads the files ({@code asciinema
 * cat} prints exactly the recorded bytes).
 */
class RecordIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private Scarab scarab;
    private Tmux tmux;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        tmux = new Tmux(scarab.root);
    }

    @AfterEach
    void stop() throws Exception {
        tmux.close();
        scarab.close();
    }

    /** A parsed recording: its header and its event lines. */
    private record Cast(JsonNode header, List<JsonNode> events, List<String> lines) {
        String output() {
            StringBuilder b = new StringBuilder();
            events.stream().filter(e -> e.get(1).asText().equals("o")).forEach(e -> b.append(e.get(2).asText()));
            return b.toString();
        }

        List<JsonNode> of(String code) {
            return events.stream().filter(e -> e.get(1).asText().equals(code)).toList();
        }
    }

    /** Every line must be JSON: the header object, then [time, code, data] arrays. */
    private static Cast read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        JsonNode header = JSON.readTree(lines.get(0));
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            JsonNode e = JSON.readTree(line);
            assertTrue(e.isArray() && e.size() == 3 && e.get(0).isNumber() && e.get(2).isTextual(), line);
            assertTrue(line.matches("^\\[\\d+\\.\\d{6}, \"[oirmx]\", \".*\"\\]$"), "microseconds and a code: " + line);
            events.add(e);
        }
        return new Cast(header, events, lines);
    }

    /**
     * A program that prints the euro sign in two writes (its first two bytes, then after a key the
     * last one), with a resize between: the "o" events together are exactly the bytes printed, the
     * character whole in one event, and the resize an "r" event. asciinema cat and scarab play print
     * the same bytes.
     */
    @Test
    void everyByteIsRecordedAndACharacterSplitAcrossWritesStaysWhole() throws Exception {
        Path file = scarab.root.resolve("split.cast");
        scarab.ok("new", "-d", "--record", file.toString(), "-c", "sh -c 'stty -echo; read a; printf \"A\\342\\202\";"
                + " read b; printf \"\\254B\"; read c; printf \"C\\n\"; read d'", "rec");
        scarab.ok("send-keys", "rec", "Enter");
        Scarab.waitFor("A on the screen", WAIT, () -> scarab.ok("capture", "rec").startsWith("A"));
        scarab.ok("resize-window", "-t", "rec", "-x", "100", "-y", "30");
        scarab.ok("send-keys", "rec", "Enter");
        Scarab.waitFor("the euro sign", WAIT, () -> scarab.ok("capture", "rec").startsWith("A€B"));
        scarab.ok("send-keys", "rec", "Enter");
        Scarab.waitFor("C", WAIT, () -> scarab.ok("capture", "rec").startsWith("A€BC"));
        scarab.ok("record", "stop", "-t", "rec");

        Cast cast = read(file);
        assertEquals(2, cast.header().get("version").asInt());
        assertEquals(80, cast.header().get("width").asInt());
        assertEquals(24, cast.header().get("height").asInt());
        assertEquals("xterm-256color", cast.header().get("env").get("TERM").asText());
        assertEquals("/bin/sh", cast.header().get("env").get("SHELL").asText());
        assertTrue(cast.header().get("timestamp").asLong() > 1_600_000_000L, cast.lines().get(0));
        assertEquals("rec", cast.header().get("title").asText());
        assertTrue(cast.header().get("command").asText().startsWith("sh -c stty -echo;"), cast.lines().get(0));
        String expected = "A€BC\r\n";
        assertEquals(expected, cast.output());
        assertTrue(cast.of("o").stream().anyMatch(e -> e.get(2).asText().startsWith("€")),
                "the euro sign whole in the event of its last byte: " + cast.lines());
        assertFalse(cast.output().contains("\ufffd"));
        assertEquals(List.of("100x30"), cast.of("r").stream().map(e -> e.get(2).asText()).toList());
        double last = 0;
        for (JsonNode e : cast.events()) {
            assertTrue(e.get(0).asDouble() >= last, "times only grow: " + cast.lines());
            last = e.get(0).asDouble();
        }

        Scarab.Result played = scarab.run("play", "--idle-limit", "0.01", file.toString());
        assertEquals(new Scarab.Result(0, expected, ""), played);
        assertEquals(expected, asciinemaCat(file));
    }

    /**
     * Recording starts on a pane that has printed a screenful already (colours, a moved cursor
     * later): the file begins with that screen drawn, so scarab play in a fresh tmux pane, a
     * replay session and asciinema's player all end on the pane's screen.
     */
    @Test
    void aRecordingStartedOnARunningPanePlaysBackToItsScreen() throws Exception {
        Path file = scarab.root.resolve("running.cast");
        scarab.ok("new", "-d", "-c", "sh -c 'stty -echo; printf \"\\033[1;31mred\\033[0m line\\n\"; i=0;"
                + " while [ $i -lt 30 ]; do echo row-$i; i=$((i+1)); done; printf \"\\033[44mblue\"; read a;"
                + " printf \"\\033[5;10H\\033[0mhere\\033[2;1H\"; read b'", "run");
        Scarab.waitFor("the rows", WAIT, () -> scarab.ok("capture", "run").contains("blue"));
        scarab.ok("record", "start", "-t", "run", file.toString());
        scarab.ok("send-keys", "run", "Enter");
        Scarab.waitFor("here", WAIT, () -> scarab.ok("capture", "run").contains("here"));
        scarab.ok("record", "stop", "-t", "run");
        String screen = trimmed(scarab.ok("capture", "run"));
        String colours = trimmed(scarab.ok("capture", "-e", "run"));
        Cast cast = read(file);
        assertTrue(cast.of("o").get(0).get(2).asText().contains("row-29"), "begins with the screen: " + cast.lines());

        tmux.start(80, 24, scarab.clientCommand() + " play --speed 100 " + file + "; exec sleep 100000");
        tmux.await(null, "the played screen", WAIT, s -> trimmed(s).equals(screen));
        assertEquals(colours, trimmed(tmux.screenWithEscapes(null)));

        scarab.ok("new", "-d", "--replay", file.toString(), "replayed");
        Scarab.waitFor(() -> "the replay session's screen: " + scarab.ok("capture", "replayed"), WAIT,
                () -> trimmed(scarab.ok("capture", "replayed")).equals(screen));
        assertEquals(colours, trimmed(scarab.ok("capture", "-e", "replayed")));

        tmux.newWindow("asciinema", "asciinema play -s 100 " + file + "; exec sleep 100000");
        tmux.await("main:asciinema", "asciinema's played screen", WAIT, s -> trimmed(s).equals(screen));
    }

    /**
     * The daemon is killed (-9) while a pane is recorded: the file is valid up to its last line,
     * and the next daemon goes on with it after an "m" marker, drawing the restarted pane's screen.
     */
    @Test
    void aRecordingGoesOnAfterTheDaemonIsKilled() throws Exception {
        Path file = scarab.root.resolve("restart.cast");
        scarab.ok("new", "-d", "--record", file.toString(), "--record-format", "v3", "-c",
                "sh -c 'stty -echo; echo run-started; read a; echo after-$a; read b'", "k");
        Scarab.waitFor("the first output in the file", WAIT, () -> fileHas(file, "run-started"));
        long pid = scarab.daemonPid();
        assertEquals(0, new ProcessBuilder("kill", "-9", String.valueOf(pid)).start().waitFor());
        Scarab.waitFor("the daemon to die", WAIT, () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        Cast killed = read(file);
        assertEquals(3, killed.header().get("version").asInt());
        assertEquals(80, killed.header().get("term").get("cols").asInt());
        assertEquals("xterm-256color", killed.header().get("term").get("type").asText());

        scarab.ok("ls"); // starts the next daemon, which restarts the session's program
        Scarab.waitFor("the restarted program", WAIT, () -> scarab.ok("capture", "k").contains("after daemon restart"));
        Scarab.waitFor("its output", WAIT, () -> scarab.ok("capture", "k").split("after daemon restart")[1].contains("run-started"));
        scarab.ok("send-keys", "k", "x", "Enter");
        Scarab.waitFor("after-x", WAIT, () -> scarab.ok("capture", "k").contains("after-x"));
        scarab.ok("record", "stop", "-t", "k");

        Cast cast = read(file);
        assertEquals(killed.lines(), cast.lines().subList(0, killed.lines().size()), "the same file, gone on with");
        List<String> after = cast.lines().subList(killed.lines().size(), cast.lines().size());
        assertTrue(after.get(0).contains("\"m\", \"daemon restarted\""), "an m marker first: " + after);
        assertTrue(after.get(1).matches("^\\[[0-9.]+, \"r\", \"80x24\"\\]$"), after.get(1));
        assertTrue(cast.output().indexOf("after-x") > cast.output().lastIndexOf("run-started"), cast.output());
        assertEquals(1, cast.of("m").size());
    }

    /**
     * An in-place upgrade keeps the same program and the same recording: the file goes on with
     * nothing between (no marker, no redraw, no resize), every byte once.
     */
    @Test
    void aRecordingGoesOnThroughAnUpgradeWithNothingBetween() throws Exception {
        Path file = scarab.root.resolve("upgrade.cast");
        scarab.ok("new", "-d", "--record", file.toString(), "-c",
                "sh -c 'stty -echo; echo before-upgrade; read a; echo after-$a; read b'", "u");
        Scarab.waitFor("the first output in the file", WAIT, () -> fileHas(file, "before-upgrade"));
        long pid = scarab.daemonPid();
        scarab.ok("daemon", "upgrade");
        assertEquals(pid, scarab.daemonPid(), "the same daemon process, upgraded in place");
        scarab.ok("send-keys", "u", "y", "Enter");
        Scarab.waitFor("after-y in the file", WAIT, () -> fileHas(file, "after-y"));
        scarab.ok("record", "stop", "-t", "u");

        Cast cast = read(file);
        assertEquals("before-upgrade\r\nafter-y\r\n", cast.output());
        assertEquals(List.of(), cast.of("m"), "no marker: nothing was lost or drawn again");
        assertEquals(List.of(), cast.of("r"), "no resize");
    }

    /** A v3 recording ends with its pane's program: an "x" event with the status, and nothing left to stop. */
    @Test
    void aPanesEndEndsItsRecordingWithAnExitEvent() throws Exception {
        Path file = scarab.root.resolve("exit.cast");
        scarab.ok("new", "-d", "--record", file.toString(), "--record-format", "v3", "-c",
                "sh -c 'stty -echo; read a; echo bye; exit 3'", "x");
        scarab.ok("send-keys", "x", "Enter");
        Scarab.waitFor("the exit event", WAIT, () -> fileHas(file, "\"x\", \"3\"]"));
        Cast cast = read(file);
        assertEquals("bye\r\n", cast.output());
        assertEquals("3", cast.events().get(cast.events().size() - 1).get(2).asText());
        assertEquals(1, cast.of("x").size());
        Scarab.Result stop = scarab.run("record", "stop", "-t", "x");
        assertEquals(1, stop.status(), stop.toString());
        assertTrue(scarab.run("record", "start", "-t", "nosuch", file.toString()).err().contains("nosuch"));
    }

    private static boolean fileHas(Path file, String text) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** The screen as capture prints it, without the blank lines at its end. */
    private static String trimmed(String screen) {
        return screen.replaceAll("\\s+$", "");
    }

    /** {@code asciinema cat FILE}'s output (it wants a terminal: run in a tmux window). */
    private String asciinemaCat(Path file) throws IOException {
        Path out = scarab.root.resolve("asciinema-cat.out");
        Path done = scarab.root.resolve("asciinema-cat.done");
        if (new ProcessBuilder("sh", "-c", "command -v asciinema").start().onExit().join().exitValue() != 0) {
            throw new AssertionError("asciinema is not installed (Debian's asciinema package: .ci/run installs it)");
        }
        tmux.start(80, 24, "LANG=C.UTF-8 asciinema cat " + file + " > " + out + "; touch " + done + "; exec sleep 100000");
        Scarab.waitFor("asciinema cat", WAIT, () -> Files.exists(done));
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
