package scarab.client.workspace;

import java.util.ArrayList;
import java.util.List;

/**
 * A pane's command as the daemon is given it: its words, with {@code on-start} run before it
 * by {@code sh -c} in the same pane (then the command replaces that shell: {@code exec}); a pane
 * with {@code on-start} and no command goes on with {@code $SHELL -l}.
 */
final class WorkspaceCommands {
    private WorkspaceCommands() {}

    /** The words to start, or null for the daemon's default command. */
    static List<String> of(Workspace.Node leaf) {
        if (leaf.onStart() == null) {
            return leaf.command();
        }
        List<String> words = new ArrayList<>();
        if (leaf.command() == null) {
            words.addAll(List.of("sh", "-c", leaf.onStart() + "\nexec \"${SHELL:-/bin/sh}\" -l"));
        } else {
            words.addAll(List.of("sh", "-c", leaf.onStart() + "\nexec \"$@\"", "sh"));
            words.addAll(leaf.command());
        }
        return words;
    }

    /** Words as one command line that {@code CommandSplitter} splits back into them. */
    static String line(List<String> words) {
        StringBuilder out = new StringBuilder();
        for (String w : words) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(quote(w));
        }
        return out.toString();
    }

    static String quote(String w) {
        if (!w.isEmpty() && w.matches("[A-Za-z0-9_./:=@%+,-]+")) {
            return w;
        }
        return "'" + w.replace("'", "'\\''") + "'";
    }
}
