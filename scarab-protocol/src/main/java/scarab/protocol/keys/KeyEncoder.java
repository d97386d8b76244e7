package scarab.protocol.keys;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns {@code send-keys} arguments into the bytes tmux 3.3a sends for them (input-keys.c), so a
 * script written for tmux types the same thing here. An argument that is not a key name
 * ({@link KeyName#parse}), or a key tmux has no sequence for with those modifiers ({@code S-a},
 * {@code S-Enter}, {@code C-M-BTab}), is typed as literal text, as tmux does; a few keys send
 * nothing, as in tmux ({@code C-Enter}, {@code C-Tab}, {@code C-1}, {@code C-BTab}).
 */
public final class KeyEncoder {
    private static final byte[] NOTHING = new byte[0];

    private KeyEncoder() {}

    public static byte[] encode(List<String> keys, boolean literal, boolean applicationCursor,
            boolean applicationKeypad) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String key : keys) {
            byte[] b = null;
            if (!literal) {
                KeyName name = KeyName.parse(key);
                b = name == null ? null : bytes(name, applicationCursor, applicationKeypad);
            }
            out.writeBytes(b != null ? b : key.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /**
     * The bytes a terminal sends for one key name ({@code C-Up}, {@code M-h}, {@code x}), or null
     * when it is not a key name or tmux has no bytes for it: for bindings, which match typed bytes.
     */
    public static byte[] key(String name, boolean applicationCursor) {
        KeyName k = KeyName.parse(name);
        byte[] b = k == null ? null : bytes(k, applicationCursor, false);
        return b == null || b.length == 0 ? null : b;
    }

    /** The bytes of one key, or null when tmux has none for it (it is then typed as text). */
    static byte[] bytes(KeyName key, boolean applicationCursor, boolean applicationKeypad) {
        int mods = key.modifiers();
        boolean meta = (mods & KeyName.META) != 0;
        NamedKey named = key.named();
        if (named == NamedKey.USER) {
            return meta ? withMeta(true, "") : NOTHING; // what tmux 3.3a does with a binding-only key
        }
        if (key.isCharacter() || named == NamedKey.BSPACE) {
            int c = key.isCharacter() ? key.codePoint() : 0x7f;
            if (c > 0x7f) {
                // tmux sends a non-ASCII character whatever control or shift say; meta is ESC
                return withMeta(meta, new String(Character.toChars(c)));
            }
            if ((mods & ~KeyName.META) == 0) {
                return withMeta(meta, String.valueOf((char) c));
            }
            return mods == KeyName.CTRL ? control(c) : null;
        }
        if (mods == 0) {
            return ascii(named.plain(applicationCursor, applicationKeypad));
        }
        if (named.hasModifiedForm()) {
            return ascii(named.modified(mods));
        }
        if (mods == KeyName.META) {
            return withMeta(true, named.plain(applicationCursor, applicationKeypad));
        }
        return mods == KeyName.CTRL ? NOTHING : null;
    }

    /** Control with a character tmux did not fold when reading the name (input-keys.c's table). */
    private static byte[] control(int c) {
        return switch (c) {
            case '2' -> new byte[] {0};
            case '6' -> new byte[] {30};
            case '-', '/' -> new byte[] {31};
            default -> NOTHING;
        };
    }

    private static byte[] withMeta(boolean meta, String s) {
        return ((meta ? "\033" : "") + s).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
