package scarab.client.script;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import scarab.protocol.CommandSplitter;
import scarab.protocol.command.CommandLine;
import scarab.protocol.command.CommandSpec;
import scarab.protocol.command.CommandTable;

/**
 * A command file as {@code scarab source} reads it, tmux's source-file's grammar in its simple
 * form: one command per line, several on a line joined by a lone {@code ;}; blank lines and lines
 * whose first non-blank character is {@code #} are skipped; a line ending in {@code \} goes on on
 * the next; words are split as a shell splits a simple command ({@link CommandSplitter}: quotes
 * and backslashes, no variables). As tmux does, the whole file is read before anything runs: a
 * quote left open, an unknown command or a table command's usage mistake is reported as
 * {@code FILE:LINE: message}, and nothing runs.
 */
public final class ScriptFile {
    /** One command and the line it starts on. */
    public record Command(int line, List<String> words) {}

    /** A mistake in the file, with where it is. */
    public static final class Mistake extends Exception {
        Mistake(String file, int line, String message) {
            super(file + ":" + line + ": " + message);
        }
    }

    private ScriptFile() {}

    /**
     * The file's lines, each a group of commands ({@code ;}-joined ones run together: the first
     * failure skips the rest of its group). {@code known}: the command names the CLI has.
     */
    public static List<List<Command>> parse(String file, String text, Predicate<String> known) throws Mistake {
        List<List<Command>> groups = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int first = i + 1;
            StringBuilder logical = new StringBuilder(lines[i]);
            while (endsInContinuation(logical) && i + 1 < lines.length) {
                logical.setLength(logical.length() - 1);
                logical.append(lines[++i]);
            }
            String line = logical.toString().strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> words;
            try {
                words = CommandSplitter.split(line);
            } catch (IllegalArgumentException e) {
                throw new Mistake(file, first, e.getMessage());
            }
            List<Command> group = new ArrayList<>();
            for (List<String> command : CommandSequence.split(words)) {
                check(file, first, command, known);
                group.add(new Command(first, command));
            }
            if (!group.isEmpty()) {
                groups.add(group);
            }
        }
        return groups;
    }

    private static boolean endsInContinuation(CharSequence s) {
        int backslashes = 0;
        for (int i = s.length() - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static void check(String file, int line, List<String> words, Predicate<String> known) throws Mistake {
        String name = words.get(0);
        if (name.startsWith("-") || !known.test(name)) {
            throw new Mistake(file, line, "unknown command: " + name);
        }
        CommandSpec spec = CommandTable.standard().find(name);
        if (spec != null) {
            try {
                CommandLine.parse(spec, words.subList(1, words.size()));
            } catch (CommandLine.UsageError e) {
                throw new Mistake(file, line, e.getMessage());
            }
        }
    }
}
