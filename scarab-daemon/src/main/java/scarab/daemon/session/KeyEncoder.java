package scarab.daemon.session;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns {@code send-keys} arguments into bytes, with tmux's key names: {@code Enter},
 * {@code Escape}, {@code Tab}, {@code BTab}, {@code BSpace}, {@code Space}, cursor keys (which
 * honour application cursor mode), {@code Home}, {@code End}, {@code PageUp}/{@code PPage},
 * {@code PageDown}/{@code NPage}, {@code IC}/{@code Insert}, {@code DC}/{@code Delete},
 * {@code F1}-{@code F12}, {@code C-x} (control), {@code M-x} (meta: ESC prefix), combined as
 * {@code C-M-x}. Anything that is not a key name is typed as literal text.
 */
public final class KeyEncoder {
    private static final Map<String, String> KEYS = Map.ofEntries(
            Map.entry("enter", "\r"), Map.entry("escape", "\033"), Map.entry("esc", "\033"), Map.entry("tab", "\t"),
            Map.entry("btab", "\033[Z"), Map.entry("bspace", "\177"), Map.entry("space", " "),
            Map.entry("home", "\033[1~"), Map.entry("end", "\033[4~"),
            Map.entry("pageup", "\033[5~"), Map.entry("ppage", "\033[5~"), Map.entry("pgup", "\033[5~"),
            Map.entry("pagedown", "\033[6~"), Map.entry("npage", "\033[6~"), Map.entry("pgdn", "\033[6~"),
            Map.entry("ic", "\033[2~"), Map.entry("insert", "\033[2~"), Map.entry("dc", "\033[3~"),
            Map.entry("delete", "\033[3~"),
            Map.entry("f1", "\033OP"), Map.entry("f2", "\033OQ"), Map.entry("f3", "\033OR"), Map.entry("f4", "\033OS"),
            Map.entry("f5", "\033[15~"), Map.entry("f6", "\033[17~"), Map.entry("f7", "\033[18~"),
            Map.entry("f8", "\033[19~"), Map.entry("f9", "\033[20~"), Map.entry("f10", "\033[21~"),
            Map.entry("f11", "\033[23~"), Map.entry("f12", "\033[24~"));
    private static final Map<String, Character> CURSOR = Map.of("up", 'A', "down", 'B', "right", 'C', "left", 'D');

    private KeyEncoder() {}

    public static byte[] encode(List<String> keys, boolean literal, boolean applicationCursor) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String key : keys) {
            byte[] b = literal ? null : named(key, applicationCursor);
            out.writeBytes(b != null ? b : key.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** The bytes of a key name, or null when {@code key} is not one (it is then literal text). */
    static byte[] named(String key, boolean applicationCursor) {
        boolean meta = false;
        boolean ctrl = false;
        String rest = key;
        while (rest.length() > 2 && rest.charAt(1) == '-' && "CMcm".indexOf(rest.charAt(0)) >= 0) {
            if (Character.toUpperCase(rest.charAt(0)) == 'C') {
                ctrl = true;
            } else {
                meta = true;
            }
            rest = rest.substring(2);
        }
        String base = base(rest, applicationCursor);
        if (base == null) {
            return null;
        }
        if (ctrl) {
            if (base.length() != 1) {
                return null; // no control form of this key in a plain terminal encoding
            }
            int c = control(base.charAt(0));
            if (c < 0) {
                return null;
            }
            base = String.valueOf((char) c);
        }
        return ((meta ? "\033" : "") + base).getBytes(StandardCharsets.UTF_8);
    }

    private static String base(String name, boolean applicationCursor) {
        String lower = name.toLowerCase(Locale.ROOT);
        Character cursor = CURSOR.get(lower);
        if (cursor != null) {
            return (applicationCursor ? "\033O" : "\033[") + cursor;
        }
        String k = KEYS.get(lower);
        if (k != null) {
            return k;
        }
        return name.codePointCount(0, name.length()) == 1 && name != null ? name : null;
    }

    private static int control(char c) {
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 1;
        }
        if (c >= '@' && c <= '_') {
            return c - '@';
        }
        if (c == ' ') {
            return 0;
        }
        if (c == '?') {
            return 0x7f;
        }
        return -1;
    }
}
