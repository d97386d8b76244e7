package scarab.client.cli;

import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import scarab.client.ClientContext;
import scarab.client.ClientError;
import scarab.client.attach.Attacher;
import scarab.client.attach.DetachKeys;
import scarab.client.daemon.DaemonConnection;
import scarab.protocol.ScarabConfig;

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
                "Detach keys: a prefix and a key (ctrl-b,d) or one key (ctrl-\\); also SCARAB_DETACH_KEYS."})
public final class AttachCommand implements java.util.concurrent.Callable<Integer> {
    private final ClientContext ctx;

    @ParentCommand
    ScarabCommand parent;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TARGET",
            description = "Session name, id, or unique id prefix (default: the most recently used).")
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
        DetachKeys keys = keys(ctx, detachKeys);
        if (!ctx.interactive()) {
            throw new ClientError("attach needs a terminal (stdin and stdout must be a tty); use scarab capture or"
                    + " scarab send-keys from scripts");
        }
        try (DaemonConnection c = parent.connect()) {
            return attach(ctx, c, target, readOnly, detachOthers, keys);
        }
    }

    /** --detach-keys, else SCARAB_DETACH_KEYS, else the config file's detach-keys, else Ctrl-b d. */
    static DetachKeys keys(ClientContext ctx, String option) {
        String spec = option != null ? option : ctx.env().get("SCARAB_DETACH_KEYS");
        if (spec == null) {
            try {
                spec = ScarabConfig.load(ctx.paths().configDir().resolve("config.toml")).detachKeys();
            } catch (ScarabConfig.ConfigException e) {
                throw new ClientError(e.getMessage(), 2, "bad-config");
            }
        }
        return DetachKeys.parse(spec == null ? DetachKeys.DEFAULT_SPEC : spec);
    }

    static int attach(ClientContext ctx, DaemonConnection c, String target, boolean readOnly, boolean detachOthers,
                      DetachKeys keys) throws IOException {
        String inside = ctx.env().get("SCARAB_SESSION_ID");
        return new Attacher(c, target, readOnly, detachOthers, keys, inside == null || inside.isBlank() ? null : inside,
                ctx.err()).run();
    }
}
