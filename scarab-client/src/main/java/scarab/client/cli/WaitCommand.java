package scarab.client.cli;

import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import scarab.client.ClientContext;
import scarab.client.requests.OutputWaits;
import scarab.client.requests.SessionRequests;

/** {@code scarab wait}: for scripts and CI. */
@Command(name = "wait", mixinStandardHelpOptions = true,
        description = {"Wait until a session's process exits, then exit with its status.",
                "With --idle S: wait until the pane has printed nothing for S seconds instead."},
        footer = {"", "Examples:", "  scarab new -d -c 'make test' ci && scarab wait ci; echo \"tests: $?\"",
                "  scarab send-keys -t work 'make' Enter; scarab wait --idle 2 -t work"})
public final class WaitCommand implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    ScarabCommand parent;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TARGET",
            description = "Session name, id, or unique id prefix (a name wins over a prefix).")
    String target;

    @Option(names = "-t", paramLabel = "TARGET", description = "The session (or with --idle, the pane), as TARGET.")
    String option;

    @Option(names = "--idle", paramLabel = "S", description = "Wait for S seconds of silence from the pane instead.")
    String idle;

    @Option(names = "--timeout", paramLabel = "S", description = "With --idle: give up after S seconds (exit status 1).")
    String timeout;

    public WaitCommand(ClientContext ctx) {
    }

    @Override
    public Integer call() throws IOException {
        if ((target == null) == (option == null)) {
            throw new IllegalArgumentException("wait needs one target: TARGET or -t TARGET");
        }
        String which = option != null ? option : target;
        if (idle != null) {
            return OutputWaits.waitIdle(parent::connect, which, idle, timeout);
        }
        if (timeout != null) {
            throw new IllegalArgumentException("--timeout goes with --idle");
        }
        return SessionRequests.waitFor(parent::connect, which);
    }
}
