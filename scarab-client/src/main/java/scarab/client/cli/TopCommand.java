package scarab.client.cli;

import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import scarab.client.ClientContext;
import scarab.client.top.Top;

/** {@code scarab top}: the sessions' resource use, live. */
@Command(name = "top", mixinStandardHelpOptions = true,
        description = {"Show each session's CPU use, CPU time and memory (its panes' process trees), sorted by CPU use,"
                + " with its busiest pane; refreshed every second. On a terminal q quits; otherwise (or with -b) a"
                + " table is printed per interval, as top's batch mode."},
        footer = {"", "Examples:", "  scarab top", "  scarab top -b -n 1            one table, after one interval",
                "  scarab top -d 5"})
public final class TopCommand implements java.util.concurrent.Callable<Integer> {
    private final ClientContext ctx;

    @ParentCommand
    ScarabCommand parent;

    @Option(names = "-n", paramLabel = "N", description = "Stop after N tables.")
    Integer iterations;

    @Option(names = "-d", paramLabel = "SECONDS", description = "Seconds between tables (default 1; 0.5 works).")
    double delay = 1;

    @Option(names = "-b", description = "Batch mode: print tables one after another, also on a terminal.")
    boolean batch;

    public TopCommand(ClientContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        return Top.run(ctx, parent::connect, iterations, Math.round(delay * 1000), batch);
    }
}
