package scarab.client.attach;

import java.io.IOException;
import scarab.client.ClientContext;
import scarab.client.ClientError;
import scarab.client.ConfigWarnings;
import scarab.client.daemon.DaemonConnection;
import scarab.client.daemon.DaemonStarter;
import scarab.protocol.ConfigCheck;
import scarab.protocol.DetachKeys;

/**
 * What {@code scarab attach} does once its arguments are understood: shared by the picocli
 * command, the fast path and {@code scarab new} (which attaches to the session it created).
 */
public final class Attach {
    private Attach() {}

    /** A terminal Main started opening before anything else, for the attach about to run. */
    private static volatile LocalTerminal.Opening early;

    /**
     * Starts opening the terminal now: JLine's native library (and the java.util.logging its
     * loader starts) is the longest part of attach's start-up, so Main begins it before it even
     * looks at the environment. Harmless when no attach follows: it only looks.
     */
    public static void openTerminalEarly() {
        // Served directly by the daemon (the usual case), the screen does not wait for JLine: the
        // daemon makes the terminal raw itself, so JLine is loaded after the attach request instead
        // of competing with the start-up the screen waits for.
        early = LocalTerminal.stdinAndStdoutAreOneTerminal() && !"0".equals(System.getenv("SCARAB_DIRECT"))
                ? LocalTerminal.later() : LocalTerminal.start();
    }

    public static int run(ClientContext ctx, DaemonStarter starter, boolean noStart, String target, boolean readOnly,
                          boolean detachOthers, String detachKeys) throws IOException {
        // JLine's native library loads on another thread while this one reads the keys and
        // connects. It only looks at the terminal: nothing changes before Opening.open().
        LocalTerminal.Opening terminal = early;
        early = null;
        if (terminal == null && ctx.interactive()) {
            terminal = LocalTerminal.start();
        }
        DetachKeys keys = keys(ctx, detachKeys);
        if (!ctx.interactive()) {
            throw new ClientError("attach needs a terminal (stdin and stdout must be a tty); use scarab capture or"
                    + " scarab send-keys from scripts");
        }
        if (starter.remote() == null && target != null && target.indexOf(':') > 0) {
            String host = target.substring(0, target.indexOf(':'));
            if (!localSession(starter, host)) {
                // HOST:TARGET (a local session of that name wins: NAME:WINDOW is a local target then)
                starter = starter.remote(scarab.client.remote.Remote.of(host, starter.ssh(), ctx.env()));
                target = target.length() == host.length() + 1 ? null : target.substring(host.length() + 1);
            }
        }
        DaemonStarter daemon = starter;
        try (DaemonConnection c = starter.connect(noStart)) {
            Attacher attacher = attacher(ctx, c, target, readOnly, detachOthers, keys, starter.remote() == null);
            if (starter.remote() != null) {
                attacher.remote(starter.remote().host(), () -> daemon.connect(noStart), Keepalive.idleSeconds(ctx.env()));
            }
            return attacher.run(terminal);
        }
    }

    /** Does the daemon on this machine, if one runs, have a session of this name? */
    private static boolean localSession(DaemonStarter starter, String name) {
        try (DaemonConnection c = starter.open()) {
            scarab.protocol.Response r = c.call(new scarab.protocol.Request.ListSessions(c.nextId(),
                    scarab.protocol.Request.ListSessions.NAMES, null));
            return r instanceof scarab.protocol.Response.Listing l && l.text() != null
                    && l.text().lines().anyMatch(name::equals);
        } catch (IOException | RuntimeException e) {
            return false; // none runs here (or it cannot say): the name is a host's
        }
    }

    /**
     * --detach-keys, else SCARAB_DETACH_KEYS, else the config file's detach-keys, else Ctrl-b d.
     * The config file's problems are shown here, as an attach is where the user looks.
     */
    public static DetachKeys keys(ClientContext ctx, String option) {
        return keys(ctx, option, true);
    }

    /** As {@link #keys(ClientContext, String)}; {@code report}: print the config file's problems. */
    public static DetachKeys keys(ClientContext ctx, String option, boolean report) {
        ConfigCheck check = report ? ConfigWarnings.print(ctx) : ConfigCheck.of(ConfigWarnings.file(ctx));
        String configured = check.config().detachKeys();
        String spec = option != null ? option : ctx.env().get("SCARAB_DETACH_KEYS");
        if (spec == null) {
            spec = configured;
        }
        return DetachKeys.parse(spec == null ? DetachKeys.DEFAULT_SPEC : spec);
    }

    public static int attach(ClientContext ctx, DaemonConnection c, String target, boolean readOnly,
                             boolean detachOthers, DetachKeys keys) throws IOException {
        return attacher(ctx, c, target, readOnly, detachOthers, keys).run();
    }

    private static Attacher attacher(ClientContext ctx, DaemonConnection c, String target, boolean readOnly,
                                     boolean detachOthers, DetachKeys keys) {
        return attacher(ctx, c, target, readOnly, detachOthers, keys, true);
    }

    /** @param local the daemon is on this machine: it may serve the terminal itself, and SCARAB_SESSION_ID is its */
    private static Attacher attacher(ClientContext ctx, DaemonConnection c, String target, boolean readOnly,
                                     boolean detachOthers, DetachKeys keys, boolean local) {
        String inside = local ? ctx.env().get("SCARAB_SESSION_ID") : null;
        return new Attacher(c, target, readOnly, detachOthers, keys, inside == null || inside.isBlank() ? null : inside,
                ctx.err(), local && !"0".equals(ctx.env().get("SCARAB_DIRECT")));
    }
}
