package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Copy mode typed as a person types it: the real client runs in a pane of an outer tmux, keys go
 * in with send-keys and the picture is read with capture-pane. The same history is in a pane of a
 * reference tmux 3.3a server the same size, given the same keys (through its copy-mode key table,
 * as send-keys to a pane in copy mode does; the prompts' commands, which need a client there, as
 * the commands the prompts run); what each copies must be the same. The copy also reaches the
 * client's terminal as OSC 52: the outer tmux's pane output is piped to a file (and, with its
 * set-clipboard on, the outer tmux takes it as a buffer).
 */
class CopyModeE2EIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String OURS = "main:0";
    /**
     * Once its terminal is the client's size (a session starts at its default size until the
     * client attaches), 200 numbered lines and a long one that wraps; then the program waits.
     */
    private static final String HISTORY = "while [ \"$(stty size)\" != '30 100' ]; do sleep 0.1; done; i=1; while [ $i -le 200 ]; do echo \"line-$i alpha beta-$i gamma\"; "
            + "if [ $i -eq 120 ]; then printf 'wrapped-%0150d-end\\n' 7; fi; i=$((i+1)); done; exec sleep 100000";
    private Scarab scarab;
    private Tmux tmux;
    private Tmux reference;
    private Path config;
    private Path piped;
    private Path history;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        tmux = new Tmux(scarab.root);
        reference = new Tmux(scarab.root);
        config = scarab.root.resolve("config/scarab/config.toml");
        Files.createDirectories(config.getParent());
        piped = scarab.root.resolve("outer-pane-output");
        tmux.start(100, 30, "env -i " + envLine() + " PS1='outer$ ' /bin/sh");
        tmux.awaitText(OURS, "outer$");
        tmux.tmux("set", "-g", "set-clipboard", "on");
        history = scarab.root.resolve("history.sh");
        Files.writeString(history, HISTORY + "\n");
        reference.start(100, 30, "/bin/sh " + history);
    }

    @AfterEach
    void stop() throws Exception {
        reference.close();
        tmux.close();
        scarab.close();
    }

    private String envLine() {
        return scarab.envLine(true, Map.of());
    }

    /** The history in a session attached in the outer tmux's first window, its output piped to a file. */
    private void attach(String modeKeys) throws Exception {
        Files.writeString(config, "status = \"off\"\nmode-keys = \"" + modeKeys + "\"\n");
        scarab.ok("new", "-d", "-c", "/bin/sh " + history, "copy");
        reference.await("main:0", "the reference's history", WAIT, s -> s.contains("line-200 alpha"));
        tmux.type(OURS, "clear", "Enter");
        tmux.type(OURS, "exec env " + envLine() + " " + scarab.clientCommand() + " attach copy", "Enter");
        tmux.await(OURS, "the session", WAIT, s -> s.contains("line-200 alpha") && !s.contains("outer$"));
        tmux.tmux("pipe-pane", "-O", "-t", OURS, "cat > '" + piped + "'");
    }

    private String firstRow() {
        return tmux.screen(OURS).lines().findFirst().orElse("");
    }

    private String lastRow() {
        List<String> rows = tmux.screen(OURS).lines().toList();
        return rows.isEmpty() ? "" : rows.get(rows.size() - 1);
    }

    /** tmux's position indicator for the reference's copy mode now. */
    private String theirIndicator() {
        return reference.tmux("display", "-p", "-t", "main:0", "[#{scroll_position}/#{history_size}]").strip();
    }

    private void awaitIndicator(String what) {
        String theirs = theirIndicator();
        tmux.await(OURS, what + ": " + theirs + " at the top right", WAIT,
                s -> s.lines().findFirst().orElse("").stripTrailing().endsWith(theirs));
    }

    /** Types keys in our client, and the same keys into the reference's copy mode. */
    private void both(String... keys) {
        tmux.type(OURS, keys);
        reference.type("main:0", keys);
    }

    /** The copy arrived: the same text as tmux's in our buffer, in OSC 52 on the client's terminal. */
    private void sameCopy() throws Exception {
        String theirs = reference.tmux("show-buffer");
        assertTrue(!theirs.isEmpty(), "tmux copied something");
        Scarab.waitFor("our copy", WAIT, () -> scarab.run("show-buffer").status() == 0);
        assertEquals(theirs, scarab.ok("show-buffer"), "what was copied");
        String osc = "\033]52;;" + Base64.getEncoder().encodeToString(theirs.getBytes(StandardCharsets.UTF_8)) + "\007";
        Scarab.waitFor("OSC 52 on the client's terminal", WAIT, () -> {
            try {
                return Files.exists(piped) && new String(Files.readAllBytes(piped), StandardCharsets.ISO_8859_1)
                        .contains(new String(osc.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
            } catch (java.io.IOException e) {
                return false;
            }
        });
        assertEquals(theirs, tmux.tmux("show-buffer"), "the outer terminal's clipboard");
    }

    @Test
    void emacsKeysSearchSelectAndCopyAsTmuxDoes() throws Exception {
        attach("emacs");
        String live = tmux.screenWithEscapes(OURS);
        tmux.type(OURS, "C-b", "[");
        reference.tmux("copy-mode", "-t", "main:0");
        awaitIndicator("copy mode entered");
        assertTrue(firstRow().contains("line-"), firstRow());

        // C-r opens the incremental search; each character typed searches again from the start.
        tmux.type(OURS, "C-r");
        tmux.await(OURS, "the search prompt", WAIT, s -> lastRow().startsWith("(search up)"));
        tmux.type(OURS, "line-150 ");
        reference.tmux("send-keys", "-t", "main:0", "-X", "search-backward-incremental", "=");
        reference.tmux("send-keys", "-t", "main:0", "-X", "search-backward-incremental", "=line-150 ");
        tmux.await(OURS, "the search typed", WAIT, s -> lastRow().startsWith("(search up) line-150"));
        tmux.type(OURS, "Enter");
        tmux.await(OURS, "the prompt closed", WAIT, s -> !lastRow().contains("(search up)"));
        awaitIndicator("the view on the match");

        both("C-Space");
        both("M-f");
        both("M-f");
        both("Down");
        both("Down");
        both("C-e");
        both("M-w");
        sameCopy();
        tmux.await(OURS, "the live picture back", WAIT, s -> tmux.screenWithEscapes(OURS).equals(live));
    }

    @Test
    void viKeysCountsAndTheWrappedLineAsTmuxDoes() throws Exception {
        reference.tmux("set", "-g", "mode-keys", "vi");
        attach("vi");
        String live = tmux.screenWithEscapes(OURS);
        tmux.type(OURS, "C-b", "PPage");
        reference.tmux("copy-mode", "-u", "-t", "main:0");
        awaitIndicator("copy mode a page up");

        tmux.type(OURS, "?");
        tmux.await(OURS, "the search prompt", WAIT, s -> lastRow().startsWith("(search up)"));
        tmux.type(OURS, "line-119 ", "Enter");
        reference.tmux("send-keys", "-t", "main:0", "-X", "search-backward", "line-119 ");
        awaitIndicator("the view on the match");
        both("n");
        both("N");
        awaitIndicator("n and N");

        both("0");
        both("Space");
        // 3j: a count typed before the key (tmux's prompt takes the digits; its command needs a client).
        tmux.type(OURS, "3");
        tmux.await(OURS, "the count prompt", WAIT, s -> lastRow().startsWith("(repeat) 3"));
        tmux.type(OURS, "j");
        reference.tmux("send-keys", "-t", "main:0", "-N", "3", "-X", "cursor-down");
        both("w");
        both("w");
        both("$");
        both("Enter");
        sameCopy();
        String copied = scarab.ok("show-buffer");
        assertTrue(copied.contains("line-120 alpha") && copied.contains("-end"), "the copy crosses the wrapped line: " + copied);
        tmux.await(OURS, "the live picture back", WAIT, s -> tmux.screenWithEscapes(OURS).equals(live));
    }

    @Test
    void qLeavesAndOutputUnderneathDoesNotMoveTheView() throws Exception {
        Files.writeString(config, "status = \"off\"\n");
        scarab.ok("new", "-d", "-e", "PS1=inner$ ", "-c", "/bin/sh", "copy");
        tmux.type(OURS, "clear", "Enter");
        tmux.type(OURS, "exec env " + envLine() + " " + scarab.clientCommand() + " attach copy", "Enter");
        tmux.await(OURS, "the session", WAIT, s -> s.contains("inner$") && !s.contains("outer$"));
        tmux.type(OURS, "i=1; while [ $i -le 60 ]; do echo out-$i; i=$((i+1)); done", "Enter");
        tmux.await(OURS, "the output", WAIT, s -> s.contains("out-60"));
        tmux.type(OURS, "C-b", "[");
        tmux.await(OURS, "copy mode", WAIT, s -> firstRow().stripTrailing().matches(".*\\[0/\\d+\\]"));
        String view = tmux.screen(OURS);
        // Output arrives underneath (send-keys goes to the program, not through the client).
        scarab.ok("send-keys", "copy", "echo under-$((6*7))", "Enter");
        Scarab.waitFor("the program's output", WAIT, () -> scarab.ok("capture", "copy").contains("under-42"));
        tmux.type(OURS, "k");
        tmux.type(OURS, "Up");
        tmux.await(OURS, "the view moved only by the keys", WAIT, s -> !s.contains("under-42")
                && s.lines().skip(1).toList().equals(view.lines().skip(1).toList()));
        tmux.type(OURS, "q");
        tmux.await(OURS, "the live picture, with what came meanwhile", WAIT,
                s -> s.contains("under-42") && !firstRow().stripTrailing().matches(".*\\[\\d+/\\d+\\]"));
    }
}
