package scarab.client.cli;

import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import scarab.client.ClientContext;
import scarab.client.requests.OutputWaits;

/** {@code scarab wait-for-output}: expect for a pane, without a capture loop. */
@Command(name = "wait-for-output", mixinStandardHelpOptions = true,
        description = {"Wait until a line of a pane matches REGEX (a Java regular expression, found anywhere in"
                + " the line): the lines on its screen now, then every line its output writes or changes. Prints the"
                + " line that matched. Exit status 1 on timeout or when the pane ends first, 2 for a bad REGEX."},
        footer = {"", "Examples:",
                "  scarab send-keys -t ci 'make' Enter; scarab wait-for-output -t ci --timeout 600 'BUILD (SUCCESS|FAIL)'",
                "  scarab wait-for-output -t work:0.1 '^\\$ $'      until the shell prompt is back"})
public final class WaitForOutputCommand implements java.util.concurrent.Callable<Integer> {
    private final ClientContext ctx;

    @ParentCommand
    ScarabCommand parent;

    @Option(names = "-t", required = true, paramLabel = "PANE",
            description = "The pane: a session (its active pane), session:window.pane, %ID, ...")
    String target;

    @Option(names = "--timeout", paramLabel = "S", description = "Give up after S seconds (default: never).")
    String timeout;

    @Parameters(index = "0", paramLabel = "REGEX", description = "The pattern a line must contain.")
    String regex;

    public WaitForOutputCommand(ClientContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        return OutputWaits.waitForOutput(ctx, parent::connect, target, regex, timeout);
    }
}
