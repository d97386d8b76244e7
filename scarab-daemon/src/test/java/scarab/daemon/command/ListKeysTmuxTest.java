package scarab.daemon.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import scarab.daemon.UserError;
import scarab.protocol.command.Caller;
import scarab.protocol.command.ClientCommands;
import scarab.protocol.command.CommandLine;

/**
 * list-keys prints the default bindings Scarab shares with tmux 3.3a exactly as a live tmux with no
 * configuration prints them with {@code list-keys -T prefix}: the same line, padding and quoting
 * included, and in the same order.
 */
class ListKeysTmuxTest {
    /** Keys bound to the same command in both (tmux's names, as list-keys prints them). */
    private static final List<String> SHARED = List.of("C-b", "!", "\\%", "&", "(", ")", "-", ":", "L", "]", "d",
            "o", "q", "s", "w", "x", "z", "\\{", "\\}", "Up", "Down", "Left", "Right", "M-1", "M-2", "M-3", "M-4", "M-5",
            "M-Up", "M-Down", "M-Left", "M-Right", "C-Up", "C-Down", "C-Left", "C-Right", "c");

    @Test
    void sharedBindingsPrintAsTmuxPrintsThem() throws Exception {
        String socket = "scarab-lsk-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        String theirs;
        try {
            run("tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d");
            theirs = run("tmux", "-L", socket, "list-keys", "-T", "prefix");
        } finally {
            new ProcessBuilder("tmux", "-L", socket, "kill-server").start().waitFor(10, TimeUnit.SECONDS);
            scarab.daemon.TmuxSocketFile.delete(socket);
        }
        Map<String, String> tmux = byKey(theirs);
        Map<String, String> ours = byKey(listKeys("-T", "prefix"));
        List<String> tmuxOrder = new ArrayList<>();
        List<String> ourOrder = new ArrayList<>();
        for (String key : SHARED) {
            assertTrue(tmux.containsKey(key), "tmux binds " + key);
            assertEquals(tmux.get(key), ours.get(key), key);
        }
        tmux.keySet().stream().filter(SHARED::contains).forEach(tmuxOrder::add);
        ours.keySet().stream().filter(SHARED::contains).forEach(ourOrder::add);
        assertEquals(tmuxOrder, ourOrder);
        assertEquals(listKeys("-T", "prefix"), listKeys());
    }

    @Test
    void otherTables() {
        assertEquals("", listKeys("-T", "root"));
        UserError e = org.junit.jupiter.api.Assertions.assertThrows(UserError.class, () -> listKeys("-T", "nosuch"));
        assertEquals("table nosuch doesn't exist", e.getMessage());
    }

    @Test
    void escapesAsTmux() {
        assertEquals("''", KeyListing.escape(""));
        assertEquals("\"kill-pane #P? (y/n)\"", KeyListing.escape("kill-pane #P? (y/n)"));
        assertEquals("':.+'".replace("'", ""), KeyListing.escape(":.+"));
        assertEquals("'say\"hi\"'", KeyListing.escape("say\"hi\""));
        assertEquals("\\;", KeyListing.escape(";"));
        assertEquals("\"a \\\"b\\\" \\$c\"", KeyListing.escape("a \"b\" $c"));
    }

    private static String listKeys(String... args) {
        TableCommand.Output out = new TableCommand.Output();
        new ListKeysCommand().run(CommandLine.parse(ClientCommands.keyTable().lookup("list-keys"), List.of(args)),
                Caller.NOBODY, out);
        return out.stdout();
    }

    /** Lines by their key (the fourth word), in order. */
    private static Map<String, String> byKey(String listing) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : listing.split("\n")) {
            String[] words = line.trim().split(" +");
            if (words.length > 3) {
                m.put(words[1].equals("-r") ? words[4] : words[3], line);
            }
        }
        return m;
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + out);
        return out;
    }
}
