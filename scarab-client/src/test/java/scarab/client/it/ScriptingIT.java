package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scripting in one process: {@code \;} sequences, {@code scarab source FILE}, and {@code ls -F}
 * beside a live tmux.
 */
class ScriptingIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private Scarab scarab;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    @Test
    void aSequenceMakesASessionWithTwoPanesAndTypesIntoTheSecond() {
        for (Scarab.Way way : Scarab.Way.values()) {
            String x = "x" + way.ordinal();
            Scarab.Result r = scarab.run(way, false, Clock.systemUTC(), "new", "-d", "-c", "sh", x, ";",
                    "split-window", "-h", "-t", x, ";", "send-keys", "-t", x + ":0.1", "echo typed-into-$((6*7))", "Enter");
            assertEquals(0, r.status(), r.err());
            assertEquals(2, scarab.ok("list-panes", "-t", x, "-F", "#{pane_id}").lines().count());
            Scarab.waitFor("the second pane to run what was typed", WAIT,
                    () -> scarab.ok("capture", x + ":0.1").contains("typed-into-42"));
            assertFalse(scarab.ok("capture", x + ":0.0").contains("typed-into"), "the first pane got nothing");
        }
    }

    @Test
    void aFailingCommandStopsTheSequenceWithItsMessage() throws Exception {
        Scarab.Result r = scarab.run("new", "-d", "y", ";", "kill-window", "-t", "y:7", ";", "new", "-d", "z");
        assertEquals(1, r.status());
        assertEquals("can't find window: 7\n", r.err());
        assertTrue(scarab.sessionsByName().containsKey("y"));
        assertFalse(scarab.sessionsByName().containsKey("z"), "nothing after the failure ran");
    }

    @Test
    void anEscapedSemicolonIsTypedNotASeparator() {
        scarab.ok("new", "-d", "-c", "sh", "w");
        scarab.ok("send-keys", "-t", "w", "echo a\\;", "echo b", "Enter", ";", "send-keys", "-t", "w", "echo c", "Enter");
        Scarab.waitFor("the shell to run what was typed", WAIT, () -> {
            String screen = scarab.ok("capture", "w");
            return screen.contains("\na\nb\n") && screen.contains("\nc\n");
        });
    }

    @Test
    void sourceRunsAFileWithCommentsAndContinuations() throws Exception {
        Path file = scarab.root.resolve("setup.scarab");
        Files.writeString(file, """
                # a session with two windows, the second split
                new -d -c sh work
                new-window -t work -n editor   ; split-window -v -t work:editor
                   # an indented comment

                set-buffer -b greeting \\
                    'hello from source'
                """);
        Scarab.Result r = scarab.run("source", file.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("0 1\n1 2\n", scarab.ok("list-windows", "-t", "work", "-F", "#{window_index} #{window_panes}"));
        assertEquals("hello from source", scarab.ok("show-buffer", "-b", "greeting"));
    }

    @Test
    void aMistakeInTheFileIsReportedAsFileAndLineAndNothingRuns() throws Exception {
        Path file = scarab.root.resolve("bad.scarab");
        Files.writeString(file, "new -d early\n# fine so far\nsplit-window -X -t early\n");
        Scarab.Result r = scarab.run("source-file", file.toString());
        assertEquals(1, r.status());
        assertEquals("scarab: " + file + ":3: command split-window: unknown flag -X\n", r.err());
        Files.writeString(file, "new -d early\n\nfrobnicate now\n");
        r = scarab.run("source", file.toString());
        assertEquals("scarab: " + file + ":3: unknown command: frobnicate\n", r.err());
        Files.writeString(file, "new -d early\nsend-keys -t early 'unclosed\n");
        r = scarab.run("source", file.toString());
        assertTrue(r.err().startsWith("scarab: " + file + ":2: unterminated single quote"), r.err());
        assertFalse(scarab.sessionsByName().containsKey("early"), "a file with a mistake runs nothing");
    }

    /** As tmux's source-file: a failure skips the rest of its line; the next lines run; the status is 1. */
    @Test
    void aFailureAtRunTimeNamesItsLineAndTheRestOfTheFileRuns() throws Exception {
        Path file = scarab.root.resolve("run.scarab");
        Files.writeString(file, "new -d a\nkill-window -t a:9 ; new -d skipped\nnew -d b\n");
        Scarab.Result r = scarab.run("source", file.toString());
        assertEquals(1, r.status());
        assertEquals("scarab: " + file + ":2: can't find window: 9\n", r.err());
        assertEquals(java.util.Set.of("a", "b"), scarab.sessionsByName().keySet());
    }

    @Test
    void lsFormatExpandsAsTmuxDoes() throws Exception {
        String format = "#{session_name}: #{session_windows} windows, #{session_attached} attached"
                + " #{?session_attached,(attached),(detached)} many=#{session_many_attached} grouped=#{session_grouped}"
                + " [#{window_index} #{window_panes}] #{=3:session_name}";
        try (Tmux tmux = new Tmux(scarab.root)) {
            tmux.tmux("new-session", "-d", "-s", "alpha");
            tmux.tmux("new-session", "-d", "-s", "beta");
            tmux.tmux("new-window", "-t", "beta");
            tmux.tmux("new-window", "-t", "beta");
            tmux.tmux("split-window", "-t", "beta");
            scarab.ok("new", "-d", "alpha", ";", "new", "-d", "beta", ";", "new-window", "-t", "beta", ";",
                    "new-window", "-t", "beta", ";", "split-window", "-t", "beta");
            String expected = tmux.tmux("list-sessions", "-F", format);
            assertEquals(expected, scarab.ok("ls", "-F", format));
            assertEquals(expected, scarab.run(Scarab.Way.FAST, false, Clock.systemUTC(), "ls", "-F", format).out());
        }
        long now = System.currentTimeMillis() / 1000;
        for (String created : scarab.ok("ls", "-F", "#{session_created}").split("\n")) {
            long t = Long.parseLong(created);
            assertTrue(t <= now && t > now - 600, created);
        }
    }
}
