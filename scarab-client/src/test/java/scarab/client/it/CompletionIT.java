package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.protocol.keys.NamedKey;

/**
 * The bash completion script of {@code scarab completion bash}, sourced into bash: the function
 * it registers for scarab is called with COMP_WORDS as bash would, and a real interactive bash in
 * tmux is given Tab to see that nothing falls back to file names. {@code scarab} itself is a
 * shell function there that answers {@code ls --names} by socket and records how it was called.
 */
class CompletionIT {
    private Scarab scarab;
    private Path script;
    private Path calls;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        script = scarab.root.resolve("scarab.bash");
        Files.writeString(script, scarab.ok("completion", "bash"));
        calls = scarab.root.resolve("calls.txt");
        Files.writeString(scarab.root.resolve("stub.bash"), String.join("\n",
                "scarab() {",
                "  printf '%s\\n' \"$*\" >> '" + calls + "'",
                "  case \"$*\" in",
                "    *'-S /other.sock'*) printf 'far-1\\nfar-2\\n' ;;",
                "    *) printf 'alpha\\nbeta\\n' ;;",
                "  esac",
                "}", ""));
        Files.writeString(scarab.root.resolve("somefile.txt"), "a file the completion must not offer");
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    /** What the registered completion function offers for the command line {@code words} (the last is being typed). */
    private List<String> complete(String... words) throws Exception {
        StringBuilder array = new StringBuilder();
        for (String w : words) {
            array.append(" '").append(w.replace("'", "'\\''")).append("'");
        }
        String program = String.join("\n",
                "source '" + script + "'",
                "source '" + scarab.root.resolve("stub.bash") + "'",
                "fn=$(complete -p scarab | sed 's/.*-F \\([^ ]*\\).*/\\1/')",
                "COMP_WORDS=(" + array + ")",
                "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))",
                "COMP_LINE=\"${COMP_WORDS[*]}\"",
                "COMP_POINT=${#COMP_LINE}",
                "COMPREPLY=()",
                "\"$fn\" scarab \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\" 2>/dev/null",
                "printf '%s\\n' \"${COMPREPLY[@]}\"", "");
        Process p = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", program).directory(scarab.root.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bash finished");
        List<String> offered = new ArrayList<>(out.lines().filter(l -> !l.isEmpty()).toList());
        offered.sort(null);
        return offered;
    }

    @Test
    void eachArgumentGetsTheWordsThatBelongThere() throws Exception {
        assertEquals(List.of("bash", "zsh"), complete("scarab", "completion", ""));
        assertEquals(List.of("zsh"), complete("scarab", "completion", "z"));
        assertEquals(List.of(), complete("scarab", "completion", "bash", ""));

        assertEquals(List.of("alpha", "beta"), complete("scarab", "rename", ""));
        assertEquals(List.of(), complete("scarab", "rename", "alpha", ""), "a new name: nothing to offer");
        assertEquals(List.of(), complete("scarab", "new", ""), "a new name: nothing to offer");
        assertEquals(List.of("alpha", "beta"), complete("scarab", "attach", ""));
        assertEquals(List.of("alpha", "beta"), complete("scarab", "attach", "-r", ""));
        assertEquals(List.of(), complete("scarab", "attach", "alpha", ""));
        assertEquals(List.of("alpha", "beta"), complete("scarab", "kill", "alpha", ""), "kill takes many");
        assertEquals(List.of("alpha"), complete("scarab", "capture", "-S", "-5", "al"));

        assertEquals(List.of("alpha", "beta"), complete("scarab", "send-keys", ""));
        List<String> keys = complete("scarab", "send-keys", "alpha", "");
        assertTrue(keys.containsAll(List.of("Enter", "Escape", "BSpace", "F12", "KP*")), keys.toString());
        assertFalse(keys.contains("alpha"), keys.toString());
        assertEquals(List.of("Enter"), complete("scarab", "send", "-l", "alpha", "hello", "Ent"));
        assertEquals(List.of("PageDown", "PageUp"), complete("scarab", "send-keys", "alpha", "Page"));

        assertTrue(complete("scarab", "att").contains("attach"), "command names are still picocli's");
        assertTrue(complete("scarab", "ls", "--").contains("--json"), "options are still picocli's");
    }

    @Test
    void sessionNamesComeFromTheDaemonOnTheSocketGiven() throws Exception {
        assertEquals(List.of("far-1", "far-2"), complete("scarab", "-S", "/other.sock", "attach", ""));
        assertEquals(List.of("far-1", "far-2"), complete("scarab", "--socket=/other.sock", "kill", "x", ""));
        assertEquals(List.of("far-1"), complete("scarab", "-S", "/other.sock", "--no-start", "send-keys", "far-1"));
        List<String> made = Files.readAllLines(calls);
        assertTrue(made.contains("--no-start -S /other.sock ls --names"), made.toString());
        assertTrue(made.stream().allMatch(c -> c.startsWith("--no-start ")), "never starts a daemon: " + made);
    }

    @Test
    void sendKeysOffersEveryKeyNameTheDaemonKnows() throws Exception {
        List<String> offered = complete("scarab", "send-keys", "alpha", "");
        List<String> missing = new ArrayList<>();
        for (NamedKey k : NamedKey.values()) {
            for (String name : k.names()) {
                if (!offered.contains(name)) {
                    missing.add(name);
                }
            }
        }
        for (String name : List.of("Enter", "Escape", "Tab", "Space")) {
            if (!offered.contains(name)) {
                missing.add(name);
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void tabNeverOffersFileNamesWhereANameOrAShellGoes() throws Exception {
        try (Tmux tmux = new Tmux(scarab.root)) {
            tmux.start(120, 20, "cd '" + scarab.root + "' && PS1='prompt$ ' exec bash --norc --noprofile");
            tmux.awaitText(null, "prompt$");
            tmux.type(null, "source '" + script + "'; source '" + scarab.root.resolve("stub.bash") + "'; clear", "Enter");
            tmux.await(null, "a clear screen", Duration.ofSeconds(30), s -> s.strip().equals("prompt$"));

            tmux.type(null, "scarab completion ", "Tab", "Tab");
            tmux.await(null, "the shells offered", Duration.ofSeconds(30), s -> s.contains("bash") && s.contains("zsh"));
            settle(tmux, "one");
            tmux.type(null, "scarab rename alpha ", "Tab", "Tab");
            settle(tmux, "two");
            tmux.type(null, "scarab send-keys alpha F1", "Tab", "Tab");
            tmux.await(null, "the F keys offered", Duration.ofSeconds(30), s -> s.contains("F10") && s.contains("F12"));
            settle(tmux, "three");
            String screen = tmux.screen(null);
            assertFalse(screen.contains("somefile.txt"), screen);
        }
    }

    /** Clears the line and waits for a marker: every Tab typed before it has been handled. */
    private static void settle(Tmux tmux, String marker) {
        tmux.type(null, "C-u");
        tmux.type(null, "echo settled-" + marker + "-$((6*7))", "Enter");
        tmux.awaitText(null, "settled-" + marker + "-42");
    }
}
