package scarab.client.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import scarab.client.ClientContext;
import scarab.client.Failures;

/**
 * Builds and runs the command line. Errors become one line on stderr: status 1 for failures,
 * 2 for usage mistakes (picocli's convention and tmux's).
 */
public final class Cli {
    private Cli() {}

    /** Every subcommand, in the order --help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(NewCommand.class, LsCommand.class, AttachCommand.class,
            DetachCommand.class, KillCommand.class, RenameCommand.class, CaptureCommand.class, SendKeysCommand.class,
            WaitCommand.class, WaitForOutputCommand.class, EventsCommand.class, SourceCommand.class, UpCommand.class, DownCommand.class,
            SaveCommand.class, RecordCommand.class, PlayCommand.class, TopCommand.class, DaemonCommand.class, ConfigCommand.class, CompletionCommand.class, ManCommand.class, TrainCommand.class, TrainDaemonCommand.class,
            ProxyCommand.class,
            CommandLine.HelpCommand.class);

    public static int run(ClientContext ctx, String... args) {
        if (scarab.client.script.CommandSequence.present(args)) {
            return scarab.client.script.CommandSequence.run(ctx, args);
        }
        return runSingle(ctx, args);
    }

    /** {@link #run} of one command: a {@code ;} word is only a word. */
    public static int runSingle(ClientContext ctx, String... args) {
        int table = scarab.client.table.TableCli.run(ctx, args);
        if (table != scarab.client.table.TableCli.NOT_SERVED) {
            return table;
        }
        return commandLine(ctx, args).execute(args);
    }

    /** Is {@code name} a command of the CLI (a subcommand, an alias, a table command)? */
    public static boolean knows(String name) {
        return SubcommandIndex.knows(name) || scarab.protocol.command.CommandTable.standard().find(name) != null;
    }

    /** The full command line, every subcommand registered (for help, completion and the man page). */
    public static CommandLine commandLine(ClientContext ctx) {
        return commandLine(ctx, new String[0]);
    }

    /**
     * Builds the command line for these arguments. picocli reflects over every registered command
     * class at start-up, which costs more than everything else a short command does, so only the
     * subcommand being run is registered; all of them only when the word is not a known command.
     */
    static CommandLine commandLine(ClientContext ctx, String[] args) {
        ScarabCommand top = new ScarabCommand(ctx);
        CommandLine cl = new CommandLine(top, new ContextFactory(ctx));
        Class<?> only = args.length == 0 ? null : SubcommandIndex.find(args);
        for (Class<?> c : only == null ? SUBCOMMANDS : List.of(only)) {
            cl.addSubcommand(new CommandLine(c, new ContextFactory(ctx)));
        }
        if (only == null) {
            // The window and pane commands, from their specs (tmux's grammar; TableCli runs them).
            scarab.client.table.TableSubcommands.addTo(cl, ctx);
        }
        cl.setOut(new PrintWriter(ctx.out(), true));
        cl.setErr(new PrintWriter(ctx.err(), true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> Failures.report(ctx, ex));
        cl.setParameterExceptionHandler((ex, badArgs) -> {
            ctx.err().println("scarab: " + ex.getMessage());
            CommandLine c = ex.getCommandLine();
            ctx.err().println("usage: " + c.getHelp().synopsis(0).trim() + "  (see: " + c.getCommandSpec().qualifiedName() + " --help)");
            return 2;
        });
        return cl;
    }

    /** Lets subcommands receive the client context through their constructors. */
    private static final class ContextFactory implements CommandLine.IFactory {
        private final ClientContext ctx;

        ContextFactory(ClientContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(ClientContext.class).newInstance(ctx);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
