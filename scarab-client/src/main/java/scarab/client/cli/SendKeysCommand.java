package scarab.client.cli;

import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import scarab.client.ClientContext;
import scarab.client.requests.SessionRequests;

/** {@code scarab send-keys}: like {@code tmux send-keys}. */
@Command(name = "send-keys", aliases = "send", mixinStandardHelpOptions = true,
        description = {"Type tmux key names or text into a session.",
                "Each KEY is a tmux key name, sent as tmux 3.3a sends it (Enter, Escape, Tab, BTab, BSpace, Space, Up, Down, Left, Right, Home, End, PageUp, PageDown, "
                + "IC, DC, F1-F12, KP0-KP9, KP/, KP*, KP-, KP+, KP., KPEnter, any character, with modifiers "
                + "C-, M-, S- in any combination: C-a, M-x, S-Up, C-M-Left, S-F1, ^a, 0x41), "
                + "or, if it is not one, literal text."},
        footer = {"", "Examples:",
                "  scarab send-keys dev-server 'make test' Enter",
                "  scarab send-keys vim Escape ':wq' Enter",
                "  scarab send-keys -l dev 'Enter'        types the word Enter"})
public final class SendKeysCommand implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    ScarabCommand parent;

    @Option(names = "-l", description = "Type every KEY as literal text (no key names).")
    boolean literal;

    @Option(names = "-t", paramLabel = "TARGET", description = "The target as tmux takes it; then every word is a KEY.")
    String option;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "[TARGET] KEY",
            description = "Without -t, the session (name, id, or unique id prefix; a name wins over a prefix), then"
                    + " key names or text.")
    List<String> words;

    public SendKeysCommand(ClientContext ctx) {
    }

    @Override
    public Integer call() throws IOException {
        if (option != null) {
            return SessionRequests.sendKeys(parent::connect, option, words, literal);
        }
        if (words.size() < 2) {
            throw new IllegalArgumentException("send-keys needs a TARGET and at least one KEY");
        }
        return SessionRequests.sendKeys(parent::connect, words.get(0), words.subList(1, words.size()), literal);
    }
}
