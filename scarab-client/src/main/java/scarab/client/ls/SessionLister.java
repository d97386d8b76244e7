package scarab.client.ls;

import java.io.IOException;
import java.util.List;
import scarab.client.ClientContext;
import scarab.client.daemon.DaemonConnection;
import scarab.client.daemon.DaemonStarter;
import scarab.protocol.Request;
import scarab.protocol.Response;
import scarab.protocol.SessionInfo;

/**
 * What {@code scarab ls} does once its arguments are understood: shared by the picocli command
 * and the fast path, so that both print the same bytes by construction.
 */
public final class SessionLister {
    private SessionLister() {}

    public static int run(ClientContext ctx, DaemonStarter starter, boolean noStart, boolean json, boolean names)
            throws IOException {
        Response.Listing listing;
        try (DaemonConnection c = starter.connect(noStart)) {
            listing = (Response.Listing) c.call(new Request.ListSessions(c.nextId()));
        }
        print(ctx, listing, json, names);
        return 0;
    }

    static void print(ClientContext ctx, Response.Listing listing, boolean json, boolean names) {
        for (String notice : listing.notices()) {
            ctx.err().println("scarab: note: " + notice);
        }
        List<SessionInfo> sessions = listing.sessions();
        if (json) {
            ctx.out().println(SessionTable.json(sessions));
        } else if (names) {
            for (SessionInfo s : sessions) {
                ctx.out().println(s.name());
            }
        } else if (sessions.isEmpty()) {
            if (ctx.interactive()) {
                ctx.err().println("no sessions; create one with: scarab new NAME");
            }
        } else {
            ctx.out().print(SessionTable.table(sessions, ctx.clock().instant(), ctx.interactive()
                    && !ctx.env().containsKey("NO_COLOR")));
        }
        ctx.out().flush();
    }
}
