package scarab.client.cli;

import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import scarab.client.ClientContext;
import scarab.client.ClientError;
import scarab.client.daemon.DaemonConnection;
import scarab.protocol.Request;
import scarab.protocol.Response;

/** {@code scarab wait}: for scripts and CI. */
@Command(name = "wait", mixinStandardHelpOptions = true,
        description = "Wait until a session's process exits, then exit with its status.",
        footer = {"", "Example:", "  scarab new -d -c 'make test' ci && scarab wait ci; echo \"tests: $?\""})
public final class WaitCommand implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    ScarabCommand parent;

    @Parameters(index = "0", paramLabel = "TARGET", description = "Session name, id, or unique id prefix.")
    String target;

    public WaitCommand(ClientContext ctx) {
    }

    @Override
    public Integer call() throws IOException {
        try (DaemonConnection c = parent.connect()) {
            Response r = c.call(new Request.Wait(c.nextId(), target));
            if (r instanceof Response.Exited exited) {
                return exited.exitCode() & 0xff;
            }
            throw new ClientError("unexpected answer from the daemon: " + r);
        }
    }
}
