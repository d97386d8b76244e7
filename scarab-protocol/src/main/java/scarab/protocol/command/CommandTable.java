package scarab.protocol.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every command written with tmux's grammar, as tmux's {@code cmd_table}: the specs only. The
 * client checks a command line against its spec before it sends it (a mistake starts no daemon)
 * and renders help and completion from it; the daemon parses the words again and runs the
 * handler it registered for the name ({@code scarab.daemon.command.TableCommands}). Immutable.
 */
public final class CommandTable {
    private static final CommandTable STANDARD = new CommandTable(concat(
            concat(StandardCommands.all(), BufferCommands.all()), ShellCommands.all()));

    private final List<CommandSpec> specs;
    private final Map<String, CommandSpec> byName = new HashMap<>();

    public CommandTable(List<CommandSpec> specs) {
        this.specs = List.copyOf(specs);
        for (CommandSpec s : this.specs) {
            put(s.name(), s);
            for (String alias : s.aliases()) {
                put(alias, s);
            }
        }
    }

    private void put(String word, CommandSpec s) {
        if (byName.putIfAbsent(word, s) != null) {
            throw new IllegalArgumentException("two commands are called " + word);
        }
    }

    private static List<CommandSpec> concat(List<CommandSpec> a, List<CommandSpec> b) {
        List<CommandSpec> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The commands of issue 14, {@code display-message} and the paste buffers'. */
    public static CommandTable standard() {
        return STANDARD;
    }

    /** Every spec, in the order help lists them. */
    public List<CommandSpec> all() {
        return specs;
    }

    /** The command of this exact name or alias, or null. The CLI uses only this: its own words may be prefixes. */
    public CommandSpec find(String nameOrAlias) {
        return byName.get(nameOrAlias);
    }

    /**
     * As tmux finds a command ({@code cmd_find}): its name or alias, else a unique prefix of a
     * name. For the daemon's own command lines (key bindings, the {@code :} prompt).
     *
     * @throws UnknownCommand {@code unknown command: X} or {@code ambiguous command: X, could be: a, b}
     */
    public CommandSpec lookup(String word) {
        CommandSpec exact = byName.get(word);
        if (exact != null) {
            return exact;
        }
        List<CommandSpec> matches = new ArrayList<>();
        for (CommandSpec s : specs) {
            if (!word.isEmpty() && s.name().startsWith(word)) {
                matches.add(s);
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new UnknownCommand("unknown command: " + word);
        }
        List<String> names = new ArrayList<>();
        matches.forEach(s -> names.add(s.name()));
        throw new UnknownCommand("ambiguous command: " + word + ", could be: " + String.join(", ", names));
    }

    /** No command, or more than one, goes by that word. */
    public static final class UnknownCommand extends RuntimeException {
        public UnknownCommand(String message) {
            super(message, null, false, false);
        }
    }
}
