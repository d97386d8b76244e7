package scarab.client.cli;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import scarab.client.ClientContext;
import scarab.client.ClientError;
import scarab.client.ConfigWarnings;
import scarab.client.daemon.DaemonConnection;
import scarab.client.daemon.DaemonStarter;
import scarab.client.daemon.DaemonStop;
import scarab.protocol.Request;
import scarab.protocol.Response;

/** {@code scarab daemon}: run, start, stop and inspect the daemon. */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = {"Manage the daemon that owns the sessions.",
                "Any command starts a daemon when none is running; these are for explicit control."},
        footer = {"", "Examples:",
                "  scarab daemon --foreground     run here, logging to stdout (as under systemd)",
                "  scarab daemon --foreground --restore=lazy --snapshot-interval=5s",
                "  scarab daemon status",
                "  scarab daemon stop             the next daemon brings every session back",
                "  scarab daemon upgrade          run the installed version, sessions' processes kept"})
public final class DaemonCommand implements java.util.concurrent.Callable<Integer> {
    private final ClientContext ctx;

    @ParentCommand
    ScarabCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--foreground", description = "Run the daemon in this process, logging to stdout.")
    boolean foreground;

    /** Daemon settings (--restore=, --snapshot-interval=, --scrollback=, --cleanup-*-after=), passed through. */
    @picocli.CommandLine.Unmatched
    List<String> daemonArgs = new ArrayList<>();

    public DaemonCommand(ClientContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        if (!foreground) {
            if (!daemonArgs.isEmpty()) {
                throw new IllegalArgumentException("unknown daemon option " + daemonArgs.get(0)
                        + "; daemon settings go with --foreground (or in config.toml)");
            }
            spec.commandLine().usage(ctx.err());
            return 2;
        }
        List<String> args = new ArrayList<>(List.of("--foreground"));
        args.addAll(daemonArgs);
        if (parent.socket != null) {
            args.add("-S");
            args.add(parent.socket);
        }
        // The daemon's jar sits beside the client's (same lib directory); no compile-time link.
        try {
            Class.forName("scarab.daemon.Daemon").getMethod("main", String[].class)
                    .invoke(null, (Object) args.toArray(String[]::new));
        } catch (ClassNotFoundException e) {
            throw new ClientError("the daemon is not installed beside this client (scarab-daemon jar missing)");
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
        }
        return 0;
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start a daemon in the background if none is running.")
    int start() {
        int status = parent.starter().startUnlessRunning();
        ConfigWarnings.print(ctx);
        return status;
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop the daemon. Session processes end; sessions are remembered, and the next daemon"
                    + " starts them again (ls: running (restored); with restore = \"lazy\", stopped until first used).")
    int stop() throws IOException {
        return DaemonStop.run(ctx, parent.starter());
    }

    @Command(name = "upgrade", mixinStandardHelpOptions = true,
            description = "Re-execute the daemon in place with the installed version: the same pid, every session's"
                    + " process kept running, screens and histories as they were; attached clients re-attach by"
                    + " themselves. Should the hand-over fail, sessions are restored as after a stop (see daemon status).")
    int upgrade() throws IOException {
        return scarab.client.daemon.DaemonUpgrade.run(ctx, parent.starter());
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show the running daemon's version, pid, uptime and paths.")
    int status() throws IOException {
        DaemonConnection c;
        try {
            c = parent.starter().open();
        } catch (IOException e) {
            ctx.out().println("no daemon is running on " + parent.socketPath());
            return 1;
        }
        try (c) {
            Response.Status s = (Response.Status) c.call(new Request.DaemonStatus(c.nextId()));
            Duration up = Duration.between(Instant.ofEpochMilli(s.startedAt()), Instant.now());
            ctx.out().printf("client:   %s%n", scarab.protocol.Version.get());
            ctx.out().printf("version:  %s%npid:      %d%nuptime:   %s%nsocket:   %s%ndatabase: %s%nconfig:   %s%nsessions: %d%n",
                    s.version(), s.pid(), uptime(up), s.socket(), s.database(), s.config(), s.sessions());
            if (s.configWarnings() != null) {
                for (String w : s.configWarnings()) {
                    ctx.out().println("warning:  " + w);
                }
            }
            if (s.notices() != null) {
                s.notices().forEach(n -> ctx.out().println("problem:  " + n));
            }
            if (c.daemonProtocol() != scarab.protocol.Protocol.VERSION) {
                ctx.out().println("problem:  " + scarab.protocol.ProtocolMismatch.message(c.daemonProtocol(), s.version(),
                        scarab.protocol.Protocol.VERSION, scarab.protocol.Version.get()));
            }
        }
        return 0;
    }

    private static String uptime(Duration d) {
        long s = d.getSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m " + (s % 60) + "s";
        }
        return (s / 3600) + "h " + (s % 3600 / 60) + "m";
    }
}
