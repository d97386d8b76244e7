package scarab.client.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import scarab.client.ClientContext;
import scarab.client.ClientError;
import scarab.client.requests.SessionRequests;
import scarab.client.workspace.WorkspaceFile;
import scarab.client.workspace.WorkspaceLocation;

/** {@code scarab down [NAME]}: kill a workspace's session. */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = {"Kill the session of a workspace (attached clients are detached): the one of ./.scarab.toml,"
                + " of FILE, of the workspace NAME, or else the session called NAME."},
        footer = {"", "Examples:", "  scarab down", "  scarab down dev"})
public final class DownCommand implements java.util.concurrent.Callable<Integer> {
    private final ClientContext ctx;

    @ParentCommand
    ScarabCommand parent;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME|FILE", description = "The workspace, or a session's name.")
    String name;

    public DownCommand(ClientContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        Path file = name == null ? WorkspaceLocation.find(ctx, null) : WorkspaceLocation.findIfAny(ctx, name);
        String session = name;
        if (file != null) {
            try {
                session = WorkspaceFile.read(file, WorkspaceLocation.home(ctx), ctx.cwd()).session();
            } catch (WorkspaceFile.Problems e) {
                throw new ClientError(e.lines().get(0));
            }
        }
        return SessionRequests.kill(parent::connect, List.of(session), true);
    }
}
