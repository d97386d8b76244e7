package scarab.client.table;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import scarab.client.ClientContext;
import scarab.protocol.command.CommandTable;
import scarab.protocol.command.FlagSpec;

/**
 * The table commands as picocli subcommands, built from their specs, so that what is generated
 * from picocli's model (the top-level {@code --help}, rendered at build time; bash and zsh
 * completion; the man page) lists them with their flags. They are run by {@link TableCli} before
 * picocli sees the words; picocli runs one only when it expanded an {@code @file} argument, and
 * then hands the expanded words back to {@link TableCli}.
 */
public final class TableSubcommands {
    private static final String HELP_SECTION = "tableHelp";

    private TableSubcommands() {}

    public static void addTo(CommandLine parent, ClientContext ctx) {
        for (scarab.protocol.command.CommandSpec table : CommandTable.standard().all()) {
            Run run = new Run(ctx);
            CommandSpec spec = CommandSpec.wrapWithoutInspection(run);
            spec.name(table.name()).aliases(table.aliases().toArray(new String[0]));
            spec.usageMessage().description(table.summary());
            spec.parser().overwrittenOptionsAllowed(true).unmatchedArgumentsAllowed(true);
            for (FlagSpec f : table.flags()) {
                OptionSpec.Builder o = OptionSpec.builder(f.name()).description(f.description());
                if (f.takesValue()) {
                    o.paramLabel(f.valueLabel()).type(String.class).arity("1");
                } else {
                    o.type(boolean.class).arity("0");
                }
                spec.addOption(o.build());
            }
            spec.addOption(OptionSpec.builder("--help").usageHelp(true).description("Show this help.").build());
            if (table.maxArgs() != 0) {
                String max = table.maxArgs() == scarab.protocol.command.CommandSpec.UNBOUNDED ? "*"
                        : Integer.toString(table.maxArgs());
                spec.addPositional(PositionalParamSpec.builder().paramLabel(table.argsLabel().replaceAll("[\\[\\]]", ""))
                        .arity(table.minArgs() + ".." + max).type(String.class).description(table.summary()).build());
            }
            CommandLine sub = new CommandLine(spec);
            run.line = sub;
            sub.getHelpSectionMap().put(HELP_SECTION, help -> table.help());
            sub.setHelpSectionKeys(List.of(HELP_SECTION));
            parent.addSubcommand(sub);
        }
    }

    /** picocli ran a table command (after expanding an @file): run the expanded words our way. */
    private static final class Run implements java.util.concurrent.Callable<Integer> {
        private final ClientContext ctx;
        CommandLine line;

        Run(ClientContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            CommandLine root = line;
            while (root.getParent() != null) {
                root = root.getParent();
            }
            int status = TableCli.run(ctx, root.getParseResult().expandedArgs().toArray(new String[0]));
            if (status == TableCli.NOT_SERVED) {
                throw new IllegalArgumentException("write the global options once, before " + line.getCommandName());
            }
            return status;
        }
    }
}
