package scarab.client.ls;

import java.io.IOException;
import java.util.List;
import scarab.client.ClientContext;
import scarab.client.daemon.DaemonConnection;
import scarab.client.daemon.DaemonStarter;
import scarab.protocol.Request;
import scarab.protocol.Response;
import scarab.protocol.SessionInfo;
import scarab.protocol.SessionTable;

/**
 * What {@code scarab ls} does once its arguments are understood: shared by the picocli command
 * and the fast path, so that both print the same bytes by construction.
 */
public final class SessionLister {
    private SessionLister() {}

    public static int run(ClientContext ctx, DaemonStarter starter, boolean noStart, boolean json, boolean names)
            throws IOException {
        return run(ctx, starter, noStart, json, names, null);
    }

    /** {@code tmuxFormat}: {@code -F}'s format (tmux's list-sessions -F), or null. */
    public static int run(ClientContext ctx, DaemonStarter starter, boolean noStart, boolean json, boolean names,
                          String tmuxFormat) throws IOException {
        return run(ctx, starter, noStart, json, names, tmuxFormat, null);
    }

    /** {@code group}: only that group's sessions ({@code ls --group}), or null for all. */
    public static int run(ClientContext ctx, DaemonStarter starter, boolean noStart, boolean json, boolean names,
                          String tmuxFormat, String group) throws IOException {
        if (json && names) {
            throw new IllegalArgumentException("--json and --names cannot be used together: choose one");
        }
        if (tmuxFormat != null && (json || names)) {
            throw new IllegalArgumentException("-F cannot be used with --json or --names: choose one");
        }
        Response.Listing listing;
        // People's forms are rendered by the daemon: its code is warm, and this client's is not.
        String format = tmuxFormat != null ? Request.ListSessions.TMUX_FORMAT + tmuxFormat
                : json ? null : names ? Request.ListSessions.NAMES
                : color(ctx) ? Request.ListSessions.TABLE_COLOR : Request.ListSessions.TABLE;
        try (DaemonConnection c = starter.connect(noStart)) {
            listing = (Response.Listing) c.call(new Request.ListSessions(c.nextId(), format,
                    format == null ? null : ctx.clock().millis(), group));
        }
        print(ctx, listing, json, names, tmuxFormat, group);
        return 0;
    }

    private static boolean color(ClientContext ctx) {
        return ctx.interactive() && !ctx.env().containsKey("NO_COLOR");
    }

    static void print(ClientContext ctx, Response.Listing listing, boolean json, boolean names, String tmuxFormat,
                      String group) {
        for (String notice : listing.notices()) {
            ctx.err().println("scarab: note: " + notice);
        }
        List<SessionInfo> sessions = listing.sessions();
        if (listing.text() != null) {
            if (listing.text().isEmpty() && !names && tmuxFormat == null && group == null && ctx.interactive()) {
                ctx.err().println("no sessions; create one with: scarab new NAME");
            }
            ctx.out().print(listing.text());
        } else if (json) {
            ctx.out().println(SessionTable.json(sessions));
        } else if (names) {
            for (SessionInfo s : sessions) {
                ctx.out().println(s.name());
            }
        } else if (sessions.isEmpty()) {
            if (ctx.interactive() && group == null) {
                ctx.err().println("no sessions; create one with: scarab new NAME");
            }
        } else {
            ctx.out().print(SessionTable.table(sessions, ctx.clock().instant(), color(ctx)));
        }
        ctx.out().flush();
    }
}
