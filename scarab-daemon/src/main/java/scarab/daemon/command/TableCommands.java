package scarab.daemon.command;

import java.util.HashMap;
import java.util.Map;
import scarab.protocol.command.CommandTable;

/**
 * The handlers of the table's commands, by the spec's name: the daemon's side of tmux's
 * {@code cmd_table}. Refuses a name the table does not have (a typo would leave a command with no
 * handler and a handler nobody can reach) and a second handler for one name. Filled once while
 * the daemon starts, read-only after {@link #seal}.
 */
public final class TableCommands {
    private final CommandTable table;
    private final Map<String, TableCommand> byName = new HashMap<>();
    private volatile boolean sealed;

    public TableCommands(CommandTable table) {
        this.table = table;
    }

    public TableCommands register(String name, TableCommand command) {
        if (sealed) {
            throw new IllegalStateException("the table commands are sealed");
        }
        if (table.find(name) == null || !table.find(name).name().equals(name)) {
            throw new IllegalArgumentException("no command " + name + " in the table (register by full name)");
        }
        if (byName.putIfAbsent(name, command) != null) {
            throw new IllegalArgumentException("two handlers for " + name);
        }
        return this;
    }

    /** No more registrations: from here the map is only read, by any connection's thread. */
    public TableCommands seal() {
        sealed = true;
        return this;
    }

    public CommandTable table() {
        return table;
    }

    /** The handler of the spec of this name, or null when none is registered yet. */
    public TableCommand find(String name) {
        return byName.get(name);
    }
}
