package scarab.protocol.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The prefix table: tmux 3.3a's defaults, and keys bound and unbound as the config file does. */
class KeyBindingsTest {
    private static final KeyBindings STANDARD = KeyBindings.standard();

    @Test
    void defaultsAreTmuxsWithThePromptsAndRepeatableArrows() {
        assertEquals(List.of("split-window", "-h"), STANDARD.lookup("%").command());
        assertEquals(List.of("confirm-before", "-p", "kill-pane #P? (y/n)", "kill-pane"), STANDARD.lookup("x").command());
        assertEquals(List.of("command-prompt", "-I", "#W", "rename-window -- '%%'"), STANDARD.lookup(",").command());
        assertEquals(List.of("command-prompt"), STANDARD.lookup(":").command());
        assertEquals(List.of("display-panes"), STANDARD.lookup("q").command());
        assertTrue(STANDARD.lookup("\033[A").repeat(), "Up repeats");
        assertTrue(STANDARD.lookup("\033OA").repeat(), "in application cursor mode too");
        assertTrue(STANDARD.lookup("\033[1;5D").repeat(), "C-Left repeats");
        assertEquals(List.of("resize-pane", "-R", "5"), STANDARD.lookup("\033[1;3C").command());
        assertTrue(!STANDARD.lookup("c").repeat());
        assertNull(STANDARD.lookup("X"));
    }

    @Test
    void keysAreBoundByTmuxsNames() {
        KeyBindings k = STANDARD.bind("M-h", "select-pane -L").bind("C-Up", "-r resize-pane -U 3")
                .bind("F5", "selectl tiled").bind("Space", "new-window -n 'my name'");
        assertEquals(List.of("select-pane", "-L"), k.lookup("\033h").command());
        assertEquals(new KeyBindings.Binding(List.of("resize-pane", "-U", "3"), true), k.lookup("\033[1;5A"));
        assertEquals(List.of("selectl", "tiled"), k.lookup("\033[15~").command());
        assertEquals(List.of("new-window", "-n", "my name"), k.lookup(" ").command());
        assertEquals(List.of("select-window", "-n"), k.lookup("n").command(), "the others stay");
        assertNull(STANDARD.lookup("\033h"), "the standard table does not change");
    }

    @Test
    void anEmptyCommandUnbinds() {
        assertNull(STANDARD.bind("x", "").lookup("x"));
        assertNull(STANDARD.bind("x", "   ").lookup("x"));
    }

    @Test
    void mistakesAreToldInWords() {
        assertEquals("unknown key \"F99\" (tmux's key names: x, C-x, M-x, Up, C-Left, F1, Space, Enter, ...)",
                assertThrows(IllegalArgumentException.class, () -> STANDARD.bind("F99", "new-window")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> STANDARD.bind("", "new-window"));
        assertEquals("unknown command: no-such",
                assertThrows(IllegalArgumentException.class, () -> STANDARD.bind("x", "no-such")).getMessage());
        assertEquals("command split-window: unknown flag -X",
                assertThrows(IllegalArgumentException.class, () -> STANDARD.bind("x", "split-window -X")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> STANDARD.bind("x", "new-window 'open"))
                .getMessage().startsWith("cannot split \"new-window 'open\""));
        assertEquals("-r needs a command after it",
                assertThrows(IllegalArgumentException.class, () -> STANDARD.bind("x", "-r")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> STANDARD.bind("x", "s")).getMessage()
                .startsWith("ambiguous command: s, could be: "));
    }

    @Test
    void theClientsCommandsAreBindable() {
        KeyBindings k = STANDARD.bind("y", "confirm -p 'really?' 'kill-window'").bind("Q", "displayp -d 5000");
        assertEquals("confirm", k.lookup("y").command().get(0));
        assertEquals(List.of("displayp", "-d", "5000"), k.lookup("Q").command());
        assertThrows(IllegalArgumentException.class, () -> STANDARD.bind("y", "confirm-before"), "needs its command");
    }
}
