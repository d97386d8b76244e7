package scarab.client.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import scarab.client.ClientContext;
import scarab.client.daemon.DaemonConnection;
import scarab.client.daemon.DaemonStarter;

/** {@code scarab}: the top-level command; its options apply to every subcommand. */
@Command(name = "scarab",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Terminal sessions that outlive your terminal, your SSH connection and the daemon itself.", ""},
        footer = {"", "Examples:",
                "  scarab new dev-server            create a session and attach to it",
                "  scarab new -d -c 'make watch' w  create a detached session running a command",
                "  scarab ls                        list sessions",
                "  scarab attach dev-server         attach (Ctrl-b d detaches)",
                "  scarab kill dev-server           end a session",
                "",
                "Environment: SCARAB_SOCKET (socket path), XDG_RUNTIME_DIR, XDG_DATA_HOME, XDG_STATE_HOME."})
public final class ScarabCommand implements java.util.concurrent.Callable<Integer> {
    final ClientContext ctx;

    @Spec
    CommandSpec spec;

    @Option(names = {"-S", "--socket"}, paramLabel = "PATH",
            description = "Daemon socket (default: $SCARAB_SOCKET, else $XDG_RUNTIME_DIR/scarab/scarab.sock,"
                    + " else /tmp/scarab-UID/scarab.sock).")
    String socket;

    @Option(names = {"-H", "--host"}, paramLabel = "HOST",
            description = "Run the command on HOST's daemon, over ssh (ssh HOST scarab proxy).")
    String host;

    @Option(names = "--ssh", paramLabel = "CMD",
            description = "The ssh command for -H (default: $SCARAB_SSH, else ssh), e.g. \"ssh -p 2222\".")
    String ssh;

    @Option(names = "--no-start",
            description = "Fail instead of starting a daemon when none is running.")
    boolean noStart;

    public ScarabCommand(ClientContext ctx) {
        this.ctx = ctx;
    }

    /** A bare {@code scarab} is a usage mistake (no command): the help goes to stderr, status 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(ctx.err());
        return 2;
    }

    Path socketPath() {
        return ctx.paths().socket(socket);
    }

    DaemonStarter starter() {
        DaemonStarter s = new DaemonStarter(ctx, socketPath(), socket != null).ssh(ssh);
        return host == null ? s : s.remote(scarab.client.remote.Remote.of(host, ssh, ctx.env()));
    }

    /** A connection to the daemon, starting one if needed (unless --no-start). */
    DaemonConnection connect() {
        return starter().connect(noStart);
    }
}
