package scarab.client.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import scarab.client.ClientContext;

/**
 * {@code scarab completion bash|zsh}: shell completion scripts. picocli generates the commands
 * and options; a small wrapper completes session names for TARGET arguments from
 * {@code scarab --no-start ls --names}, which never starts a daemon just to complete a word.
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

    static final String SESSION_WRAPPER = String.join("\n",
            "",
            "# Session names for TARGET arguments (never starts a daemon to complete a word).",
            "_scarab_session_names() { scarab --no-start ls --names 2>/dev/null; }",
            "_scarab_with_sessions() {",
            "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" sub=\"\" i",
            "  for ((i = 1; i < COMP_CWORD; i++)); do",
            "    case \"${COMP_WORDS[i]}\" in -S|--socket) ((i++)) ;; -*) ;; *) sub=\"${COMP_WORDS[i]}\"; break ;; esac",
            "  done",
            "  case \"$sub\" in",
            "    attach|a|attach-session|kill|kill-session|rename|rename-session|capture|capture-pane|send-keys|send|detach|detach-client|wait)",
            "      if [[ \"$cur\" != -* ]]; then",
            "        COMPREPLY=( $(compgen -W \"$(_scarab_session_names)\" -- \"$cur\") )",
            "        return 0",
            "      fi ;;",
            "  esac",
            "  _complete_scarab \"$@\"",
            "}",
            "complete -F _scarab_with_sessions -o default scarab",
            "");

    @Override
    public Integer call() {
        String bash = AutoComplete.bash("scarab", spec.root().commandLine()) + SESSION_WRAPPER;
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
