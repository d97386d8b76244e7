package scarab.protocol.command;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * tmux's formats ({@code format.c}, as 3.3a expands them), the part people put in {@code -F} and
 * {@code display-message}:
 *
 * <ul>
 *   <li>{@code #{name}}: a variable; an unknown one is empty. A name holding {@code #{...}} is
 *       itself expanded ({@code #{=2:x#{session_name}}} is {@code xw}).
 *   <li>{@code #{?cond,a,b}}: {@code a} when {@code cond} is true (not empty and not {@code 0}),
 *       else {@code b}. {@code cond} is a variable, else a format that must change when expanded
 *       ({@code #{?1,a,b}} is {@code b}, as in tmux). Both branches are formats.
 *   <li>modifiers before a {@code :}, separated by {@code ;}: {@code =N} keeps the first N
 *       characters, {@code =-N} the last N, {@code =/N/marker} adds the marker where it cut;
 *       {@code l} takes the name literally; {@code E} and {@code T} expand the value again.
 *       Other tmux modifiers are recognised (so the name is still found) and not applied.
 *   <li>{@code ##}, {@code #,} and {@code #}} are {@code #}, {@code ,} and {@code }}; {@code #S},
 *       {@code #W}, {@code #I}, {@code #P}, {@code #D}, {@code #T}, {@code #F}, {@code #H},
 *       {@code #h} are tmux's short names; {@code #(command)} is empty (tmux shows a job's output
 *       only once it has run; Scarab runs none); {@code #[style]} and any other {@code #x} stay.
 * </ul>
 *
 * A malformed {@code #{...}} (no closing brace, a choice without its second comma) ends the
 * expansion there, keeping what came before, as tmux does. Characters are counted as code
 * points, where tmux counts terminal cells: the two differ only for wide characters.
 */
public final class Format {
    /** tmux's FORMAT_LOOP_LIMIT: deeper nesting expands to nothing. */
    private static final int MAX_DEPTH = 100;

    private Format() {}

    /**
     * Expands {@code fmt}. {@code vars} gives a variable's value, or null when there is no such
     * variable (which a condition needs to tell from an empty value; both expand to nothing).
     */
    public static String expand(String fmt, Function<String, String> vars) {
        return new Expansion(vars).expand(fmt, 0);
    }

    /** tmux's short names ({@code format_upper}, {@code format_lower}). */
    static String shortName(char c) {
        return switch (c) {
            case 'D' -> "pane_id";
            case 'F' -> "window_flags";
            case 'H' -> "host";
            case 'I' -> "window_index";
            case 'P' -> "pane_index";
            case 'S' -> "session_name";
            case 'T' -> "pane_title";
            case 'W' -> "window_name";
            case 'h' -> "host_short";
            default -> null;
        };
    }

    private record Modifier(String name, List<String> args) {}

    private static final class Expansion {
        private final Function<String, String> vars;

        Expansion(Function<String, String> vars) {
            this.vars = vars;
        }

        String expand(String fmt, int depth) {
            if (depth >= MAX_DEPTH) {
                return "";
            }
            StringBuilder out = new StringBuilder(fmt.length());
            int i = 0;
            int n = fmt.length();
            while (i < n) {
                char c = fmt.charAt(i);
                if (c != '#') {
                    out.append(c);
                    i++;
                    continue;
                }
                if (i + 1 == n) {
                    out.append('#');
                    break;
                }
                char ch = fmt.charAt(i + 1);
                switch (ch) {
                    case '(' -> {
                        int end = skip(fmt, i + 2, ")");
                        if (end < 0) {
                            return out.toString();
                        }
                        i = end + 1;
                    }
                    case '{' -> {
                        int end = skip(fmt, i, "}");
                        if (end < 0) {
                            return out.toString();
                        }
                        String value = replace(fmt.substring(i + 2, end), depth);
                        if (value == null) {
                            return out.toString();
                        }
                        out.append(value);
                        i = end + 1;
                    }
                    case '#', ',', '}' -> {
                        out.append(ch);
                        i += 2;
                    }
                    default -> {
                        String name = shortName(ch);
                        if (name == null) {
                            out.append('#').append(ch);
                        } else {
                            out.append(replace(name, depth));
                        }
                        i += 2;
                    }
                }
            }
            return out.toString();
        }

        /**
         * tmux's {@code format_skip}: the index of the first of {@code ends} at nesting level 0
         * from {@code from}, skipping {@code #}-escapes and counting {@code #{} and {@code }};
         * -1 when there is none.
         */
        static int skip(String s, int from, String ends) {
            int brackets = 0;
            for (int k = from; k < s.length(); k++) {
                char c = s.charAt(k);
                if (c == '#' && k + 1 < s.length()) {
                    char next = s.charAt(k + 1);
                    if (next == '{') {
                        brackets++;
                    }
                    if (",#{}:".indexOf(next) >= 0) {
                        k++;
                        continue;
                    }
                }
                if (c == '}') {
                    brackets--;
                }
                if (ends.indexOf(c) >= 0 && brackets == 0) {
                    return k;
                }
            }
            return -1;
        }

        /** The value of what is between {@code #{} and {@code }}, or null when it is malformed. */
        private String replace(String key, int depth) {
            List<Modifier> modifiers = new ArrayList<>();
            String rest = modifiers(key, modifiers, depth);
            if (rest == null) {
                modifiers.clear();
                rest = key;
            }
            String value;
            if (has(modifiers, "l")) {
                value = rest;
            } else if (rest.startsWith("?")) {
                value = choose(rest, depth);
                if (value == null) {
                    return null;
                }
            } else if (rest.contains("#{")) {
                value = expand(rest, depth + 1);
            } else {
                String v = vars.apply(rest);
                value = v == null ? "" : v;
            }
            if (has(modifiers, "E") || has(modifiers, "T")) {
                value = expand(value, depth + 1);
            }
            for (Modifier m : modifiers) {
                if (m.name().equals("=")) {
                    value = trim(value, m.args());
                }
            }
            return value;
        }

        /** {@code ?cond,a,b}: the branch the condition picks, expanded; null when malformed. */
        private String choose(String rest, int depth) {
            int comma = skip(rest, 0, ",");
            if (comma < 0) {
                return null;
            }
            String condition = rest.substring(1, comma);
            String found = vars.apply(condition);
            if (found == null) {
                // Not a variable: a format, which counts only if expanding it changed something.
                found = expand(condition, depth + 1);
                if (found.equals(condition)) {
                    found = "";
                }
            }
            String branches = rest.substring(comma + 1);
            int second = skip(branches, 0, ",");
            if (second < 0) {
                return null;
            }
            String left = branches.substring(0, second);
            String right = branches.substring(second + 1);
            return expand(truthy(found) ? left : right, depth + 1);
        }

        private static boolean truthy(String s) {
            return !s.isEmpty() && !s.equals("0");
        }

        /**
         * tmux's {@code format_build_modifiers}: parses the modifiers before the first {@code :}
         * into {@code into} and returns what follows it, or null when the key has no modifiers
         * (then the whole key is the name).
         */
        private String modifiers(String key, List<Modifier> into, int depth) {
            int cp = 0;
            int n = key.length();
            while (cp < n && key.charAt(cp) != ':') {
                if (key.charAt(cp) == ';') {
                    cp++;
                }
                if (cp >= n) {
                    break;
                }
                char c = key.charAt(cp);
                if ("labcdnwETSWPL<>".indexOf(c) >= 0 && isEnd(key, cp + 1)) {
                    into.add(new Modifier(String.valueOf(c), List.of()));
                    cp++;
                    continue;
                }
                if (cp + 2 <= n && isEnd(key, cp + 2)) {
                    String two = key.substring(cp, cp + 2);
                    if (List.of("||", "&&", "!=", "==", "<=", ">=").contains(two)) {
                        into.add(new Modifier(two, List.of()));
                        cp += 2;
                        continue;
                    }
                }
                if ("mCNst=peq".indexOf(c) < 0) {
                    break;
                }
                if (isEnd(key, cp + 1)) {
                    into.add(new Modifier(String.valueOf(c), List.of()));
                    cp++;
                    continue;
                }
                if (cp + 1 >= n) {
                    break;
                }
                char first = key.charAt(cp + 1);
                if (!isPunct(first) || first == '-') {
                    int end = skip(key, cp + 1, ":;");
                    if (end < 0) {
                        break;
                    }
                    into.add(new Modifier(String.valueOf(c), List.of(expand(key.substring(cp + 1, end), depth + 1))));
                    cp = end;
                    continue;
                }
                // Arguments between a delimiter of the user's choice: =/5/... or s|a|b|.
                String delimiter = first + ";:"; // tmux's last[] = "X;:": an argument also ends at the end of the modifiers
                List<String> args = new ArrayList<>();
                cp++;
                do {
                    if (key.charAt(cp) == first && isEnd(key, cp + 1)) {
                        cp++;
                        break;
                    }
                    int end = skip(key, cp + 1, delimiter);
                    if (end < 0) {
                        break;
                    }
                    cp++;
                    args.add(expand(key.substring(cp, end), depth + 1));
                    cp = end;
                } while (!isEnd(key, cp));
                into.add(new Modifier(String.valueOf(c), args));
            }
            if (cp >= n || key.charAt(cp) != ':') {
                return null;
            }
            return key.substring(cp + 1);
        }

        /** tmux's {@code format_is_end}: a {@code ;} or {@code :} (not the end of the string). */
        private static boolean isEnd(String s, int at) {
            return at < s.length() && (s.charAt(at) == ';' || s.charAt(at) == ':');
        }

        private static boolean isPunct(char c) {
            return c > 32 && c < 127 && !Character.isLetterOrDigit(c);
        }

        private static boolean has(List<Modifier> modifiers, String name) {
            for (Modifier m : modifiers) {
                if (m.name().equals(name)) {
                    return true;
                }
            }
            return false;
        }

        /** {@code =N}, {@code =-N}, {@code =/N/marker}: a number that does not read is 0, no trim. */
        private static String trim(String value, List<String> args) {
            if (args.isEmpty()) {
                return value;
            }
            long limit = strtonum(args.get(0));
            String marker = args.size() >= 2 ? args.get(1) : null;
            int length = value.codePointCount(0, value.length());
            if (limit > 0 && length > limit) {
                String kept = value.substring(0, value.offsetByCodePoints(0, (int) limit));
                return marker == null ? kept : kept + marker;
            }
            if (limit < 0 && length > -limit) {
                String kept = value.substring(value.offsetByCodePoints(0, length - (int) -limit));
                return marker == null ? kept : marker + kept;
            }
            return value;
        }

        /** OpenBSD's {@code strtonum} over ints: optional space and sign, digits only, else 0. */
        private static long strtonum(String s) {
            String t = s.stripLeading();
            try {
                long v = Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
                return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? 0 : v;
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}
