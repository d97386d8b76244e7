package scarab.client.workspace;

import java.io.IOException;
import java.util.List;
import scarab.client.ClientContext;
import scarab.client.ClientError;
import scarab.client.attach.Attach;
import scarab.client.daemon.DaemonConnection;
import scarab.client.requests.SessionRequests;
import scarab.protocol.DetachKeys;
import scarab.client.requests.ResourceLimits;
import scarab.protocol.Request;
import scarab.protocol.Response;
import scarab.protocol.SessionInfo;
import scarab.protocol.command.Caller;

/**
 * {@code scarab up}: builds a workspace's session with its plan ({@link WorkspacePlan}), one
 * request after another over one connection, unless a session of its name exists already (then
 * that one is attached, or left alone with {@code -d}; {@code --force} kills it and builds it
 * again). A step the daemon refuses ends the build and takes the half-built session away: an
 * {@code up} either builds the whole workspace or leaves nothing.
 */
public final class WorkspaceUp {
    /** The daemon's size of a session created without one. */
    static final int DEFAULT_COLS = 80;
    static final int DEFAULT_ROWS = 24;

    private WorkspaceUp() {}

    public static int run(ClientContext ctx, SessionRequests.Connector daemon, Workspace ws, boolean detached,
                          boolean force, boolean dryRun) throws IOException {
        int cols = ws.size() == null ? DEFAULT_COLS : ws.size()[0];
        int rows = ws.size() == null ? DEFAULT_ROWS : ws.size()[1];
        List<WorkspacePlan.Step> plan;
        try {
            plan = WorkspacePlan.of(ws, cols, rows);
        } catch (WorkspacePlan.DoesNotFit e) {
            throw new ClientError(e.getMessage());
        }
        if (dryRun) {
            for (WorkspacePlan.Step s : plan) {
                ctx.out().println("scarab " + WorkspaceCommands.line(s.words()).replace(" ';' ", " \\; "));
            }
            ctx.out().flush();
            return 0;
        }
        boolean attach = !detached && ctx.interactive();
        DetachKeys keys = attach ? Attach.keys(ctx, null, false) : null;
        try (DaemonConnection c = daemon.connect()) {
            SessionInfo existing = find(c, ws.session());
            if (existing != null && force) {
                c.call(new Request.Kill(c.nextId(), List.of(existing.id()), true));
                existing = null;
            }
            String shortId;
            if (existing != null) {
                shortId = existing.shortId();
            } else {
                shortId = build(ctx, c, ws, plan);
            }
            if (attach) {
                return Attach.attach(ctx, c, ws.session(), false, false, keys);
            }
            ctx.out().println(shortId);
            ctx.out().flush();
        }
        return 0;
    }

    private static String build(ClientContext ctx, DaemonConnection c, Workspace ws, List<WorkspacePlan.Step> plan)
            throws IOException {
        Caller caller = new Caller(ctx.cwd().toString(), null, null);
        SessionInfo created = null;
        try {
            for (WorkspacePlan.Step step : plan) {
                if (step instanceof WorkspacePlan.NewSession n) {
                    ResourceLimits l = n.limits();
                    Response r = c.call(new Request.NewSession(c.nextId(), n.name(), n.command(), n.cwd(), n.cols(),
                            n.rows(), n.env(), n.group(), l == null ? null : l.memoryMax(), l == null ? null : l.cpuMax(),
                            l == null ? null : l.tasksMax()));
                    created = ((Response.Created) r).session();
                } else if (step instanceof WorkspacePlan.Command command) {
                    Response r = c.call(new Request.Command(c.nextId(), command.argv(), caller, null));
                    Response.CommandResult result = (Response.CommandResult) r;
                    if (result.exitStatus() != 0) {
                        throw new ClientError(String.join(" ", command.argv()) + ": "
                                + (result.stderr() == null ? "failed" : result.stderr().strip()));
                    }
                } else if (step instanceof WorkspacePlan.Type type) {
                    c.call(new Request.SendKeys(c.nextId(), type.target(), List.of(type.text()), true));
                    c.call(new Request.SendKeys(c.nextId(), type.target(), List.of("Enter"), false));
                }
            }
        } catch (ClientError e) {
            if (created != null) {
                try {
                    c.call(new Request.Kill(c.nextId(), List.of(created.id()), true));
                } catch (ClientError alreadyGone) {
                    // it ended by itself meanwhile
                }
            }
            if ("name-taken".equals(e.code())) {
                throw e;
            }
            throw new ClientError(ws.file() + ": " + ws.session() + " not built: " + e.getMessage(), e.exitCode(), e.code());
        }
        if (created == null) {
            throw new IllegalStateException("a plan starts with its session");
        }
        return created.shortId();
    }

    /** The session of exactly this name (a prefix of an id or of another name does not count). */
    static SessionInfo find(DaemonConnection c, String name) throws IOException {
        Response.Listing listing = (Response.Listing) c.call(new Request.ListSessions(c.nextId()));
        for (SessionInfo s : listing.sessions()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
