package scarab.client.cli;

import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import scarab.client.ClientContext;
import scarab.client.attach.Attach;

/** {@code scarab attach}. */
@Command(name = "attach", aliases = {"a", "attach-session"}, mixinStandardHelpOptions = true,
        description = {"Attach this terminal to a session: see its screen, type into it.",
                "Detach with Ctrl-b d (the session keeps running); Ctrl-b Ctrl-b sends a literal Ctrl-b."},
        footer = {"", "Examples:",
                "  scarab attach dev-server",
                "  scarab attach                  the most recently used session",
                "  scarab attach -r build         watch without typing",
                "  scarab attach --detach-keys 'ctrl-a,d' dev",
                "",
                "Detach keys: a prefix and a key (ctrl-b,d) or one key (ctrl-\\); also SCARAB_DETACH_KEYS.",
                "The daemon writes to and reads from this terminal itself, like tmux's server;",
                "SCARAB_DIRECT=0 relays output and keys through this client instead."})
public final class AttachCommand implements java.util.concurrent.Callable<Integer> {
    private final ClientContext ctx;

    @ParentCommand
    ScarabCommand parent;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TARGET",
            description = "Session name, id, or unique id prefix (a name wins over a prefix; default: the most recently used).")
    String target;

    @Option(names = "-r", description = "Read-only: show output, ignore typing (except the detach keys).")
    boolean readOnly;

    @Option(names = "-d", description = "Detach every other client of the session first.")
    boolean detachOthers;

    @Option(names = "--detach-keys", paramLabel = "KEYS", description = "Keys that detach (default: ctrl-b,d).")
    String detachKeys;

    public AttachCommand(ClientContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        return Attach.run(ctx, parent.starter(), parent.noStart, target, readOnly, detachOthers, detachKeys);
    }
}
