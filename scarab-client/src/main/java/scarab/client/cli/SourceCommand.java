package scarab.client.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import scarab.client.ClientContext;
import scarab.client.ClientError;
import scarab.client.script.ScriptFile;
import scarab.client.script.ScriptRunner;

/** {@code scarab source FILE}: tmux's source-file, over one connection. */
@Command(name = "source-file", aliases = "source", mixinStandardHelpOptions = true,
        description = {"Run the commands in FILE, one per line (several joined by ' ; '), in one process and over"
                + " one connection. Lines starting with # are comments; a line ending in \\ goes on on the next. The"
                + " file is read whole first: a mistake in it (an unknown command, a quote left open) is reported as"
                + " FILE:LINE and nothing runs. A failing command skips the rest of its line, and its message names"
                + " FILE:LINE; the other lines still run, as in tmux. Use - for standard input."},
        footer = {"", "Example:", "  scarab source ~/work.scarab"})
public final class SourceCommand implements java.util.concurrent.Callable<Integer> {
    private final ClientContext ctx;

    @ParentCommand
    ScarabCommand parent;

    @Parameters(index = "0", paramLabel = "FILE", description = "The command file.")
    String file;

    public SourceCommand(ClientContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        String text;
        try {
            text = file.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(ctx.cwd().resolve(file));
        } catch (NoSuchFileException e) {
            throw new ClientError("no such file: " + file);
        }
        List<List<ScriptFile.Command>> groups;
        try {
            groups = ScriptFile.parse(file, text, Cli::knows);
        } catch (ScriptFile.Mistake e) {
            throw new ClientError(e.getMessage());
        }
        List<String> leading = new ArrayList<>();
        if (parent.socket != null) {
            leading.add("--socket=" + parent.socket);
        }
        if (parent.noStart) {
            leading.add("--no-start");
        }
        Path socket = parent.socketPath();
        return ScriptRunner.run(ctx, leading, socket, file, groups);
    }
}
