package scarab.client.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import scarab.client.ClientContext;
import scarab.client.daemon.DaemonConnection;
import scarab.protocol.Json;
import scarab.protocol.Request;
import scarab.protocol.Response;

/** {@code scarab ls}. */
@Command(name = "ls", aliases = {"list", "list-sessions"}, mixinStandardHelpOptions = true,
        description = "List sessions.",
        footer = {"", "Examples:", "  scarab ls", "  scarab ls --json | jq -r '.[] | select(.status == \"running\") | .name'"})
public final class LsCommand implements java.util.concurrent.Callable<Integer> {
    private final ClientContext ctx;

    @ParentCommand
    ScarabCommand parent;

    @Option(names = "--json", description = "A JSON array of objects (stable fields: id, name, status, exitCode, cols,"
            + " rows, createdAt, lastAttachedAt, clients, title, command, cwd, restored).")
    boolean json;

    @Option(names = "--names", description = "Session names only, one per line (for shell completion).")
    boolean names;

    public LsCommand(ClientContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        Response.Listing listing;
        try (DaemonConnection c = parent.connect()) {
            listing = (Response.Listing) c.call(new Request.ListSessions(c.nextId()));
        }
        for (String notice : listing.notices()) {
            ctx.err().println("scarab: note: " + notice);
        }
        if (json) {
            try {
                ctx.out().println(Json.mapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(listing.sessions().stream().map(SessionTable::json).toList()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else if (names) {
            listing.sessions().forEach(s -> ctx.out().println(s.name()));
        } else if (listing.sessions().isEmpty()) {
            if (ctx.interactive()) {
                ctx.err().println("no sessions; create one with: scarab new NAME");
            }
        } else {
            ctx.out().print(SessionTable.table(listing.sessions(), Instant.now(), ctx.interactive()
                    && !ctx.env().containsKey("NO_COLOR")));
        }
        ctx.out().flush();
        return 0;
    }
}
