package scarab.client.cli;

import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import scarab.client.ClientContext;
import scarab.client.ls.SessionLister;

/** {@code scarab ls}. */
@Command(name = "ls", aliases = {"list", "list-sessions"}, mixinStandardHelpOptions = true,
        description = "List sessions.",
        footer = {"", "Examples:", "  scarab ls", "  scarab ls --json | jq -r '.[] | select(.status == \"running\") | .name'"})
public final class LsCommand implements java.util.concurrent.Callable<Integer> {
    private final ClientContext ctx;

    @ParentCommand
    ScarabCommand parent;

    @Option(names = "--json", description = "A JSON array of objects (stable fields: id, name, status, exitCode, cols,"
            + " rows, createdAt, lastAttachedAt, clients, title, command, cwd, restored, windows, panes, group, cpuMillis,"
            + " memoryBytes, exitReason).")
    boolean json;

    @Option(names = "--names", description = "Session names only, one per line (for shell completion).")
    boolean names;

    @Option(names = "-F", paramLabel = "FORMAT", description = "A line per session in tmux's format language"
            + " (list-sessions -F): #{session_name}, #{session_windows}, #{session_attached}, #{session_created},"
            + " #{session_id}, #{?cond,a,b}, and the current window's and active pane's names.")
    String format;

    @Option(names = "--group", paramLabel = "GROUP", description = "Only the sessions of the group.")
    String group;

    public LsCommand(ClientContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        return SessionLister.run(ctx, parent.starter(), parent.noStart, json, names, format, group);
    }
}
