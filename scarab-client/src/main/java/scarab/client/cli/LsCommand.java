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

    @Option(names = "--hosts", paramLabel = "H1,H2", arity = "0..1", fallbackValue = "",
            description = "The sessions of these machines (over ssh, as -H), asked at once, with a HOST column; a"
                    + " host that does not answer within SCARAB_HOSTS_TIMEOUT seconds (10) is shown as such. Without"
                    + " a list: the config file's hosts.")
    String hosts;

    /** The config file's {@code hosts}, its problems shown first (a wrong entry leaves none). */
    private String configuredHosts() {
        scarab.protocol.ConfigCheck check = scarab.client.ConfigWarnings.print(ctx);
        java.util.List<String> listed = check.config().hosts();
        if (listed == null || listed.isEmpty()) {
            throw new scarab.client.ClientError("ls --hosts without a list lists the config file's hosts, and "
                    + check.file() + " has none: hosts = [\"build01\", \"build02\"] there, or --hosts build01,build02",
                    2, "bad-argument");
        }
        return String.join(",", listed);
    }

    @Option(names = "--group", paramLabel = "GROUP", description = "Only the sessions of the group.")
    String group;

    public LsCommand(ClientContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        if (hosts != null) {
            if (json || names || format != null || parent.host != null || group != null) {
                throw new scarab.client.ClientError("--hosts lists as a table: without --json, --names, -F, -H or --group", 2,
                        "bad-argument");
            }
            return scarab.client.ls.HostsLister.run(ctx, parent.starter(), parent.ssh, parent.noStart,
                    hosts.isBlank() ? configuredHosts() : hosts);
        }
        return SessionLister.run(ctx, parent.starter(), parent.noStart, json, names, format, group);
    }
}
