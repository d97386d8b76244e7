package scarab.client.workspace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each key of a TOML file is written: the parser (Jackson's) gives values without places,
 * and an error must name its line. Paths read {@code windows[1].panes[0].size}: tables and arrays
 * of tables ({@code [[windows]]}, {@code [[windows.panes]]}) counted per parent, as TOML counts
 * them, and {@code key =} lines (dotted keys too) inside them. A path not written on a line of its
 * own (an element of an inline array, say) is placed at its nearest written ancestor.
 */
final class TomlLines {
    private final Map<String, Integer> lines = new HashMap<>();

    TomlLines(String text) {
        Map<String, Integer> arrayCounts = new HashMap<>();
        String table = "";
        int depth = 0;
        String multiline = null;
        String[] all = text.split("\n", -1);
        for (int i = 0; i < all.length; i++) {
            String l = all[i].strip();
            if (multiline != null) {
                if (l.contains(multiline)) {
                    multiline = null;
                }
                continue;
            }
            if (depth > 0) {
                depth += brackets(l);
                continue;
            }
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (l.startsWith("[")) {
                boolean array = l.startsWith("[[");
                int end = l.indexOf(array ? "]]" : "]");
                if (end < 0) {
                    continue;
                }
                List<String> keys = keys(l.substring(array ? 2 : 1, end));
                String parent = resolve(keys.subList(0, keys.size() - 1), arrayCounts);
                String path = (parent.isEmpty() ? "" : parent + ".") + keys.get(keys.size() - 1);
                if (array) {
                    int index = arrayCounts.merge(path, 1, Integer::sum) - 1;
                    lines.putIfAbsent(path, i + 1);
                    path = path + "[" + index + "]";
                }
                table = path;
                lines.putIfAbsent(path, i + 1);
                continue;
            }
            int eq = equalsAt(l);
            if (eq < 0) {
                continue;
            }
            String key = String.join(".", keys(l.substring(0, eq)));
            lines.putIfAbsent(table.isEmpty() ? key : table + "." + key, i + 1);
            String value = l.substring(eq + 1).strip();
            for (String quotes : new String[] {"\"\"\"", "'''"}) {
                if (value.startsWith(quotes) && value.indexOf(quotes, 3) < 0) {
                    multiline = quotes;
                }
            }
            if (multiline == null && value.startsWith("[")) {
                depth = brackets(value);
            }
        }
    }

    /** The line of {@code path}, or of its nearest ancestor written on a line; 0 when none. */
    int line(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer at = lines.get(p);
            if (at != null) {
                return at;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return 0;
    }

    /** A header's dotted keys with each array of tables among its parents at its current element. */
    private static String resolve(List<String> keys, Map<String, Integer> arrayCounts) {
        StringBuilder path = new StringBuilder();
        for (String k : keys) {
            if (path.length() > 0) {
                path.append('.');
            }
            path.append(k);
            Integer n = arrayCounts.get(path.toString());
            if (n != null) {
                path.append('[').append(n - 1).append(']');
            }
        }
        return path.toString();
    }

    /** {@code a."b c".d} as its keys. */
    private static List<String> keys(String dotted) {
        List<String> keys = new ArrayList<>();
        StringBuilder k = new StringBuilder();
        char quote = 0;
        for (char c : dotted.strip().toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    k.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '.') {
                keys.add(k.toString().strip());
                k.setLength(0);
            } else {
                k.append(c);
            }
        }
        keys.add(k.toString().strip());
        return keys;
    }

    /** Where the {@code =} of a {@code key = value} line is (outside quotes), or -1. */
    private static int equalsAt(String l) {
        char quote = 0;
        for (int i = 0; i < l.length(); i++) {
            char c = l.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '=') {
                return i;
            }
        }
        return -1;
    }

    /** Opening less closing brackets outside strings and comments. */
    private static int brackets(String l) {
        int n = 0;
        char quote = 0;
        for (int i = 0; i < l.length(); i++) {
            char c = l.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#') {
                break;
            } else if (c == '[') {
                n++;
            } else if (c == ']') {
                n--;
            }
        }
        return n;
    }
}
