package scarab.client.cli;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import scarab.client.ClientContext;
import scarab.client.daemon.DaemonConnection;
import scarab.client.workspace.WorkspaceSave;

/** {@code scarab save TARGET [-o FILE]}: a live session as a workspace file. */
@Command(name = "save", mixinStandardHelpOptions = true,
        description = {"Write a session as a workspace file for scarab up: its size, its windows with their layouts,"
                + " each pane's directory and command (and what runs in its foreground, to type again). Up of the"
                + " file gives the same panes in the same places."},
        footer = {"", "Examples:", "  scarab save dev -o ~/.config/scarab/workspaces/dev.toml", "  scarab save dev > .scarab.toml"})
public final class SaveCommand implements java.util.concurrent.Callable<Integer> {
    private final ClientContext ctx;

    @ParentCommand
    ScarabCommand parent;

    @Parameters(index = "0", paramLabel = "TARGET", description = "The session.")
    String target;

    @Option(names = "-o", paramLabel = "FILE", description = "Write to FILE (replaced whole) instead of standard output.")
    String output;

    public SaveCommand(ClientContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        String text;
        try (DaemonConnection c = parent.connect()) {
            text = WorkspaceSave.text(c, target, Path.of("/proc"));
        }
        if (output == null) {
            ctx.out().print(text);
            ctx.out().flush();
        } else {
            WorkspaceSave.write(text, ctx.cwd().resolve(output));
        }
        return 0;
    }
}
