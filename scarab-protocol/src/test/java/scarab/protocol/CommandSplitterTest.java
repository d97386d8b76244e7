package scarab.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandSplitterTest {
    @Test
    void splitsLikeAShellSplitsASimpleCommand() {
        assertEquals(List.of("make", "watch"), CommandSplitter.split("  make   watch "));
        assertEquals(List.of("sh", "-c", "exit 3"), CommandSplitter.split("sh -c 'exit 3'"));
        assertEquals(List.of("echo", "a \"b\" $HOME"), CommandSplitter.split("echo \"a \\\"b\\\" \\$HOME\""));
        assertEquals(List.of("a b", "c"), CommandSplitter.split("a\\ b c"));
        assertEquals(List.of("ab'c"), CommandSplitter.split("a\"b\"\\'c"));
        assertEquals(List.of(""), CommandSplitter.split("''"));
        assertEquals(List.of("$HOME", "*", "|", ">x"), CommandSplitter.split("$HOME * | >x"), "no expansion, no operators");
        assertEquals(List.of(), CommandSplitter.split("   "));
    }

    @Test
    void unterminatedQuotesAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> CommandSplitter.split("sh -c 'exit"));
        assertThrows(IllegalArgumentException.class, () -> CommandSplitter.split("echo \"hi"));
    }
}
