package scarab.client.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import scarab.client.ClientContext;

/**
 * {@code scarab completion bash|zsh}: shell completion scripts. picocli generates the commands
 * and options; a small wrapper (completion.bash) completes what picocli cannot know: session names
 * for TARGET arguments from {@code scarab --no-start [-S SOCKET] ls --names} (never starting a
 * daemon just to complete a word), key names for send-keys, the shells for completion.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a shell completion script.",
        footer = {"", "Examples:",
                "  source <(scarab completion bash)",
                // $$ is picocli's escape for $: ${...} alone would be read as a picocli variable
                "  scarab completion zsh > \"$${fpath[1]}/_scarab\""})
public final class CompletionCommand implements java.util.concurrent.Callable<Integer> {
    private final ClientContext ctx;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh")
    String shell;

    public CompletionCommand(ClientContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The key names send-keys completes after its target: tmux's names (the daemon's NamedKey and
     * the characters with names); CompletionIT checks that none is missing.
     */
    static final String KEY_NAMES = "Enter Escape Tab BTab Space BSpace Up Down Left Right Home End PageUp PageDown"
            + " PPage NPage PgUp PgDn IC Insert DC Delete F1 F2 F3 F4 F5 F6 F7 F8 F9 F10 F11 F12"
            + " KP0 KP1 KP2 KP3 KP4 KP5 KP6 KP7 KP8 KP9 KP/ KP* KP- KP+ KP. KPEnter";

    /** Scarab's own completion, run before picocli's (completion.bash beside this class). */
    static String wrapper() {
        try (var in = CompletionCommand.class.getResourceAsStream("completion.bash")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).replace("@KEY_NAMES@", KEY_NAMES);
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("completion.bash is missing from the client's jar", e);
        }
    }

    @Override
    public Integer call() {
        String bash = AutoComplete.bash("scarab", spec.root().commandLine()) + wrapper();
        switch (shell) {
            case "bash" -> ctx.out().print(bash);
            case "zsh" -> ctx.out().print("#compdef scarab\n# zsh runs the bash completion through bashcompinit.\n"
                    + "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + bash);
            default -> throw new IllegalArgumentException("completion for \"" + shell + "\" is not available; use bash or zsh");
        }
        ctx.out().flush();
        return 0;
    }
}
