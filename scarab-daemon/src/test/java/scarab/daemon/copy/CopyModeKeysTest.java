package scarab.daemon.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The key tables are tmux 3.3a's: every key of {@code tmux list-keys -T copy-mode} and {@code -T
 * copy-mode-vi} of a private server with no configuration (mouse keys aside) has the same command
 * and the same kind of prompt here, and nothing else is bound. And mode-keys follows $VISUAL and
 * $EDITOR as tmux decides it.
 */
class CopyModeKeysTest {
    private static final Pattern LINE = Pattern.compile("^bind-key\\s+-T (\\S+)\\s+(\\S+)\\s+(.*)$");
    private static final Pattern SEND = Pattern.compile("send-keys -F?X (\\S+)(?: \"(.*)\")?");
    private static final Pattern PROMPT = Pattern.compile("command-prompt (.*?)\\{ send-keys (?:-X (\\S+)|-N) \"%%\" \\}");

    @Test
    void tablesAreTmuxsDefaults() throws Exception {
        String socket = "scarab-keys-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try {
            run("tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d");
            for (boolean emacs : new boolean[] {true, false}) {
                String table = emacs ? "copy-mode" : "copy-mode-vi";
                Map<String, String> theirs = new TreeMap<>();
                for (String line : run("tmux", "-L", socket, "list-keys", "-T", table).split("\n")) {
                    Matcher m = LINE.matcher(line);
                    if (!m.matches() || m.group(2).contains("Mouse") || m.group(2).contains("Wheel")
                            || m.group(2).contains("Click")) {
                        continue;
                    }
                    String key = m.group(2).replaceAll("^\"(.*)\"$", "$1").replaceAll("^\\\\(.)$", "$1");
                    theirs.put(key, describe(m.group(3)));
                }
                Map<String, String> ours = new TreeMap<>();
                for (String key : theirs.keySet()) {
                    CopyModeKeys.Binding b = CopyModeKeys.lookup(emacs, key);
                    ours.put(key, b == null ? "unbound" : b.command() + " " + b.prompt()
                            + (b.argument() != null && b.prompt() == CopyModeKeys.Prompt.NONE ? " " + b.argument() : ""));
                }
                assertEquals(theirs, ours, table);
                assertFalse(theirs.isEmpty());
                assertEquals(null, CopyModeKeys.lookup(emacs, "C-M-z"), "a key tmux does not bind");
            }
        } finally {
            new ProcessBuilder("tmux", "-L", socket, "kill-server").start().waitFor(10, TimeUnit.SECONDS);
            scarab.daemon.TmuxSocketFile.delete(socket);
        }
    }

    /** tmux's command for a key, as "command PROMPT [argument]". */
    private static String describe(String command) {
        Matcher p = PROMPT.matcher(command);
        if (p.matches()) {
            String flags = p.group(1);
            CopyModeKeys.Prompt kind = flags.contains("-N") ? CopyModeKeys.Prompt.REPEAT
                    : flags.contains("-1") ? CopyModeKeys.Prompt.ONE_KEY
                    : flags.contains("-i") ? CopyModeKeys.Prompt.INCREMENTAL : CopyModeKeys.Prompt.TEXT;
            return p.group(2) + " " + kind;
        }
        Matcher s = SEND.matcher(command);
        assertTrue(s.matches(), command);
        return s.group(1) + " NONE" + (s.group(2) != null ? " " + s.group(2) : "");
    }

    @Test
    void modeKeysFollowVisualThenEditorAsTmuxDecides() {
        assertTrue(CopyModeKeys.emacsByDefault(null, null));
        assertFalse(CopyModeKeys.emacsByDefault(null, "/usr/bin/vim"));
        assertFalse(CopyModeKeys.emacsByDefault("nvim", "emacs"));
        assertTrue(CopyModeKeys.emacsByDefault("emacs", "vi"));
        assertTrue(CopyModeKeys.emacsByDefault("", "vi"), "a set VISUAL wins even when empty");
        assertTrue(CopyModeKeys.emacsByDefault(null, "/opt/vi/bin/nano"), "only the file name counts");
    }

    private static String run(String... command) throws Exception {
        List<String> c = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + out);
        return out;
    }
}
