package scarab.protocol.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** tmux's getopt rules ({@code args_parse}) and its error wording. */
class CommandLineTest {
    private static final CommandSpec SPLIT = CommandTable.standard().find("split-window");

    private static CommandLine parse(CommandSpec spec, String... words) {
        return CommandLine.parse(spec, List.of(words));
    }

    private static String error(CommandSpec spec, String... words) {
        return assertThrows(CommandLine.UsageError.class, () -> parse(spec, words)).getMessage();
    }

    @Test
    void clusteredFlagsAndAttachedValues() {
        CommandLine c = parse(SPLIT, "-hd", "-l50%", "-tfoo");
        assertTrue(c.has('h'));
        assertTrue(c.has('d'));
        assertFalse(c.has('v'));
        assertEquals("50%", c.value('l'));
        assertEquals("foo", c.value('t'));
        assertEquals(List.of(), c.args());
    }

    @Test
    void aValueFlagInsideAClusterTakesTheRestOfTheWord() {
        CommandLine c = parse(SPLIT, "-dl30", "-bt", "work:1.2");
        assertTrue(c.has('d'));
        assertEquals("30", c.value('l'));
        assertTrue(c.has('b'));
        assertEquals("work:1.2", c.value('t'));
    }

    @Test
    void theNextWordIsAValueWhateverItLooksLike() {
        CommandLine c = parse(SPLIT, "-t", "-h", "-c", "--");
        assertEquals("-h", c.value('t'));
        assertFalse(c.has('h'));
        assertEquals("--", c.value('c'));
    }

    @Test
    void aRepeatedValueFlagKeepsTheLastAndARepeatedFlagCounts() {
        CommandLine c = parse(SPLIT, "-t", "a", "-hh", "-tb");
        assertEquals("b", c.value('t'));
        assertEquals(List.of("a", "b"), c.values('t'));
        assertEquals(2, c.count('h'));
        assertEquals(0, c.count('v'));
        assertNull(c.value('l'));
    }

    @Test
    void doubleDashEndsTheFlagsAndIsDropped() {
        CommandSpec display = CommandTable.standard().find("display-message");
        CommandLine c = parse(display, "-p", "--", "-t");
        assertTrue(c.has('p'));
        assertFalse(c.has('t'));
        assertEquals(List.of("-t"), c.args());
    }

    @Test
    void aLoneDashOrAWordEndsTheFlagsAndIsAnArgument() {
        CommandSpec display = CommandTable.standard().find("display-message");
        assertEquals(List.of("-"), parse(display, "-p", "-").args());
        assertEquals("x -p", parse(display, "x -p").arg(0));
        assertEquals(List.of("hello"), parse(display, "hello").args());
        assertThrows(CommandLine.UsageError.class, () -> parse(display, "a", "-p"), "flags come before arguments");
    }

    @Test
    void errorsAreWordedAsTmuxWordsThem() {
        assertEquals("command split-window: unknown flag -X", error(SPLIT, "-hX"));
        assertEquals("command split-window: -l expects an argument", error(SPLIT, "-h", "-l"));
        assertEquals("command split-window: invalid flag -%", error(SPLIT, "-%"));
        assertEquals("command split-window: too many arguments (need at most 0)", error(SPLIT, "-h", "extra"));
        CommandSpec rename = CommandTable.standard().find("rename-window");
        assertEquals("command rename-window: too few arguments (need at least 1)", error(rename, "-t", "0"));
        assertEquals("command rename-window: too many arguments (need at most 1)", error(rename, "a", "b"));
        assertEquals("usage: split-window [-bdfhv] [-l size] [-t target-pane] [-c command] [-C dir] [-e environment]",
                error(SPLIT, "-?"));
        CommandLine.UsageError e = assertThrows(CommandLine.UsageError.class, () -> parse(SPLIT, "-X"));
        assertEquals("unknown flag -X", e.reason());
        assertEquals(SPLIT.usageLine(), e.usageLine());
    }

    @Test
    void longFlagsAndHelp() {
        CommandSpec lsp = CommandTable.standard().find("list-panes");
        CommandLine c = parse(lsp, "-a", "--json", "-F", "#{pane_id}");
        assertTrue(c.has("json"));
        assertTrue(c.has('a'));
        assertEquals("command list-panes: unknown flag --jsn", error(lsp, "--jsn"));
        assertEquals("command split-window: unknown flag --json", error(SPLIT, "--json"));
        CommandSpec rename = CommandTable.standard().find("rename-window");
        assertTrue(parse(rename, "--help").helpRequested(), "help needs none of the arguments");
        assertTrue(parse(SPLIT, "-h", "--help", "-X").helpRequested(), "help stops the parse");
        assertFalse(parse(CommandTable.standard().find("display-message"), "--", "--help").helpRequested());
    }

    /** Generated words: whatever is given, the parse either throws a UsageError or accounts for every word. */
    @Test
    void generatedWordsAreEitherParsedWhollyOrRefusedWithAUsageError() {
        java.util.Random random = new java.util.Random(14);
        String[] pieces = {"-h", "-d", "-hd", "-l", "-l5", "-t", "x", "-", "--", "-X", "-tv", "50%", "-?", "--help"};
        for (int round = 0; round < 5000; round++) {
            String[] words = new String[random.nextInt(6)];
            for (int i = 0; i < words.length; i++) {
                words[i] = pieces[random.nextInt(pieces.length)];
            }
            try {
                CommandLine c = parse(SPLIT, words);
                if (!c.helpRequested()) {
                    assertEquals(0, c.args().size(), String.join(" ", words));
                }
            } catch (CommandLine.UsageError e) {
                assertTrue(e.getMessage().startsWith("command split-window: ") || e.getMessage().startsWith("usage: "),
                        e.getMessage());
            }
        }
    }
}
