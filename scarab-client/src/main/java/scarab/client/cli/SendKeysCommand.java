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

    @Parameters(index = "0", paramLabel = "TARGET", description = "Session name, id, or unique id prefix (a name wins over a prefix).")
    String target;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY", description = "Key names or text.")
    List<String> keys;

    public SendKeysCommand(ClientContext ctx) {
    }

    @Override
    public Integer call() throws IOException {
        return SessionRequests.sendKeys(parent::connect, target, keys, literal);
    }
}
