package scarab.daemon.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import scarab.daemon.UserError;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandTable;

/** The daemon's half of a table command: lookup, parse, help, the handler's output and errors. */
class CommandHandlerTest {
    private static final TableCommand ECHO = (line, caller, out) -> {
        if (line.has('t') && line.value('t').equals("bad")) {
            throw new UserError("not-found", "can't find window: bad");
        }
        out.println("renamed " + line.value('t') + " to " + line.arg(0) + " for " + caller.pane());
    };

    private final CommandHandler handler = new CommandHandler(
            new TableCommands(CommandTable.standard()).register("rename-window", ECHO).seal());

    private String run(String... argv) {
        TableCommand.Output out = handler.run(List.of(argv), new Caller("/", "%3", null));
        return out.status() + "|" + out.stdout() + "|" + out.stderr();
    }

    @Test
    void runsTheHandlerOfTheNameAliasOrUniquePrefix() {
        assertEquals("0|renamed 1 to x for %3\n|", run("rename-window", "-t1", "x"));
        assertEquals("0|renamed 1 to x for %3\n|", run("renamew", "-t", "1", "x"));
        assertEquals("0|renamed null to x for %3\n|", run("rename-w", "x"));
    }

    @Test
    void failuresAreTmuxsWordsOnStderrWithStatusOne() {
        assertEquals("1||can't find window: bad\n", run("renamew", "-t", "bad", "x"));
        assertEquals("1||unknown command: nosuch\n", run("nosuch"));
        assertEquals("1||ambiguous command: re, could be: resize-pane, resize-window, rename-window, respawn-pane\n",
                run("re"));
        assertEquals("1||command rename-window: unknown flag -x\nusage: rename-window [-t target-window] new-name\n",
                run("rename-window", "-x"));
        assertEquals("1||usage: rename-window [-t target-window] new-name\n", run("rename-window", "-?"));
        assertEquals("1||unknown command: kill-pane (not served by this daemon yet)\n", run("killp"));
        assertEquals("1||no command given\n", run());
    }

    @Test
    void helpIsTheSpecsHelp() {
        assertEquals("0|" + CommandTable.standard().find("kill-pane").help() + "|", run("kill-pane", "--help"));
    }

    @Test
    void theRegistryRefusesUnknownNamesAndSecondHandlers() {
        TableCommands commands = new TableCommands(CommandTable.standard());
        assertThrows(IllegalArgumentException.class, () -> commands.register("nosuch", ECHO));
        assertThrows(IllegalArgumentException.class, () -> commands.register("splitw", ECHO), "by full name only");
        commands.register("split-window", ECHO);
        assertThrows(IllegalArgumentException.class, () -> commands.register("split-window", ECHO));
        commands.seal();
        assertThrows(IllegalStateException.class, () -> commands.register("kill-pane", ECHO));
    }
}
