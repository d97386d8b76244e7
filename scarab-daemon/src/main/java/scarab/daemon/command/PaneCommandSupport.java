package scarab.daemon.command;

import java.util.List;
import scarab.daemon.UserError;
import scarab.protocol.CommandSplitter;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;

/** What the commands that start a pane's process share: how {@code -c} and {@code -C} are read. */
final class PaneCommandSupport {
    private PaneCommandSupport() {}

    /** {@code -c}: one command line, split into words as {@code scarab new -c} splits it; null: the default command. */
    static List<String> command(CommandLine line) {
        String c = line.value('c');
        if (c == null) {
            return null;
        }
        try {
            List<String> words = CommandSplitter.split(c);
            if (words.isEmpty()) {
                throw new UserError("bad-command", "the command of -c is empty");
            }
            return words;
        } catch (IllegalArgumentException e) {
            throw new UserError("bad-command", "-c: " + e.getMessage());
        }
    }

    /** {@code -C}: the directory, relative ones taken from the caller's; null: the default. */
    static String directory(CommandLine line, Caller caller) {
        String dir = line.value('C');
        if (dir == null) {
            return null;
        }
        if (!dir.startsWith("/") && caller.cwd() != null) {
            return java.nio.file.Path.of(caller.cwd()).resolve(dir).normalize().toString();
        }
        return dir;
    }

    /** {@code -e VAR=VALUE}, each given (tmux's; later ones win); empty when none. */
    static java.util.Map<String, String> environment(CommandLine line) {
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
        for (String kv : line.values('e')) {
            int eq = kv.indexOf('=');
            if (eq <= 0 || kv.indexOf('\0') >= 0) {
                throw new UserError("bad-environment", "-e wants VAR=VALUE, not \"" + kv + "\"");
            }
            env.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return env;
    }
}
