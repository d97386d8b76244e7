package scarab.daemon.command;

import java.util.HashMap;
import java.util.Map;
import scarab.daemon.UserError;
import scarab.daemon.session.KeyCommands;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;
import scarab.protocol.keys.KeyBindings;

/**
 * {@code list-keys [-T key-table]}: the prefix table as tmux's bind-key lines ({@link KeyListing}),
 * with the daemon's bindings (the defaults and the config file's {@code [keys]}) and, as tmux lists
 * them, the prefix typed twice ({@code C-b send-prefix}) and {@code d detach-client} (the default
 * detach keys: a client attached with others keeps its own). {@code -T root} lists nothing (Scarab
 * binds no key without the prefix); another table is refused in tmux's words. Run from a key or
 * the {@code :} prompt, what it prints is shown over the window (see {@code Commands}).
 */
public final class ListKeysCommand implements TableCommand {
    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        String table = line.value('T');
        if (table != null && !table.equals("prefix")) {
            if (table.equals("root")) {
                return;
            }
            throw new UserError("not-found", "table " + table + " doesn't exist");
        }
        Map<String, KeyBindings.Binding> all = new HashMap<>(KeyCommands.bindings().all());
        all.putIfAbsent("\002", new KeyBindings.Binding(java.util.List.of("send-prefix"), false));
        all.putIfAbsent("d", new KeyBindings.Binding(java.util.List.of("detach-client"), false));
        for (String l : KeyListing.lines("prefix", all)) {
            out.println(l);
        }
    }
}
