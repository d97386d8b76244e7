package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.client.it.Scarab.Result;
import scarab.protocol.ScarabConfig;

/**
 * What a user reads: the help of each command, the manual page, the exit status of a bare
 * {@code scarab}, and the names that cannot be session names.
 */
class HelpAndNamesIT {
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
    void aBareScarabIsAUsageMistake() {
        Result bare = scarab.run();
        assertEquals(2, bare.status());
        assertEquals("", bare.out());
        assertTrue(bare.err().startsWith("Usage: scarab"), bare.err());
        assertEquals(0, scarab.run("--help").status(), "asking for help is not a mistake");
    }

    @Test
    void helpTextsSayWhatIsTrueInFullSentences() {
        String completion = scarab.ok("completion", "--help");
        assertTrue(completion.contains("scarab completion zsh > \"${fpath[1]}/_scarab\""), completion);
        assertFalse(completion.contains("null"), completion);

        // the command list shows each command's one-line summary, whole
        List<String> top = scarab.ok("--help").lines().toList();
        int sendKeys = indexOfStart(top, "  send-keys, send ");
        assertTrue(top.get(sendKeys).endsWith("Type tmux key names or text into a session."), top.get(sendKeys));
        assertTrue(top.get(sendKeys + 1).startsWith("  wait "), top.get(sendKeys + 1));

        // send-keys' own description is wrapped by picocli, not broken by hand
        List<String> help = scarab.ok("send-keys", "--help").lines().toList();
        int end = 1;
        while (!help.get(end).startsWith(" ")) {
            end++;
        }
        List<String> description = help.subList(2, end); // after the usage line and the summary
        for (String line : description.subList(0, description.size() - 1)) {
            assertTrue(line.length() >= 60, "a short line inside the description: \"" + line + "\" in\n" + help);
        }

        String stop = scarab.ok("daemon", "stop", "--help");
        assertTrue(stop.contains("running (restored)"), stop);
        assertFalse(stop.contains("come back as stopped"), stop);
        assertFalse(scarab.ok("daemon", "--help").contains("listed as stopped"));
    }

    private static int indexOfStart(List<String> lines, String start) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with \"" + start + "\" in\n" + String.join("\n", lines));
    }

    @Test
    void theManualPageHasEveryCommandOnceAndWhatTheHelpDoesNotSay() {
        String man = scarab.ok("man");
        for (String command : List.of("new", "ls", "attach", "detach", "kill", "rename", "capture", "send\\-keys", "wait",
                "daemon", "daemon start", "daemon stop", "daemon status", "config", "config check", "completion")) {
            long headings = man.lines().filter(l -> l.equals(".SS scarab " + command)
                    || l.startsWith(".SS scarab " + command + " (also ")).count();
            assertEquals(1, headings, "headings for " + command + " in\n" + man);
        }
        for (String alias : List.of("list", "list\\-sessions", "a", "attach\\-session", "kill\\-session", "send")) {
            assertFalse(man.lines().anyMatch(l -> l.startsWith(".SS scarab " + alias + "\n") || l.equals(".SS scarab " + alias)),
                    alias + " has no section of its own");
        }
        assertTrue(man.contains(".SH EXIT STATUS"), man);
        assertTrue(man.contains("SCARAB_DIRECT"), man);
        assertTrue(man.contains(".SH CONFIGURATION"), man);
        for (String key : ScarabConfig.KEYS) {
            assertTrue(man.contains("\\fB" + key.replace("-", "\\-") + "\\fR"), key + " in\n" + man);
        }
        assertTrue(man.contains("a name wins over an id prefix"), man);
    }

    @Test
    void namesThatReadAsOptionsOrDirectoriesAreRefused() throws Exception {
        scarab.ok("new", "-d", "-c", "sleep 100000", "work");
        for (String name : List.of("-h", "-x", "--", ".", "..")) {
            Result made = scarab.run("new", "-d", "-c", "sleep 100000", "--", name);
            assertEquals(2, made.status(), name + ": " + made.err());
            assertTrue(made.err().contains("invalid session name \"" + name + "\""), made.err());
            Result renamed = scarab.run("rename", "work", "--", name);
            assertEquals(2, renamed.status(), name + ": " + renamed.err());
        }
        assertEquals(List.of("work"), scarab.ok("ls", "--names").lines().toList());
        assertEquals("", scarab.run("new", "-d", "-c", "sleep 100000", "a-.b_").err(), "'-' and '.' inside are fine");
    }

    @Test
    void aNameWinsOverAnIdPrefix() throws Exception {
        scarab.ok("new", "-d", "-c", "sleep 100000", "first");
        String prefix = scarab.sessionsByName().get("first").get("id").asText().substring(0, 4);
        scarab.ok("new", "-d", "-c", "sleep 100000", prefix);
        scarab.ok("rename", prefix, "second");
        assertEquals(List.of("first", "second"), scarab.ok("ls", "--names").lines().sorted().toList());
    }
}
