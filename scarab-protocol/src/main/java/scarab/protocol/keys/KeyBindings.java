package scarab.protocol.keys;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import scarab.protocol.CommandSplitter;
import scarab.protocol.command.ClientCommands;
import scarab.protocol.command.CommandLine;
import scarab.protocol.command.CommandSpec;
import scarab.protocol.command.CommandTable;

/**
 * The prefix table: what a key typed after the prefix ({@code C-b}) runs. {@link #standard} is
 * tmux 3.3a's default table (less the detach key and the prefix typed twice, which
 * {@code DetachKeys} decides before this table is asked); {@link #bind} changes one key, as the
 * config file's {@code [keys]} table does. Keys are held as the bytes a terminal sends for them
 * (ISO-8859-1 text: an arrow is {@code ESC [ A}, Meta a leading ESC), so typed bytes are looked up
 * as they come. Immutable.
 */
public final class KeyBindings {
    /**
     * A bound command line, and whether the key repeats (tmux's {@code bind -r}): after it, more
     * such keys within repeat-time need no prefix.
     */
    public record Binding(List<String> command, boolean repeat) {
        public Binding {
            command = List.copyOf(command);
        }
    }

    private static final KeyBindings STANDARD = new KeyBindings(defaults());

    private final Map<String, Binding> byKey;

    private KeyBindings(Map<String, Binding> byKey) {
        this.byKey = Map.copyOf(byKey);
    }

    public static KeyBindings standard() {
        return STANDARD;
    }

    /** Every binding, by its key's bytes (ISO-8859-1 text): what list-keys prints. */
    public Map<String, Binding> all() {
        return byKey;
    }

    /** The binding of a key (its bytes as ISO-8859-1 text), or null. */
    public Binding lookup(String key) {
        Binding b = byKey.get(key);
        if (b == null && key.length() == 3 && key.charAt(0) == 0x1b && key.charAt(1) == 'O') {
            b = byKey.get("\033[" + key.charAt(2)); // a cursor key in application cursor mode
        }
        return b;
    }

    /**
     * This table with {@code keyName} (tmux's names: {@code x}, {@code M-h}, {@code C-Left},
     * {@code F5}, {@code Space}) bound to {@code commandLine}, or unbound when the line is empty.
     * A line that starts with {@code -r} repeats, as {@code bind -r}. The line is checked as the
     * daemon will parse it, so a mistake is told now and not when the key is typed.
     *
     * @throws IllegalArgumentException what is wrong, in a sentence
     */
    public KeyBindings bind(String keyName, String commandLine) {
        String key = keyBytes(keyName);
        Map<String, Binding> m = new HashMap<>(byKey);
        Binding b = binding(commandLine);
        if (b == null) {
            m.remove(key);
        } else {
            m.put(key, b);
        }
        return new KeyBindings(m);
    }

    /** The bytes (ISO-8859-1 text) of a key name. */
    public static String keyBytes(String keyName) {
        byte[] b = KeyEncoder.key(keyName, false);
        if (b == null || keyName.isBlank()) {
            throw new IllegalArgumentException("unknown key \"" + keyName + "\" (tmux's key names: x, C-x, M-x,"
                    + " Up, C-Left, F1, Space, Enter, ...)");
        }
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** A checked binding of a command line; null for an empty line (unbind). */
    static Binding binding(String commandLine) {
        List<String> words;
        try {
            words = CommandSplitter.split(commandLine);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot split \"" + commandLine + "\": " + e.getMessage());
        }
        boolean repeat = !words.isEmpty() && words.get(0).equals("-r");
        if (repeat) {
            words = words.subList(1, words.size());
            if (words.isEmpty()) {
                throw new IllegalArgumentException("-r needs a command after it");
            }
        }
        if (words.isEmpty()) {
            return null;
        }
        check(words);
        return new Binding(words, repeat);
    }

    /**
     * Checks a command line against the table keys and the prompt use ({@link ClientCommands#keyTable}).
     *
     * @throws IllegalArgumentException tmux's words: {@code unknown command: X}, a usage error
     */
    public static CommandSpec check(List<String> words) {
        CommandSpec spec;
        try {
            spec = ClientCommands.keyTable().lookup(words.get(0));
        } catch (CommandTable.UnknownCommand e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        try {
            CommandLine.parse(spec, words.subList(1, words.size()));
        } catch (CommandLine.UsageError e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        return spec;
    }

    private static Map<String, Binding> defaults() {
        Map<String, Binding> m = new HashMap<>();
        put(m, "c", "new-window");
        put(m, "n", "select-window", "-n");
        put(m, "p", "select-window", "-p");
        put(m, "l", "select-window", "-l");
        for (int i = 0; i <= 9; i++) {
            put(m, String.valueOf(i), "select-window", "-t", ":" + i);
        }
        put(m, "%", "split-window", "-h");
        put(m, "\"", "split-window", "-v");
        put(m, "o", "select-pane", "-t", ":.+");
        put(m, ";", "select-pane", "-l");
        put(m, "z", "resize-pane", "-Z");
        put(m, "{", "swap-pane", "-U");
        put(m, "}", "swap-pane", "-D");
        put(m, " ", "select-layout", "next");
        put(m, "!", "break-pane");
        put(m, "(", "switch-client", "-p");
        put(m, ")", "switch-client", "-n");
        put(m, "L", "switch-client", "-l");
        put(m, "]", "paste-buffer", "-p");
        put(m, "-", "delete-buffer");
        put(m, ",", "command-prompt", "-I", "#W", "rename-window -- '%%'");
        put(m, "'", "command-prompt", "-p", "index", "select-window -t ':%%'");
        put(m, "&", "confirm-before", "-p", "kill-window #W? (y/n)", "kill-window");
        put(m, "x", "confirm-before", "-p", "kill-pane #P? (y/n)", "kill-pane");
        put(m, ":", "command-prompt");
        put(m, "q", "display-panes");
        put(m, "[", "copy-mode");
        put(m, "\033[5~", "copy-mode", "-u"); // PageUp
        put(m, "s", "choose-tree", "-Zs");
        put(m, "w", "choose-tree", "-Zw");
        put(m, "?", "list-keys");
        String[] layouts = {"even-horizontal", "even-vertical", "main-horizontal", "main-vertical", "tiled"};
        for (int i = 0; i < layouts.length; i++) {
            put(m, "\033" + (i + 1), "select-layout", layouts[i]);
        }
        String[][] arrows = {{"A", "U"}, {"B", "D"}, {"C", "R"}, {"D", "L"}};
        for (String[] a : arrows) {
            repeat(m, "\033[" + a[0], "select-pane", "-" + a[1]);
            repeat(m, "\033[1;5" + a[0], "resize-pane", "-" + a[1]);
            repeat(m, "\033[1;3" + a[0], "resize-pane", "-" + a[1], "5");
        }
        return m;
    }

    private static void put(Map<String, Binding> m, String key, String... command) {
        m.put(key, new Binding(List.of(command), false));
    }

    private static void repeat(Map<String, Binding> m, String key, String... command) {
        m.put(key, new Binding(List.of(command), true));
    }
}
