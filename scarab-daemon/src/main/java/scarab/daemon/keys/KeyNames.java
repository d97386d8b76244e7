package scarab.daemon.keys;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import scarab.protocol.keys.KeyEncoder;
import scarab.protocol.keys.NamedKey;

/**
 * Names a key as {@link KeyReader} cuts it (its bytes as ISO-8859-1 text) the way tmux 3.3a names
 * it (key-string.c): {@code a}, {@code C-a}, {@code M-w}, {@code M-C-b}, {@code Space},
 * {@code C-Space}, {@code Enter}, {@code Escape}, {@code BSpace}, {@code Up}, {@code C-Up},
 * {@code PPage}, {@code F5}, a UTF-8 character as itself. Copy mode's key tables are written with
 * these names. The function and cursor keys are the sequences {@link KeyEncoder} sends for them
 * (and the other forms terminals send for Home and End), so a name encoded and decoded again
 * comes back the same. Unknown sequences have no name (null).
 */
public final class KeyNames {
    /** Modifier prefixes in tmux's order (C-, M-, S-). */
    private static final String[] MODIFIERS = {"", "S-", "M-", "M-S-", "C-", "C-S-", "C-M-", "C-M-S-"};
    private static final Map<String, String> SEQUENCES = sequences();

    private KeyNames() {}

    /** tmux's name of one key, from its bytes as ISO-8859-1 text; null when it has none. */
    public static String of(String key) {
        if (key.isEmpty()) {
            return null;
        }
        char first = key.charAt(0);
        if (key.length() == 1) {
            return single(first);
        }
        if (first >= 0xc0) {
            String s = new String(key.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            return s.codePointCount(0, s.length()) == 1 && s.codePointAt(0) != 0xfffd ? s : null;
        }
        String named = SEQUENCES.get(key);
        if (named != null) {
            return named;
        }
        if (first == 0x1b && key.length() == 2) {
            // ESC and a byte: that key with Meta, as tmux reads it (M-w, M-C-b, M-Escape, M-Space)
            String rest = single(key.charAt(1));
            return rest == null ? null : "M-" + rest;
        }
        return null;
    }

    private static String single(char c) {
        return switch (c) {
            case 0 -> "C-Space";
            case '\t' -> "Tab";
            case '\r' -> "Enter";
            case 0x1b -> "Escape";
            case 0x7f -> "BSpace";
            case ' ' -> "Space";
            default -> {
                if (c >= 1 && c <= 26) {
                    yield "C-" + (char) ('a' + c - 1);
                }
                if (c >= 28 && c < 32) {
                    yield "C-" + (char) ('@' + c);
                }
                if (c < 0x80) {
                    yield String.valueOf(c);
                }
                yield null; // a byte of a UTF-8 character alone
            }
        };
    }

    /** Every named key's sequences, with every modifier it has a form for, to its tmux name. */
    private static Map<String, String> sequences() {
        Map<String, String> m = new HashMap<>();
        for (NamedKey k : NamedKey.values()) {
            if (k.names().isEmpty() || k.name().startsWith("KP_") || k == NamedKey.BSPACE) {
                continue; // keypad keys send characters unless in keypad mode; BSpace is a byte
            }
            String name = k.names().get(0);
            for (String mod : MODIFIERS) {
                for (boolean application : new boolean[] {false, true}) {
                    byte[] b = KeyEncoder.key(mod + name, application);
                    if (b != null && b.length > 1) {
                        m.putIfAbsent(new String(b, StandardCharsets.ISO_8859_1), mod + name);
                    }
                }
            }
        }
        // What other terminals send for Home and End (xterm's normal and application forms, rxvt).
        m.put("\033[H", "Home");
        m.put("\033OH", "Home");
        m.put("\033[7~", "Home");
        m.put("\033[F", "End");
        m.put("\033OF", "End");
        m.put("\033[8~", "End");
        return Map.copyOf(m);
    }
}
