package scarab.client.cli;

import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import scarab.client.ClientContext;
import scarab.client.requests.SessionRequests;

/** {@code scarab rename}. */
@Command(name = "rename", aliases = "rename-session", mixinStandardHelpOptions = true,
        description = "Give a session a new name.",
        footer = {"", "Example:", "  scarab rename dev-server api"})
public final class RenameCommand implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    ScarabCommand parent;

    @Parameters(index = "0", paramLabel = "TARGET", description = "Session name, id, or unique id prefix (a name wins over a prefix).")
    String target;

    @Parameters(index = "1", paramLabel = "NEW_NAME", description = "The new name: 1-64 of [A-Za-z0-9._-], not starting with '-', neither '.' nor '..'.")
    String newName;

    public RenameCommand(ClientContext ctx) {
    }

    @Override
    public Integer call() throws IOException {
        return SessionRequests.rename(parent::connect, target, newName);
    }
}
