package scarab.client.script;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import scarab.client.ClientContext;
import scarab.client.daemon.SharedConnection;

/**
 * Runs a parsed command file ({@link ScriptFile}) over one connection, as tmux's source-file runs
 * its command list: every line in order; a failing command skips the rest of its line's {@code ;}
 * group, and the lines after it still run; a failure's messages are prefixed with
 * {@code FILE:LINE:}. The status is 0, or the last failure's.
 */
public final class ScriptRunner {
    private ScriptRunner() {}

    public static int run(ClientContext ctx, List<String> leading, Path socket, String file,
                          List<List<ScriptFile.Command>> groups) {
        int status = 0;
        try (SharedConnection shared = SharedConnection.open(socket)) {
            for (List<ScriptFile.Command> group : groups) {
                for (ScriptFile.Command command : group) {
                    int s = runReporting(ctx, leading, file, command);
                    if (s != 0) {
                        status = s;
                        break;
                    }
                }
            }
        }
        return status;
    }

    /** One command; what it says on stderr is held back, to be prefixed with its place if it fails. */
    private static int runReporting(ClientContext ctx, List<String> leading, String file, ScriptFile.Command command) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        ClientContext held = new ClientContext(ctx.env(), ctx.cwd(), ctx.out(), errStream, ctx.interactive(), ctx.clock());
        int status = CommandSequence.runOne(held, leading, command.words());
        errStream.flush();
        String text = err.toString(StandardCharsets.UTF_8);
        if (status == 0) {
            ctx.err().print(text);
        } else {
            String where = file + ":" + command.line() + ": ";
            if (text.isEmpty()) {
                text = String.join(" ", command.words()) + " failed with status " + status + "\n";
            }
            for (String line : text.split("\n")) {
                ctx.err().println("scarab: " + where + (line.startsWith("scarab: ") ? line.substring(8) : line));
            }
        }
        ctx.err().flush();
        return status;
    }
}
