package scarab.client.cli;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import scarab.client.ClientContext;
import scarab.client.ClientError;
import scarab.client.workspace.Workspace;
import scarab.client.workspace.WorkspaceFile;
import scarab.client.workspace.WorkspaceLocation;
import scarab.client.workspace.WorkspaceUp;

/** {@code scarab up [FILE|NAME]}: build a workspace's session, or attach to it if it is up. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Build the session a workspace file describes (its windows, their panes as a split tree or a"
                + " layout, each pane's command, directory and keys to type) and attach to it. If the session exists"
                + " already, attach to it instead (with -d: do nothing). Every mistake in the file is reported as"
                + " FILE:LINE: KEY before anything is created.",
                "Without FILE: ./.scarab.toml; a NAME: $XDG_CONFIG_HOME/scarab/workspaces/NAME.toml (~/.config)."},
        footer = {"", "Examples:", "  scarab up                       ./.scarab.toml", "  scarab up -d dev                ~/.config/scarab/workspaces/dev.toml, detached",
                "  scarab up -n work.toml          print the commands it would run", "",
                "See README.md (Workspaces) for the file's keys."})
public final class UpCommand implements java.util.concurrent.Callable<Integer> {
    private final ClientContext ctx;

    @ParentCommand
    ScarabCommand parent;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE|NAME", description = "The workspace file, or its name.")
    String file;

    @Option(names = "-d", description = "Do not attach (nor when the session is up already).")
    boolean detached;

    @Option(names = "--force", description = "If the session exists, kill it and build it again.")
    boolean force;

    @Option(names = {"-n", "--dry-run"}, description = "Print the scarab commands that build it; create nothing.")
    boolean dryRun;

    public UpCommand(ClientContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        Path path = WorkspaceLocation.find(ctx, file);
        Workspace ws;
        try {
            ws = WorkspaceFile.read(path, WorkspaceLocation.home(ctx), ctx.cwd());
        } catch (WorkspaceFile.Problems e) {
            for (String line : e.lines().subList(0, e.lines().size() - 1)) {
                ctx.err().println("scarab: " + line);
            }
            throw new ClientError(e.lines().get(e.lines().size() - 1));
        }
        return WorkspaceUp.run(ctx, parent::connect, ws, detached, force, dryRun);
    }
}
