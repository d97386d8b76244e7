package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The status-line prompts, messages, display-panes, repeat-time and the config's {@code [keys]},
 * typed as a person types them: the real client runs in a pane of an outer tmux, keys go in with
 * send-keys and the screen is read with capture-pane. Where tmux 3.3a draws something, a real tmux
 * client beside it (another window of the outer tmux, the same size) is sent the same keys and
 * the rows must be equal, colours included. Run twice: the daemon serving the client's terminal
 * itself ({@link PromptE2EIT}) and keys relayed by the client ({@link PromptRelayE2EIT}).
 */
abstract class PromptScenarios {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String OURS = "main:0";
    private static final String THEIRS = "main:ref";
    private Scarab scarab;
    @org.junit.jupiter.api.extension.RegisterExtension
    final DaemonDumpOnFailure dumpOnFailure = new DaemonDumpOnFailure(() -> scarab);
    private Tmux tmux;
    private Tmux reference;
    private Path config;

    abstract boolean direct();

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        tmux = new Tmux(scarab.root);
        reference = new Tmux(scarab.root);
        config = scarab.root.resolve("config/scarab/config.toml");
        Files.createDirectories(config.getParent());
        tmux.start(100, 30, "env -i " + envLine(Map.of("PS1", "outer$ ")) + " /bin/sh");
        tmux.awaitText(OURS, "outer$");
    }

    @AfterEach
    void stop() throws Exception {
        reference.close();
        tmux.close();
        scarab.close();
    }

    private String envLine(Map<String, String> extra) {
        return scarab.envLine(direct(), extra);
    }

    /** A session running sh, attached in the outer tmux's first window. */
    private void attachShell(String name) {
        scarab.ok("new", "-d", "-e", "PS1=inner$ ", "-c", "/bin/sh", name);
        tmux.type(OURS, "clear", "Enter");
        tmux.type(OURS, "env " + envLine(Map.of()) + " " + scarab.clientCommand() + " attach " + name, "Enter");
        tmux.await(OURS, "the session's shell", WAIT, s -> s.contains("inner$") && !s.contains("outer$"));
    }

    /** A real tmux client beside ours, running the same shell, with the status line off as ours is. */
    private void startReference() {
        tmux.newWindow("ref", "env -i " + envLine(Map.of("PS1", "inner$ ")) + " " + reference.commandLine()
                + " new -s in /bin/sh");
        tmux.await(THEIRS, "tmux's shell", WAIT, s -> s.contains("inner$"));
    }

    private String lastRow(String target) {
        List<String> rows = tmux.screenWithEscapes(target).lines().toList();
        return rows.isEmpty() ? "" : rows.get(rows.size() - 1);
    }

    /** Types the same keys in both clients; then their last rows must come to be equal (with colours). */
    private String sameLastRow(String what, String... keys) {
        tmux.type(THEIRS, keys);
        tmux.type(OURS, keys);
        return awaitEqual(what, () -> lastRow(THEIRS), () -> lastRow(OURS));
    }

    /**
     * As {@link #sameLastRow}, for a message, which each client shows for 750 ms: each side's row
     * is taken when it first shows, and the two must be equal.
     */
    private String sameMessage(String what, String... keys) {
        String ourBefore = lastRow(OURS);
        String theirBefore = lastRow(THEIRS);
        tmux.type(THEIRS, keys);
        tmux.type(OURS, keys);
        String t = null;
        String o = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while ((t == null || o == null) && System.nanoTime() < deadline) {
            String ours = lastRow(OURS);
            // a message has no prompt cursor (a reversed cell): the prompt's own rows are passed over
            if (o == null && !ours.isBlank() && !ours.equals(ourBefore) && !ours.contains("\033[7m")) {
                o = ours;
            }
            String theirs = lastRow(THEIRS);
            if (t == null && !theirs.isBlank() && !theirs.equals(theirBefore) && !theirs.contains("\033[7m")) {
                t = theirs;
            }
        }
        assertEquals(t, o, what);
        return o;
    }

    /** As {@link #sameLastRow}, for keys that close what the row showed: both rows blank. */
    private void bothClosed(String what, String... keys) {
        tmux.type(THEIRS, keys);
        tmux.type(OURS, keys);
        Scarab.waitFor(what, WAIT, () -> lastRow(THEIRS).isBlank() && lastRow(OURS).isBlank());
    }

    private static String awaitEqual(String what, Supplier<String> theirs, Supplier<String> ours) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String t = "";
        String o = "";
        while (System.nanoTime() < deadline) {
            t = visible(theirs.get());
            o = visible(ours.get());
            if (t.equals(o) && !t.isBlank()) {
                return o;
            }
            Tmux.pause();
        }
        // Escapes made visible: screens that differ only in colours look the same otherwise.
        throw new AssertionError(what + ": tmux shows\n" + t.replace("\033", "^[") + "\nscarab shows\n"
                + o.replace("\033", "^["));
    }

    /**
     * A screen captured with escapes, without the colour changes at the end of a row, after its
     * last cell: they colour no cell anyone sees (the outer tmux emits one when a row's blank tail
     * was written with the default colours, none when it was cleared, and the two clients clear
     * differently).
     */
    private static String visible(String screen) {
        // Foreground changes and resets only: a background set at the end starts blank cells the
        // capture trimmed, which are seen.
        return screen.lines().map(l -> l.replaceAll("(\033\\[(0|39|49|3[0-7]|9[0-7])?m)+$", ""))
                .collect(Collectors.joining("\n"));
    }

    private String panes(String format) {
        return scarab.ok("list-panes", "-t", "keys", "-F", format);
    }

    private void awaitScarab(String what, Supplier<Boolean> condition) {
        Scarab.waitFor(what, WAIT, condition::get);
    }

    @Test
    void promptsConfirmationsAndMessagesLookAsInTmux() throws Exception {
        Files.writeString(config, "status = \"off\"\n");
        attachShell("keys");
        startReference();
        String rename = sameLastRow("the rename prompt", "C-b", ",");
        assertTrue(rename.contains("(rename-window) sh"), rename);
        sameLastRow("typing and moving in the prompt", "x", "y", "z", "Left", "Left", "BSpace");
        sameLastRow("Home and End", "C-a");
        bothClosed("Escape closes the prompt", "Escape");
        String index = sameLastRow("the index prompt", "C-b", "'");
        assertTrue(index.contains("index "), index);
        sameLastRow("typing a number", "4", "2");
        sameLastRow("C-u", "C-u");
        bothClosed("C-c closes the prompt", "C-c");
        String killPane = sameLastRow("the kill-pane question", "C-b", "x");
        assertTrue(killPane.contains("kill-pane 0? (y/n)"), killPane);
        bothClosed("n keeps the pane", "n");
        String killWindow = sameLastRow("the kill-window question", "C-b", "&");
        assertTrue(killWindow.contains("kill-window sh? (y/n)"), killWindow);
        bothClosed("n keeps the window", "n");
        sameLastRow("the command prompt", "C-b", ":");
        String error = sameMessage("an unknown command's message", "foo-bar", "Enter");
        assertTrue(error.contains("Unknown command: foo-bar"), error);
        assertEquals("1\n", scarab.ok("list-panes", "-t", "keys", "-F", "#{window_panes}"));

        // The picture is the program's again once the message goes (with the first key).
        tmux.type(OURS, "echo after-$((6*7))", "Enter");
        tmux.await(OURS, "the shell's output and no message", WAIT,
                s -> s.contains("after-42") && !s.contains("Unknown command"));
    }

    /**
     * display-message without -p shows on the client, as tmux's: typed at the prompt (-d 0: until a
     * key) in both clients, then run from a shell outside, which finds the client of the session.
     */
    @Test
    void displayMessageShowsOnTheClientAsInTmux() throws Exception {
        Files.writeString(config, "status = \"off\"\n");
        attachShell("keys");
        startReference();
        sameLastRow("the command prompt", "C-b", ":");
        String shown = sameLastRow("the message, until a key",
                "display-message -d 0 'at #{window_index}.#{pane_index} of #{window_panes}'", "Enter");
        assertTrue(shown.contains("at 0.0 of 1"), shown);
        bothClosed("a key clears it", "Escape");
        scarab.ok("display-message", "-d", "0", "from-a-shell #{session_name}");
        tmux.await(OURS, "the message from the command line", WAIT,
                s -> s.lines().reduce((a, b) -> b).orElse("").contains("from-a-shell keys"));
        assertEquals("printed keys\n", scarab.ok("display-message", "-p", "printed #{session_name}"));
    }

    @Test
    void displayPanesLooksAsInTmuxAndADigitSelects() throws Exception {
        Files.writeString(config, "status = \"off\"\n");
        scarab.env.put("PS1", "inner$ "); // the daemon's, so that a split's new shell prompts as tmux's does
        attachShell("keys");
        startReference();
        tmux.type(THEIRS, "C-b", "%");
        tmux.type(OURS, "C-b", "%");
        awaitScarab("two panes", () -> panes("#{pane_id}").lines().count() == 2);
        for (String k : List.of("C-b", ":")) {
            tmux.type(THEIRS, k);
            tmux.type(OURS, k);
        }
        // -d 0: until a key, so that both stay up while they are compared.
        tmux.type(THEIRS, "display-panes -d 0", "Enter");
        tmux.type(OURS, "display-panes -d 0", "Enter");
        // Each side's screen once its digits show (red and blue); then the two must be equal.
        tmux.await(THEIRS, "tmux's pane numbers", WAIT, s -> tmux.screenWithEscapes(THEIRS).contains("\033[41m"));
        String theirs = tmux.screenWithEscapes(THEIRS); // -d 0: shown until a key
        tmux.await(OURS, "our pane numbers", WAIT, s -> tmux.screenWithEscapes(OURS).contains("\033[41m"));
        String screen = awaitEqual("the pane numbers", () -> theirs, () -> tmux.screenWithEscapes(OURS));
        assertTrue(screen.contains("\033[41m") && screen.contains("\033[44m"), "red and blue digits:\n" + screen);
        tmux.type(OURS, "0");
        awaitScarab("pane 0 selected", () -> panes("#{pane_active}").equals("1\n0\n"));
        tmux.await(OURS, "the numbers gone", WAIT, s -> !tmux.screenWithEscapes(OURS).contains("\033[41m"));
    }

    @Test
    void bufferKeysPasteAndDelete() throws Exception {
        attachShell("keys");
        scarab.ok("set-buffer", "echo pasted-$((6*7))");
        tmux.type(OURS, "C-b", "]");
        tmux.await(OURS, "the buffer typed at the prompt", WAIT, s -> s.contains("inner$ echo pasted-$((6*7))"));
        tmux.type(OURS, "Enter");
        tmux.await(OURS, "the pasted command run", WAIT, s -> s.contains("pasted-42"));
        String buffers = scarab.ok("list-buffers");
        assertTrue(buffers.startsWith("buffer0: 20 bytes: ") && buffers.lines().count() == 1, buffers);
        tmux.type(OURS, "C-b", "-");
        awaitScarab("the buffer deleted", () -> scarab.ok("list-buffers").isEmpty());
    }

    @Test
    void renameSelectKillAndSplitThroughThePrompts() throws Exception {
        attachShell("keys");
        tmux.type(OURS, "C-b", ",");
        tmux.await(OURS, "the rename prompt on the last row", WAIT, s -> s.stripTrailing().endsWith("(rename-window) sh"));
        tmux.type(OURS, "C-u", "edited", "Enter");
        awaitScarab("the window renamed", () -> scarab.ok("list-windows", "-t", "keys", "-F", "#{window_name}").equals("edited\n"));
        tmux.type(OURS, "echo passthrough-$((6*7))", "Enter");
        tmux.await(OURS, "the program's picture back", WAIT,
                s -> s.contains("passthrough-42") && !s.contains("(rename-window)"));

        tmux.type(OURS, "C-b", ":", "split-window -h", "Enter");
        awaitScarab("two panes", () -> panes("#{pane_id}").lines().count() == 2);
        tmux.type(OURS, "C-b", "x");
        tmux.await(OURS, "the question", WAIT, s -> s.contains("kill-pane 1? (y/n)"));
        tmux.type(OURS, "n");
        tmux.await(OURS, "the question gone", WAIT, s -> !s.contains("kill-pane 1? (y/n)"));
        assertEquals(2, panes("#{pane_id}").lines().count(), "n keeps the pane");
        tmux.type(OURS, "C-b", "x");
        tmux.await(OURS, "the question", WAIT, s -> s.contains("kill-pane 1? (y/n)"));
        tmux.type(OURS, "y");
        awaitScarab("one pane", () -> panes("#{pane_id}").lines().count() == 1);

        tmux.type(OURS, "C-b", "c");
        awaitScarab("two windows", () -> scarab.ok("list-windows", "-t", "keys", "-F", "#{window_index}").equals("0\n1\n"));
        tmux.type(OURS, "C-b", "'", "0", "Enter");
        awaitScarab("window 0 selected", () -> scarab.ok("display", "-p", "-t", "keys", "#{window_index}").equals("0\n"));
        tmux.type(OURS, "C-b", "&");
        tmux.await(OURS, "the question", WAIT, s -> s.contains("kill-window edited? (y/n)"));
        tmux.type(OURS, "y");
        awaitScarab("one window", () -> scarab.ok("list-windows", "-t", "keys", "-F", "#{window_index}").equals("1\n"));
        tmux.await(OURS, "window 1 shown", WAIT, s -> !s.contains("passthrough-42"));
        tmux.type(OURS, "echo still-$((6*8))", "Enter");
        tmux.awaitText(OURS, "still-48");
    }

    @Test
    void aFailingKeyCommandSaysWhy() throws Exception {
        attachShell("keys");
        String cli = scarab.run("select-pane", "-l", "-t", "keys").err().strip();
        assertTrue(!cli.isEmpty(), "select-pane -l fails without a last pane");
        tmux.type(OURS, "C-b", "\\;"); // select-pane -l: this window has no last pane (a lone ";" ends send-keys)
        tmux.await(OURS, "the error on the last row", WAIT, s -> lastLine(s).strip().equalsIgnoreCase(cli));
        tmux.type(OURS, "echo gone-$((6*7))", "Enter");
        tmux.await(OURS, "the message gone with a key", WAIT,
                s -> s.contains("gone-42") && !lastLine(s).strip().equalsIgnoreCase(cli));
    }

    private static String lastLine(String screen) {
        List<String> rows = screen.lines().toList();
        return rows.isEmpty() ? "" : rows.get(rows.size() - 1);
    }

    @Test
    void arrowsRepeatWithoutThePrefixWithinRepeatTime() throws Exception {
        attachShell("keys");
        tmux.type(OURS, "C-b", "%");
        awaitScarab("two panes", () -> panes("#{pane_id}").lines().count() == 2);
        tmux.type(OURS, "C-b", "%");
        awaitScarab("three panes", () -> panes("#{pane_id}").lines().count() == 3);
        // One send: Left twice after one prefix, then typing, which ends the repeat and goes to the pane.
        tmux.type(OURS, "C-b", "Left", "Left", "echo rep-$((2*3))", "Enter");
        awaitScarab("pane 0 active", () -> panes("#{pane_active}").equals("1\n0\n0\n"));
        awaitScarab("typed into pane 0", () -> scarab.ok("capture", "keys:0.0").contains("rep-6"));
        int before = Integer.parseInt(scarab.ok("display", "-p", "-t", "keys:0.0", "#{pane_width}").strip());
        tmux.type(OURS, "C-b", "C-Right", "C-Right", "C-Right");
        awaitScarab("pane 0 three cells wider", () -> Integer.parseInt(
                scarab.ok("display", "-p", "-t", "keys:0.0", "#{pane_width}").strip()) == before + 3);
    }

    @Test
    void keysFromTheConfigFile() throws Exception {
        Files.writeString(config, "[keys]\n\"M-h\" = \"select-pane -L\"\n\"x\" = \"\"\n\"F99\" = \"select-pane\"\n"
                + "\"y\" = \"no-such-command\"\n\"R\" = \"-r resize-pane -R 2\"\n");
        Scarab.Result check = scarab.run("config", "check");
        assertTrue(check.out().contains("keys: \"F99\": unknown key") || check.err().contains("keys: \"F99\": unknown key"),
                check.toString());
        assertTrue((check.out() + check.err()).contains(config + ":5: keys: \"y\": unknown command: no-such-command"),
                check.toString());
        attachShell("keys");
        tmux.type(OURS, "C-b", "%");
        awaitScarab("two panes", () -> panes("#{pane_id}").lines().count() == 2);
        tmux.type(OURS, "C-b", "M-h");
        awaitScarab("the left pane active by M-h", () -> panes("#{pane_active}").equals("1\n0\n"));
        int before = Integer.parseInt(scarab.ok("display", "-p", "-t", "keys:0.0", "#{pane_width}").strip());
        tmux.type(OURS, "C-b", "R", "R");
        awaitScarab("R repeats", () -> Integer.parseInt(
                scarab.ok("display", "-p", "-t", "keys:0.0", "#{pane_width}").strip()) == before + 4);
        tmux.type(OURS, "C-b", "x", "echo unbound-$((6*7))", "Enter");
        tmux.await(OURS, "x unbound: no question, the typing reaches the shell", WAIT, s -> s.contains("unbound-42"));
        assertTrue(!tmux.screen(OURS).contains("(y/n)"), tmux.screen(OURS));
        assertEquals(2, panes("#{pane_id}").lines().count());
    }
}
