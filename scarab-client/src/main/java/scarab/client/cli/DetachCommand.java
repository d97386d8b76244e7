package scarab.client.cli;

import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import scarab.client.ClientContext;
import scarab.client.requests.SessionRequests;

/** {@code scarab detach}: detach every client of a session, from anywhere. */
@Command(name = "detach", aliases = "detach-client", mixinStandardHelpOptions = true,
        description = "Detach every client attached to a session (the session keeps running).",
        footer = {"", "Example:", "  scarab detach dev-server"})
public final class DetachCommand implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    ScarabCommand parent;

    @Parameters(index = "0", paramLabel = "TARGET", description = "Session name, id, or unique id prefix (a name wins over a prefix).")
    String target;

    public DetachCommand(ClientContext ctx) {
    }

    @Override
    public Integer call() throws IOException {
        return SessionRequests.detach(parent::connect, target);
    }
}
