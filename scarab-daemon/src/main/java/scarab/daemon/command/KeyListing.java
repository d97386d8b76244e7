package scarab.daemon.command;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import scarab.protocol.keys.KeyBindings;

/**
 * The bindings as tmux 3.3a's {@code list-keys} prints them (cmd-list-keys.c): one
 * {@code bind-key [-r] -T TABLE KEY COMMAND} line per key, the table and key columns padded to the
 * widest in the listing, a {@code -r} column only when some key repeats, keys in tmux's order
 * (control characters, then the printable ones, then the named keys, then Meta, then Control with
 * a named key), key names and arguments quoted as tmux quotes them.
 */
final class KeyListing {
    /** tmux's named keys, in the order of its key codes. */
    private static final List<String> NAMED = List.of("F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10",
            "F11", "F12", "IC", "DC", "Home", "End", "NPage", "PPage", "BTab", "Up", "Down", "Left", "Right");
    /** Key bytes -> [rank, name]: the first name in tmux's order that types those bytes. */
    private static final Map<String, Object[]> NAMES = names();

    private KeyListing() {}

    /** One line per binding of {@code table}, with the prefix and detach keys first among them. */
    static List<String> lines(String tableName, Map<String, KeyBindings.Binding> table) {
        List<Map.Entry<String, KeyBindings.Binding>> entries = new ArrayList<>(table.entrySet());
        entries.sort(Comparator.comparingInt((Map.Entry<String, KeyBindings.Binding> e) -> rank(e.getKey()))
                .thenComparing(Map.Entry::getKey));
        boolean anyRepeat = entries.stream().anyMatch(e -> e.getValue().repeat());
        int keyWidth = 0;
        for (Map.Entry<String, KeyBindings.Binding> e : entries) {
            keyWidth = Math.max(keyWidth, keyName(e.getKey()).length());
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, KeyBindings.Binding> e : entries) {
            StringBuilder b = new StringBuilder("bind-key ");
            if (anyRepeat) {
                b.append(e.getValue().repeat() ? "-r " : "   ");
            }
            b.append("-T ").append(tableName).append(' ');
            String key = keyName(e.getKey());
            b.append(key).append(" ".repeat(keyWidth - key.length())).append(' ');
            List<String> words = new ArrayList<>();
            for (String w : e.getValue().command()) {
                words.add(escape(w));
            }
            b.append(String.join(" ", words));
            out.add(b.toString());
        }
        return out;
    }

    /** A key's name as list-keys prints it: tmux's name, with {@code \} before the characters it escapes. */
    static String keyName(String bytes) {
        Object[] known = NAMES.get(bytes);
        String name;
        if (known != null) {
            name = (String) known[1];
        } else {
            StringBuilder hex = new StringBuilder();
            for (byte x : bytes.getBytes(StandardCharsets.ISO_8859_1)) {
                hex.append(String.format("0x%02x", x & 0xff));
            }
            name = hex.toString();
        }
        if (name.length() == 1 && "\"#$%';{}~\\".indexOf(name.charAt(0)) >= 0) {
            return "\\" + name;
        }
        return name;
    }

    private static int rank(String bytes) {
        Object[] known = NAMES.get(bytes);
        return known == null ? Integer.MAX_VALUE : (Integer) known[0];
    }

    /** An argument as tmux's args_escape prints it. */
    static String escape(String s) {
        if (s.isEmpty()) {
            return "''";
        }
        char quotes = 0;
        if (s.chars().anyMatch(c -> " #';${}%".indexOf(c) >= 0)) {
            quotes = '"';
        } else if (s.indexOf('"') >= 0) {
            quotes = '\'';
        }
        if (s.length() == 1 && s.charAt(0) != ' ' && (quotes != 0 || s.charAt(0) == '~')) {
            return "\\" + s;
        }
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (quotes == '"' && (c == '"' || c == '$' || c == '\\' || c == '`')) {
                b.append('\\');
            }
            b.append(c);
        }
        String escaped = b.toString();
        if (quotes == '\'') {
            return "'" + escaped + "'";
        }
        if (quotes == '"') {
            return escaped.startsWith("~") ? "\"\\" + escaped + "\"" : "\"" + escaped + "\"";
        }
        return escaped.startsWith("~") ? "\\" + escaped : escaped;
    }

    private static Map<String, Object[]> names() {
        List<String> order = new ArrayList<>();
        for (int c = 0; c < 0x20; c++) {
            order.add(switch (c) {
                case 9 -> "Tab";
                case 13 -> "Enter";
                case 27 -> "Escape";
                case 0 -> "C-Space";
                default -> c <= 26 ? "C-" + (char) ('a' + c - 1) : "C-" + (char) ('@' + c);
            });
        }
        order.add("Space");
        for (char c = 0x21; c < 0x7f; c++) {
            order.add(String.valueOf(c));
        }
        order.add("BSpace");
        order.addAll(NAMED);
        order.add("M-Space");
        for (char c = 0x21; c < 0x7f; c++) {
            order.add("M-" + c);
        }
        for (String n : NAMED) {
            order.add("M-" + n);
        }
        for (String n : NAMED) {
            order.add("C-" + n);
        }
        for (String n : NAMED) {
            order.add("S-" + n);
        }
        Map<String, Object[]> m = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            String bytes;
            try {
                bytes = KeyBindings.keyBytes(order.get(i));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (!bytes.isEmpty()) {
                m.putIfAbsent(bytes, new Object[] {i, order.get(i)});
            }
        }
        return m;
    }
}
