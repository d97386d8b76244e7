package scarab.client.requests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import scarab.client.ClientContext;
import scarab.client.ClientError;
import scarab.client.attach.Attach;
import scarab.client.daemon.DaemonConnection;
import scarab.protocol.CommandSplitter;
import scarab.protocol.DetachKeys;
import scarab.protocol.Request;
import scarab.protocol.Response;

/**
 * The commands whose work is a request to the daemon, free of picocli: their picocli commands and
 * the fast path ({@code scarab.client.fast.FastPath}) both run them, so either way does the same.
 * Each checks its arguments before it connects (a mistake starts no daemon) and returns the
 * command's exit status; a refusal by the daemon is thrown as a {@link ClientError}.
 */
public final class SessionRequests {
    /** How a command reaches the daemon: connecting, and starting it if need be (unless --no-start). */
    public interface Connector {
        DaemonConnection connect() throws IOException;
    }

    private SessionRequests() {}

    public static int sendKeys(Connector daemon, String target, List<String> keys, boolean literal) throws IOException {
        try (DaemonConnection c = daemon.connect()) {
            c.call(new Request.SendKeys(c.nextId(), target, keys, literal));
        }
        return 0;
    }

    public static int kill(Connector daemon, List<String> targets, boolean force) throws IOException {
        return kill(daemon, targets, force, null);
    }

    /** {@link #kill}; with {@code group}, every session of that group too. */
    public static int kill(Connector daemon, List<String> targets, boolean force, String group) throws IOException {
        try (DaemonConnection c = daemon.connect()) {
            c.call(new Request.Kill(c.nextId(), targets == null ? List.of() : targets, force, group));
        }
        return 0;
    }

    public static int rename(Connector daemon, String target, String newName) throws IOException {
        try (DaemonConnection c = daemon.connect()) {
            c.call(new Request.Rename(c.nextId(), target, newName));
        }
        return 0;
    }

    public static int detach(Connector daemon, String target) throws IOException {
        try (DaemonConnection c = daemon.connect()) {
            c.call(new Request.Detach(c.nextId(), target));
        }
        return 0;
    }

    /** Waits for the session's process to end; its exit status is the command's. */
    public static int waitFor(Connector daemon, String target) throws IOException {
        try (DaemonConnection c = daemon.connect()) {
            Response r = c.call(new Request.Wait(c.nextId(), target));
            if (r instanceof Response.Exited exited) {
                return exited.exitCode() & 0xff;
            }
            throw new ClientError("unexpected answer from the daemon: " + r);
        }
    }

    /**
     * Prints the screen, as {@code tmux capture-pane -p}. A long capture comes in several answers,
     * each printed as it arrives: the client never holds the whole of it either.
     */
    public static int capture(ClientContext ctx, Connector daemon, String target, boolean escapes, String start,
                              String end, boolean join) throws IOException {
        try (DaemonConnection c = daemon.connect()) {
            Request.Capture request = new Request.Capture(c.nextId(), target, escapes, start, end, join);
            Response r = c.call(request);
            StringBuilder out = new StringBuilder();
            while (true) {
                if (!(r instanceof Response.Captured captured)) {
                    throw new ClientError("unexpected answer from the daemon: " + r);
                }
                for (String line : captured.lines()) {
                    out.append(line).append('\n');
                }
                ctx.out().append(out);
                out.setLength(0);
                if (!captured.more()) {
                    break;
                }
                r = c.next(request.id());
            }
            ctx.out().flush();
        }
        return 0;
    }

    /**
     * Creates a session and attaches to it when asked for and on a terminal; otherwise prints its
     * short id. {@code command}: a command line for {@link CommandSplitter}, or null for the
     * shell; {@code env}: {@code VAR=VALUE} words.
     */
    public static int create(ClientContext ctx, Connector daemon, String name, boolean detached, String detachKeys,
                             String command, String dir, String size, List<String> env) throws IOException {
        return create(ctx, daemon, name, detached, false, detachKeys, command, null, dir, size, env, null);
    }

    /**
     * {@link #create}; with {@code attachExisting} (tmux's {@code new -A}) a session of that name
     * that already exists is attached instead (or, detached or in a script, left as it is, its
     * short id printed). Asking to create and falling back on the refusal leaves no window for
     * another client to create the name in between. The command may come as words already
     * ({@code words}, instead of {@code command}), and the new pane may be recorded from its first
     * byte ({@code recording}, or null).
     */
    public static int create(ClientContext ctx, Connector daemon, String name, boolean detached, boolean attachExisting,
                             String detachKeys, String command, List<String> words, String dir, String size,
                             List<String> env, Request.Recording recording) throws IOException {
        return create(ctx, daemon, name, detached, attachExisting, detachKeys, command, words, dir, size, env, recording,
                null, null);
    }

    /**
     * {@link #create}, the session in {@code group} (null: none) and its panes under {@code limits}
     * (null: none; the daemon refuses, creating nothing, where it cannot enforce them).
     */
    public static int create(ClientContext ctx, Connector daemon, String name, boolean detached, boolean attachExisting,
                             String detachKeys, String command, List<String> words, String dir, String size,
                             List<String> env, Request.Recording recording, String group, ResourceLimits limits)
            throws IOException {
        List<String> argv = words;
        if (command != null) {
            argv = CommandSplitter.split(command);
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("-c needs a command");
            }
        }
        int[] dims = size == null ? new int[] {0, 0} : Sizes.parse(size);
        boolean attach = !detached && ctx.interactive();
        // The config file's problems are the daemon's to tell (below): it runs with them.
        DetachKeys keys = attach ? Attach.keys(ctx, detachKeys, false) : null;
        Path cwd = dir == null ? ctx.cwd() : ctx.cwd().resolve(dir).normalize();
        Map<String, String> vars = new LinkedHashMap<>();
        if (env != null) {
            for (String kv : env) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("-e wants VAR=VALUE, not \"" + kv + "\"");
                }
                vars.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        try (DaemonConnection c = daemon.connect()) {
            Response r;
            try {
                r = c.call(new Request.NewSession(c.nextId(), name, argv, cwd.toString(), dims[0], dims[1], vars,
                        recording, group, limits == null ? null : limits.memoryMax(),
                        limits == null ? null : limits.cpuMax(), limits == null ? null : limits.tasksMax()));
            } catch (ClientError e) {
                if (!attachExisting || !"name-taken".equals(e.code())) {
                    throw e;
                }
                if (attach) {
                    return Attach.attach(ctx, c, name, false, false, keys);
                }
                ctx.out().println(existingShortId(c, name));
                return 0;
            }
            if (!(r instanceof Response.Created created)) {
                throw new ClientError("unexpected answer from the daemon: " + r);
            }
            if (created.configWarnings() != null) {
                for (String w : created.configWarnings()) {
                    ctx.err().println("scarab: " + w);
                }
            }
            if (attach) {
                return Attach.attach(ctx, c, created.session().id(), false, false, keys);
            }
            ctx.out().println(created.session().shortId());
        }
        return 0;
    }

    private static String existingShortId(DaemonConnection c, String name) throws IOException {
        Response.Listing listing = (Response.Listing) c.call(new Request.ListSessions(c.nextId()));
        for (scarab.protocol.SessionInfo s : listing.sessions()) {
            if (s.name().equals(name)) {
                return s.shortId();
            }
        }
        throw new ClientError("no session named \"" + name + "\" (it ended meanwhile)");
    }
}
