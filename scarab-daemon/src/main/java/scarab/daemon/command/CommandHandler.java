package scarab.daemon.command;

import java.util.Base64;
import java.util.List;
import scarab.daemon.UserError;
import scarab.daemon.ipc.Connection;
import scarab.daemon.ipc.RequestHandler;
import scarab.protocol.Request;
import scarab.protocol.Response;
import scarab.protocol.command.CommandLine;
import scarab.protocol.command.CommandSpec;
import scarab.protocol.command.CommandTable;

/**
 * {@code command}: a table command's words, parsed here as tmux's server parses what its client
 * sends (the client checked them too, but the daemon never trusts that, and key bindings and the
 * {@code :} prompt come without a client). Every outcome is a {@code command-result}: what the
 * command printed, and its errors in tmux's words with status 1 ({@code unknown command: X},
 * {@code command split-window: unknown flag -X}, {@code can't find window: 9}).
 */
public final class CommandHandler implements RequestHandler<Request.Command> {
    private final TableCommands commands;

    public CommandHandler(TableCommands commands) {
        this.commands = commands;
    }

    @Override
    public Class<Request.Command> type() {
        return Request.Command.class;
    }

    @Override
    public Response handle(Request.Command r, Connection connection) {
        byte[] stdin = null;
        if (r.input() != null) {
            try {
                stdin = Base64.getDecoder().decode(r.input());
            } catch (IllegalArgumentException e) {
                return new Response.CommandResult(r.id(), 1, "", "standard input: not base64\n");
            }
        }
        TableCommand.Output out = run(r.argv(), r.caller(), stdin);
        return new Response.CommandResult(r.id(), out.status(), out.stdout(), out.stderr());
    }

    /** Parses and runs one command line; for the request, and later for key bindings and the prompt. */
    public TableCommand.Output run(List<String> argv, scarab.protocol.command.Caller caller) {
        return run(argv, caller, null);
    }

    /** As {@link #run(List, scarab.protocol.command.Caller)}, with the client's standard input (or null). */
    public TableCommand.Output run(List<String> argv, scarab.protocol.command.Caller caller, byte[] stdin) {
        TableCommand.Output out = new TableCommand.Output();
        if (argv == null || argv.isEmpty() || argv.get(0) == null) {
            return fail(out, "no command given");
        }
        CommandSpec spec;
        try {
            spec = commands.table().lookup(argv.get(0));
        } catch (CommandTable.UnknownCommand e) {
            return fail(out, e.getMessage());
        }
        CommandLine line;
        try {
            line = CommandLine.parse(spec, argv.subList(1, argv.size()));
        } catch (CommandLine.UsageError e) {
            fail(out, e.getMessage());
            if (e.reason() != null) {
                out.errorln(e.usageLine());
            }
            return out;
        }
        if (line.helpRequested()) {
            out.println(spec.help().stripTrailing());
            return out;
        }
        TableCommand command = commands.find(spec.name());
        if (command == null) {
            return fail(out, "unknown command: " + spec.name() + " (not served by this daemon yet)");
        }
        try {
            command.run(line, caller == null ? scarab.protocol.command.Caller.NOBODY : caller, stdin, out);
        } catch (UserError e) {
            fail(out, e.getMessage());
        }
        return out;
    }

    /** {@link TableCommand#atOnce} of a key's command line; null when it has none or does not parse. */
    public scarab.daemon.session.KeyCommands.AtOnce atOnce(List<String> argv, scarab.protocol.command.Caller caller) {
        if (argv == null || argv.isEmpty() || argv.get(0) == null || caller == null) {
            return null;
        }
        try {
            CommandSpec spec = commands.table().lookup(argv.get(0));
            CommandLine line = CommandLine.parse(spec, argv.subList(1, argv.size()));
            TableCommand command = commands.find(spec.name());
            return line.helpRequested() || command == null ? null : command.atOnce(line, caller);
        } catch (CommandTable.UnknownCommand | CommandLine.UsageError | UserError e) {
            return null;
        }
    }

    private static TableCommand.Output fail(TableCommand.Output out, String message) {
        out.errorln(message);
        out.status(1);
        return out;
    }
}
