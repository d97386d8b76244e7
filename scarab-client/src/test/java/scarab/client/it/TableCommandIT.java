package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.protocol.command.CommandTable;

/**
 * The table commands end to end: the real client checks the words against the spec, sends them,
 * a real daemon parses and runs them, and the client reproduces what it printed and its status.
 */
class TableCommandIT {
    private Scarab scarab;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    private Scarab.Result fast(String... args) {
        return scarab.run(Scarab.Way.FAST, false, Clock.systemUTC(), args);
    }

    @Test
    void usageMistakesAndHelpStartNoDaemon() {
        Scarab.Result r = scarab.run("split-window", "-hX");
        assertEquals(1, r.status());
        assertEquals("", r.out());
        assertEquals("command split-window: unknown flag -X\n"
                + "usage: split-window [-bdfhv] [-l size] [-t target-pane] [-c command] [-C dir] [-e environment]\n", r.err());
        r = fast("splitw", "-l");
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("command split-window: -l expects an argument\n"), r.err());
        r = scarab.run("rename-window");
        assertEquals("command rename-window: too few arguments (need at least 1)\n"
                + "usage: rename-window [-t target-window] new-name\n", r.err());

        String help = CommandTable.standard().find("split-window").help();
        assertEquals(new Scarab.Result(0, help, ""), scarab.run("split-window", "--help"));
        assertEquals(new Scarab.Result(0, help, ""), fast("splitw", "-h", "--help"));
        assertEquals(new Scarab.Result(0, help, ""), scarab.run("help", "split-window"));
        assertEquals(new Scarab.Result(0, help, ""), scarab.run("help", "splitw"));

        assertFalse(Files.exists(scarab.socket()), "no daemon for a usage mistake or help");
        assertEquals(-1, scarab.daemonPid());
    }

    @Test
    void topLevelHelpListsTheTableCommands() {
        Scarab.Result r = scarab.run("--help");
        for (var spec : CommandTable.standard().all()) {
            // picocli lists a command as "name, alias" (choose-tree has no alias, as in tmux)
            String listed = spec.aliases().isEmpty() ? "  " + spec.name() + " " : spec.name() + ", " + spec.aliases().get(0);
            assertTrue(r.out().contains(listed), listed + " in\n" + r.out());
        }
    }

    @Test
    void displayMessageExpandsAFormatForATarget() {
        scarab.ok("new", "-d", "-c", "sleep 600", "work");
        scarab.ok("new", "-d", "-c", "sleep 601", "api.v2");
        String format = "#{session_name} #{session_id} #{window_index}:#{window_name}.#{pane_index} #{pane_id}"
                + " #{?pane_dead,dead,alive} #{=3:session_name}";
        Scarab.Result work = scarab.run("display-message", "-p", "-t", "work", format);
        assertEquals(0, work.status(), work.err());
        assertTrue(work.out().matches("work \\$\\d+ 0:sleep\\.0 %\\d+ alive wor\n"), work.out());
        String sessionNumber = work.out().split(" ")[1].substring(1);
        String id = work.out().split(" ")[3].substring(1);

        assertEquals(work, fast("display", "-p", "-t", "work:0.0", format), "the alias, the fast way, a full target");
        assertEquals(work, scarab.run("display", "-pt", "%" + id, format));
        assertEquals(work, scarab.run("display", "-p", "-t", "$" + sessionNumber, format));
        assertEquals(work, scarab.run("display", "-p", "-t", "=work:=sleep.0", format));
        Scarab.Result dotted = scarab.run("display", "-p", "-t", "api.v2", "#{session_name}|#S|##");
        assertEquals(new Scarab.Result(0, "api.v2|api.v2|#\n", ""), dotted, "a name with a period, written whole");

        // Blanks come from the caller: its pane, else its session, else the most recent session.
        scarab.env.put("SCARAB_PANE", "%" + id);
        assertEquals(work, scarab.run("display", "-p", format));
        scarab.env.remove("SCARAB_PANE");
        scarab.env.put("SCARAB_SESSION", "api.v2");
        assertEquals("api.v2\n", scarab.ok("display", "-p", "#{session_name}"));
        scarab.env.remove("SCARAB_SESSION");
        assertEquals("api.v2\n", scarab.ok("display", "-p", "#{session_name}"), "the newest, never attached");
        assertEquals("[api.v2] 0:sleep, current pane 0\n", scarab.ok("display"), "tmux's default message");
        assertEquals("-x\n", scarab.ok("display", "-p", "--", "-x"));
    }

    @Test
    void errorsAreTmuxsWordsAndStatusOne() {
        scarab.ok("new", "-d", "-c", "sleep 600", "work");
        assertEquals(new Scarab.Result(1, "", "can't find pane: nosuch\n"),
                scarab.run("display-message", "-p", "-t", "nosuch", "x"));
        assertEquals(new Scarab.Result(1, "", "can't find window: 9\n"), scarab.run("display", "-p", "-t", "work:9", "x"));
        assertEquals(new Scarab.Result(1, "", "can't find pane: 3\n"), fast("display", "-p", "-t", "work:0.3", "x"));
        assertEquals(new Scarab.Result(1, "", "can't find session: nosuch\n"),
                scarab.run("display", "-p", "-t", "nosuch:0", "x"));
        assertEquals(new Scarab.Result(1, "", "respawn pane failed: pane work:0.0 still active\n"),
                scarab.run("respawn-pane", "-t", "work"));
        assertEquals(new Scarab.Result(1, "", "source and target panes must be different\n"),
                scarab.run("join-pane", "-s", "work:0.0", "-t", "work:0.0"));
    }
}
