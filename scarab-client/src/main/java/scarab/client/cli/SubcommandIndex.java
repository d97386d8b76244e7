package scarab.client.cli;

import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * Finds which subcommand class the arguments name, reading only the {@code @Command} annotation's
 * name and aliases (cheap) rather than building picocli's whole model (dear).
 */
final class SubcommandIndex {
    private static final Map<String, Class<?>> BY_NAME = new HashMap<>();

    static {
        for (Class<?> c : Cli.SUBCOMMANDS) {
            Command command = c.getAnnotation(Command.class);
            BY_NAME.put(command.name(), c);
            for (String alias : command.aliases()) {
                BY_NAME.put(alias, c);
            }
        }
    }

    private SubcommandIndex() {}

    static boolean knows(String name) {
        return BY_NAME.containsKey(name);
    }

    /** The subcommand class, or null when there is none to be sure of (then all are registered). */
    static Class<?> find(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-S") || a.equals("--socket") || a.equals("-H") || a.equals("--host") || a.equals("--ssh")) {
                i++;
                continue;
            }
            if (a.startsWith("-")) {
                continue;
            }
            Class<?> c = BY_NAME.get(a);
            // help, completion and man describe the other commands: they need all of them.
            if (c == CommandHelpClasses.HELP || c == CompletionCommand.class || c == ManCommand.class) {
                return null;
            }
            return c;
        }
        return null;
    }

    /** picocli's help command class, named once. */
    private static final class CommandHelpClasses {
        static final Class<?> HELP = picocli.CommandLine.HelpCommand.class;
    }
}
