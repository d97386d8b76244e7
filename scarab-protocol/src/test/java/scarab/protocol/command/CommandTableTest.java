package scarab.protocol.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The table holds the commands of issue 14 with the flags it lists, under tmux's names and aliases. */
class CommandTableTest {
    private static final CommandTable TABLE = CommandTable.standard();

    @Test
    void everyCommandHasTheFlagsTheIssueGivesIt() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("new-window", "neww dn:t:c:C:e: 0");
        expected.put("split-window", "splitw bdfhvl:t:c:C:e: 0");
        expected.put("select-window", "selectw lnpt: 0");
        expected.put("select-pane", "selectp DLlRUt: 0");
        expected.put("kill-pane", "killp t: 0");
        expected.put("kill-window", "killw t: 0");
        expected.put("resize-pane", "resizep DLRUZx:y:t: 1");
        expected.put("resize-window", "resizew x:y:t: 0");
        expected.put("select-layout", "selectl t: 1");
        expected.put("swap-pane", "swapp dDUs:t: 0");
        expected.put("break-pane", "breakp dn:s:t: 0");
        expected.put("join-pane", "joinp bdfhvl:s:t: 0");
        expected.put("move-pane", "movep bdfhvl:s:t: 0");
        expected.put("rename-window", "renamew t: 1");
        expected.put("respawn-pane", "respawnp kt:c:C: 0");
        expected.put("list-windows", "lsw aF:t: 0");
        expected.put("list-panes", "lsp aF:t: 0");
        expected.put("switch-client", "switchc lnpc:t: 0");
        // issue 15's chooser and key list: a part of tmux 3.3a's letters (and -c for the client)
        expected.put("choose-tree", " swZc: 0");
        expected.put("list-keys", "lsk T: 0");
        expected.put("has-session", "has t: 0");
        expected.put("list-clients", "lsc F:t: 0");
        expected.put("display-message", "display pc:d:t: 1");
        // tmux 3.3a's letters, less -t target-client and -w (the client's clipboard), and list-buffers' -f
        expected.put("set-buffer", "setb ab:n: 1");
        expected.put("show-buffer", "showb b: 0");
        expected.put("list-buffers", "lsb F: 0");
        expected.put("save-buffer", "saveb ab: 1");
        expected.put("load-buffer", "loadb b: 1");
        expected.put("delete-buffer", "deleteb b: 0");
        expected.put("paste-buffer", "pasteb dprs:b:t: 0");
        // issue 17's hooks: tmux 3.3a's run-shell less -C, -E and -d
        expected.put("run-shell", "run bc:t: 1");
        Map<String, String> actual = new LinkedHashMap<>();
        for (CommandSpec s : TABLE.all()) {
            actual.put(s.name(), String.join(",", s.aliases()) + " " + s.template() + " " + s.maxArgs());
        }
        assertEquals(expected, actual);
        assertTrue(TABLE.find("list-panes").longFlag("json") != null);
        assertTrue(TABLE.find("list-windows").longFlag("json") != null);
    }

    @Test
    void usageLinesReadAsTmuxWritesThem() {
        assertEquals("usage: split-window [-bdfhv] [-l size] [-t target-pane] [-c command] [-C dir] [-e environment]",
                TABLE.find("split-window").usageLine());
        assertEquals("usage: select-pane [-DLlRU] [-t target-pane]", TABLE.find("select-pane").usageLine());
        assertEquals("usage: resize-pane [-DLRUZ] [-x width] [-y height] [-t target-pane] [adjustment]",
                TABLE.find("resize-pane").usageLine());
        assertEquals("usage: list-panes [-a] [-F format] [-t target-window] [--json]",
                TABLE.find("list-panes").usageLine());
        assertEquals("usage: kill-pane [-t target-pane]", TABLE.find("kill-pane").usageLine());
        assertEquals("usage: swap-pane [-DdU] [-s src-pane] [-t dst-pane]", TABLE.find("swap-pane").usageLine());
    }

    @Test
    void helpNamesEveryFlagAndTheAliases() {
        String help = TABLE.find("split-window").help();
        assertTrue(help.startsWith("usage: split-window "), help);
        assertTrue(help.contains("alias: splitw"), help);
        for (FlagSpec f : TABLE.find("split-window").flags()) {
            assertTrue(help.contains("  " + f.name()), f.name() + " in " + help);
        }
    }

    @Test
    void findIsExactAndLookupTakesAUniquePrefixAsTmuxDoes() {
        assertSame(TABLE.find("split-window"), TABLE.find("splitw"));
        assertNull(TABLE.find("split"), "the CLI's words may be prefixes of table commands: it looks up exactly");
        assertSame(TABLE.find("split-window"), TABLE.lookup("split"));
        assertSame(TABLE.find("display-message"), TABLE.lookup("display"));
        assertEquals("ambiguous command: select, could be: select-window, select-pane, select-layout",
                assertThrows(CommandTable.UnknownCommand.class, () -> TABLE.lookup("select")).getMessage());
        assertEquals("unknown command: nosuch",
                assertThrows(CommandTable.UnknownCommand.class, () -> TABLE.lookup("nosuch")).getMessage());
    }

    @Test
    void aSpecRefusesFlagsTwiceAndTargetsHaveKinds() {
        assertThrows(IllegalArgumentException.class,
                () -> CommandSpec.builder("x").summary("x").flag('a', "a").value('a', "v", "again").build());
        assertThrows(IllegalArgumentException.class,
                () -> CommandSpec.builder("x").summary("x").longFlag("help", "no").build());
        assertThrows(IllegalArgumentException.class, () -> new CommandTable(List.of(
                CommandSpec.builder("a").alias("b").summary("x").build(), CommandSpec.builder("b").summary("y").build())));
        assertEquals(TargetKind.PANE, TABLE.find("split-window").flag('t').target());
        assertEquals(TargetKind.WINDOW, TABLE.find("break-pane").flag('t').target());
        assertEquals(TargetKind.SESSION, TABLE.find("list-windows").flag('t').target());
        assertNull(TABLE.find("split-window").flag('l').target());
    }
}
