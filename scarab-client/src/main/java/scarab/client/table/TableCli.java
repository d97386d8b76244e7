package scarab.client.table;

import scarab.client.LeadingOptions;

import java.io.IOException;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import scarab.client.ClientContext;
import scarab.client.ClientError;
import scarab.client.Failures;
import scarab.client.daemon.DaemonConnection;
import scarab.client.daemon.DaemonStarter;
import scarab.protocol.Request;
import scarab.protocol.Response;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;
import scarab.protocol.command.CommandSpec;
import scarab.protocol.command.CommandTable;

/**
 * The client's side of the table commands ({@code scarab split-window -h -t work}, tmux's aliases
 * too): no picocli, no per-command code. The words are checked against the command's spec (a
 * usage mistake prints tmux's error and the usage line, exits 1 as tmux does, and starts no
 * daemon), then sent as they are in one {@code command} request with the caller ({@code
 * SCARAB_PANE}, the session, the directory); the daemon parses them again and runs them, and what
 * it printed and its status are reproduced here. {@code --help} and {@code scarab help NAME}
 * print the spec's help.
 */
public final class TableCli {
    public static final int NOT_SERVED = -1;

    private TableCli() {}

    /**
     * Runs {@code args} when they are a table command after the global options ({@code -S PATH},
     * {@code --socket[=]PATH}, {@code --no-start}), or {@code scarab help NAME} of one; else
     * {@link #NOT_SERVED}, before any work is done.
     */
    public static int run(ClientContext ctx, String[] args) {
        LeadingOptions lead = LeadingOptions.scan(args);
        boolean noStart = lead.noStart();
        int i = lead.command();
        if (i == args.length) {
            return NOT_SERVED;
        }
        CommandTable table = CommandTable.standard();
        if (args[i].equals("help") && i + 2 == args.length && table.find(args[i + 1]) != null) {
            ctx.out().print(table.find(args[i + 1]).help());
            ctx.out().flush();
            return 0;
        }
        CommandSpec spec = table.find(args[i]);
        if (spec == null) {
            return NOT_SERVED;
        }
        List<String> argv = Arrays.asList(args).subList(i, args.length);
        try {
            return run(ctx, lead.starter(ctx), noStart, spec, argv);
        } catch (Exception e) {
            return Failures.report(ctx, e);
        }
    }

    private static int run(ClientContext ctx, DaemonStarter starter, boolean noStart, CommandSpec spec, List<String> argv)
            throws IOException {
        CommandLine line;
        try {
            line = CommandLine.parse(spec, argv.subList(1, argv.size()));
        } catch (CommandLine.UsageError e) {
            ctx.err().println(e.getMessage());
            if (e.reason() != null) {
                ctx.err().println(e.usageLine());
            }
            ctx.err().flush();
            return 1;
        }
        if (line.helpRequested()) {
            ctx.out().print(spec.help());
            ctx.out().flush();
            return 0;
        }
        try (DaemonConnection c = starter.connect(noStart)) {
            Response r = c.call(new Request.Command(c.nextId(), new ArrayList<>(argv), caller(ctx), stdin(spec, line)));
            if (!(r instanceof Response.CommandResult result)) {
                throw new ClientError("unexpected answer from the daemon: " + r);
            }
            if (result.stdout() != null) {
                // UTF-8 whatever the locale: a paste buffer's text is printed as the bytes it holds.
                ctx.out().write(result.stdout().getBytes(StandardCharsets.UTF_8));
                ctx.out().flush();
            }
            if (result.stderr() != null) {
                ctx.err().print(result.stderr());
                ctx.err().flush();
            }
            return result.exitStatus();
        }
    }

    /** The standard input, base64, when the command reads it ({@code load-buffer -}); else null. */
    private static String stdin(CommandSpec spec, CommandLine line) throws IOException {
        if (!spec.readsStdin() || !line.args().contains("-")) {
            return null;
        }
        return Base64.getEncoder().encodeToString(System.in.readAllBytes());
    }

    /** Who is asking: what the daemon fills a target's blanks from. */
    static Caller caller(ClientContext ctx) {
        String session = ctx.env().get("SCARAB_SESSION_ID");
        if (session == null || session.isEmpty()) {
            session = ctx.env().get("SCARAB_SESSION");
        }
        String pane = ctx.env().get("SCARAB_PANE");
        return new Caller(ctx.cwd().toString(), pane == null || pane.isEmpty() ? null : pane,
                session == null || session.isEmpty() ? null : session);
    }
}
