package scarab.protocol;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * tmux 3.3a's default bindings of the prefix table that run window and pane commands: the key
 * typed after the prefix ({@code C-b}) and the command line it runs. Keys are written as the bytes
 * a terminal sends for them (an arrow is {@code ESC [ A}, or {@code ESC O A} in application
 * mode; Meta is a leading ESC). Not here: the detach key and the prefix itself (typed twice, it is
 * sent to the program), which {@link InputFilter} handles, and the keys that need a prompt or a
 * confirmation on the status line ({@code , ' & x :}), which are not served yet.
 */
public final class PrefixKeys {
    private static final Map<String, List<String>> DEFAULTS = defaults();

    private PrefixKeys() {}

    /** The command line bound to {@code key} (its bytes, as ISO-8859-1 text), or null. */
    public static List<String> command(String key) {
        List<String> c = DEFAULTS.get(key);
        if (c == null && key.length() == 3 && key.charAt(0) == 0x1b && key.charAt(1) == 'O') {
            c = DEFAULTS.get("\033[" + key.charAt(2)); // application cursor mode
        }
        return c;
    }

    private static Map<String, List<String>> defaults() {
        Map<String, List<String>> m = new HashMap<>();
        m.put("c", List.of("new-window"));
        m.put("n", List.of("select-window", "-n"));
        m.put("p", List.of("select-window", "-p"));
        m.put("l", List.of("select-window", "-l"));
        for (int i = 0; i <= 9; i++) {
            m.put(String.valueOf(i), List.of("select-window", "-t", ":" + i));
        }
        m.put("%", List.of("split-window", "-h"));
        m.put("\"", List.of("split-window", "-v"));
        m.put("o", List.of("select-pane", "-t", ":.+"));
        m.put(";", List.of("select-pane", "-l"));
        m.put("z", List.of("resize-pane", "-Z"));
        m.put("{", List.of("swap-pane", "-U"));
        m.put("}", List.of("swap-pane", "-D"));
        m.put(" ", List.of("select-layout", "next"));
        m.put("(", List.of("switch-client", "-p"));
        m.put(")", List.of("switch-client", "-n"));
        m.put("L", List.of("switch-client", "-l"));
        String[] layouts = {"even-horizontal", "even-vertical", "main-horizontal", "main-vertical", "tiled"};
        for (int i = 0; i < layouts.length; i++) {
            m.put("\033" + (i + 1), List.of("select-layout", layouts[i]));
        }
        String[][] arrows = {{"A", "U"}, {"B", "D"}, {"C", "R"}, {"D", "L"}};
        for (String[] a : arrows) {
            m.put("\033[" + a[0], List.of("select-pane", "-" + a[1]));
            m.put("\033[1;5" + a[0], List.of("resize-pane", "-" + a[1]));
            m.put("\033[1;3" + a[0], List.of("resize-pane", "-" + a[1], "5"));
        }
        return Map.copyOf(m);
    }
}
