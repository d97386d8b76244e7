package scarab.client.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import scarab.client.ClientContext;
import scarab.client.ClientError;

/**
 * Builds and runs the command line. Errors become one line on stderr: status 1 for failures,
 * 2 for usage mistakes (picocli's convention and tmux's).
 */
public final class Cli {
    private Cli() {}

    public static int run(ClientContext ctx, String... args) {
        CommandLine cl = commandLine(ctx);
        return cl.execute(args);
    }

    public static CommandLine commandLine(ClientContext ctx) {
        ScarabCommand top = new ScarabCommand(ctx);
        CommandLine cl = new CommandLine(top, new ContextFactory(ctx));
        cl.setOut(new PrintWriter(ctx.out(), true));
        cl.setErr(new PrintWriter(ctx.err(), true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof ClientError e) {
                ctx.err().println("scarab: " + e.getMessage());
                return e.exitCode();
            }
            if (ex instanceof IllegalArgumentException e) {
                ctx.err().println("scarab: " + e.getMessage());
                return 2;
            }
            ctx.err().println("scarab: unexpected error: " + ex);
            ex.printStackTrace(ctx.err());
            return 1;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
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
