package scarab.client.cli;

import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import scarab.client.ClientContext;
import scarab.client.requests.SessionRequests;

/** {@code scarab kill}: end sessions. */
@Command(name = "kill", aliases = "kill-session", mixinStandardHelpOptions = true,
        description = {"End sessions: their processes get SIGHUP (SIGKILL if they ignore it) and they are forgotten.",
                "Refused while clients are attached, unless -f."},
        footer = {"", "Examples:", "  scarab kill dev-server", "  scarab kill -f 3f2a9c1e old-build",
                "  scarab kill --group web"})
public final class KillCommand implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    ScarabCommand parent;

    @Option(names = {"-f", "--force"}, description = "Kill even if clients are attached.")
    boolean force;

    @Parameters(arity = "0..*", paramLabel = "TARGET", description = "Session name, id, or unique id prefix (a name wins over a prefix).")
    List<String> targets;

    @Option(names = "--group", paramLabel = "GROUP", description = "Every session of the group (an error when it has none).")
    String group;

    public KillCommand(ClientContext ctx) {
    }

    @Override
    public Integer call() throws IOException {
        if ((targets == null || targets.isEmpty()) && group == null) {
            throw new IllegalArgumentException("kill wants a TARGET or --group GROUP");
        }
        return SessionRequests.kill(parent::connect, targets, force, group);
    }
}
