package scarab.client.cli;

import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import scarab.client.ClientContext;
import scarab.client.requests.SessionRequests;

/** {@code scarab wait}: for scripts and CI. */
@Command(name = "wait", mixinStandardHelpOptions = true,
        description = "Wait until a session's process exits, then exit with its status.",
        footer = {"", "Example:", "  scarab new -d -c 'make test' ci && scarab wait ci; echo \"tests: $?\""})
public final class WaitCommand implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    ScarabCommand parent;

    @Parameters(index = "0", paramLabel = "TARGET", description = "Session name, id, or unique id prefix (a name wins over a prefix).")
    String target;

    public WaitCommand(ClientContext ctx) {
    }

    @Override
    public Integer call() throws IOException {
        return SessionRequests.waitFor(parent::connect, target);
    }
}
