package scarab.client.cli;

import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import scarab.client.ClientContext;
import scarab.client.requests.SessionRequests;

/** {@code scarab capture}: like {@code tmux capture-pane -p}. */
@Command(name = "capture", aliases = "capture-pane", mixinStandardHelpOptions = true,
        description = {"Print a session's screen as text, like tmux capture-pane -p.",
                "One line per row, trailing spaces trimmed; the flags mean what they mean to tmux."},
        footer = {"", "Examples:",
                "  scarab capture dev-server            the visible screen",
                "  scarab capture -S - dev-server       all history, then the screen",
                "  scarab capture -S -100 -J dev        the last 100 history lines on, wrapped lines joined",
                "  scarab capture -e dev > screen.ans   with colors and attributes as SGR escapes"})
public final class CaptureCommand implements java.util.concurrent.Callable<Integer> {
    private final ClientContext ctx;

    @ParentCommand
    ScarabCommand parent;

    @Parameters(index = "0", paramLabel = "TARGET", description = "Session name, id, or unique id prefix (a name wins over a prefix).")
    String target;

    @Option(names = "-e", description = "Include SGR escape sequences for colors and attributes.")
    boolean escapes;

    @Option(names = "-S", paramLabel = "START",
            description = "First line: 0 is the top visible line, negative numbers go into history, '-' is the"
                    + " start of history.")
    String start;

    @Option(names = "-E", paramLabel = "END", description = "Last line, numbered like START; '-' is the last visible line.")
    String end;

    @Option(names = "-J", description = "Join wrapped lines (and keep trailing spaces).")
    boolean join;

    public CaptureCommand(ClientContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        return SessionRequests.capture(ctx, parent::connect, target, escapes, start, end, join);
    }
}
