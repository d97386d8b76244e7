package scarab.client.script;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import scarab.client.ClientContext;
import scarab.client.LeadingOptions;
import scarab.client.cli.Cli;
import scarab.client.daemon.SharedConnection;
import scarab.client.fast.FastPath;

/**
 * Several commands in one process and over one connection, as tmux runs them: {@code scarab new
 * -d x \; split-window -h -t x \; send-keys -t x:0.1 make Enter} (the shell passes {@code \;} as
 * a {@code ;} word). The words are split at each lone {@code ;}; a word ending in {@code \;}
 * stands for itself with a plain {@code ;} (tmux's escape: {@code '\;'} types a semicolon). The
 * global options before the first command ({@code -S}, {@code --no-start}) apply to all of them.
 * The commands run in order, each as it would alone (the fast path, else picocli and the table);
 * the first that fails ends the sequence, as in tmux, and its status is the sequence's.
 */
public final class CommandSequence {
    private CommandSequence() {}

    /** Do the arguments hold a separator or an escaped semicolon (a cheap look)? */
    public static boolean present(String[] args) {
        for (String a : args) {
            if (a.equals(";") || a.endsWith("\\;")) {
                return true;
            }
        }
        return false;
    }

    public static int run(ClientContext ctx, String[] args) {
        LeadingOptions lead = LeadingOptions.scan(args);
        List<String> leading = Arrays.asList(args).subList(0, lead.command());
        List<List<String>> commands = split(Arrays.asList(args).subList(lead.command(), args.length));
        try (SharedConnection shared = SharedConnection.open(ctx.paths().socket(lead.socket()))) {
            int status = 0;
            for (List<String> words : commands) {
                status = runOne(ctx, leading, words);
                if (status != 0) {
                    return status;
                }
            }
            return status;
        }
    }

    /** The commands between the lone {@code ;} words (empty ones left out), escapes undone. */
    public static List<List<String>> split(List<String> words) {
        List<List<String>> commands = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String w : words) {
            if (w.equals(";")) {
                if (!current.isEmpty()) {
                    commands.add(current);
                }
                current = new ArrayList<>();
            } else {
                current.add(w.endsWith("\\;") ? w.substring(0, w.length() - 2) + ";" : w);
            }
        }
        if (!current.isEmpty()) {
            commands.add(current);
        }
        return commands;
    }

    /** One command, as the client runs it alone; its exit status. */
    static int runOne(ClientContext ctx, List<String> leading, List<String> words) {
        List<String> all = new ArrayList<>(leading);
        all.addAll(words);
        String[] args = all.toArray(new String[0]);
        int status = FastPath.runSingle(ctx, args);
        return status != FastPath.NOT_SERVED ? status : Cli.runSingle(ctx, args);
    }
}
