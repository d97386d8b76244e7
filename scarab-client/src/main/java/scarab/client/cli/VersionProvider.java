package scarab.client.cli;

import picocli.CommandLine.IVersionProvider;
import scarab.protocol.Protocol;
import scarab.protocol.Version;

/** {@code scarab --version}; the fast path prints the same {@link #text}. */
public final class VersionProvider implements IVersionProvider {
    /** Where to look for the daemon (the context's environment); null: the process's. */
    private final scarab.client.ClientContext ctx;

    public VersionProvider() {
        this(null);
    }

    public VersionProvider(scarab.client.ClientContext ctx) {
        this.ctx = ctx;
    }

    public static String text() {
        return "scarab " + Version.get() + " (protocol " + Protocol.VERSION + ")";
    }

    /**
     * The client's version, and on a second line the running daemon's (which may differ after an
     * install: {@code scarab daemon upgrade} brings it up to date). Never starts a daemon.
     */
    public static String text(java.util.Map<String, String> env) {
        java.nio.file.Path socket = new scarab.protocol.ScarabPaths(env).socket(null);
        try (scarab.client.daemon.DaemonConnection c = scarab.client.daemon.DaemonConnection.open(socket, 2000)) {
            boolean same = Version.get().equals(c.daemonVersion()) && c.daemonProtocol() == Protocol.VERSION;
            return text() + "\ndaemon " + c.daemonVersion() + " (pid " + c.daemonPid() + ")"
                    + (c.daemonProtocol() == Protocol.VERSION ? "" : " (protocol " + c.daemonProtocol() + ")")
                    + (same ? "" : "; scarab daemon upgrade runs this version");
        } catch (java.io.IOException | RuntimeException e) {
            return text() + "\nno daemon running";
        }
    }

    @Override
    public String[] getVersion() {
        return text(ctx == null ? System.getenv() : ctx.env()).split("\n");
    }
}
