package scarab.protocol.keys;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The keys tmux 3.3a names that are not characters, with the bytes tmux sends for each
 * (input-keys.c). A key with a {@code modified} form sends it for any modifier, the modifier
 * number (1 + shift 1 + meta 2 + control 4) standing in for {@code _}; the others only have their
 * plain form (meta prefixes it with ESC). Cursor keys send {@code cursorMode} in application cursor
 * mode, keypad keys {@code keypadMode} in application keypad mode.
 */
public enum NamedKey {
    F1(List.of("F1"), "\033OP", null, "\033[1;_P"),
    F2(List.of("F2"), "\033OQ", null, "\033[1;_Q"),
    F3(List.of("F3"), "\033OR", null, "\033[1;_R"),
    F4(List.of("F4"), "\033OS", null, "\033[1;_S"),
    F5(List.of("F5"), "\033[15~", null, "\033[15;_~"),
    F6(List.of("F6"), "\033[17~", null, "\033[17;_~"),
    F7(List.of("F7"), "\033[18~", null, "\033[18;_~"),
    F8(List.of("F8"), "\033[19~", null, "\033[19;_~"),
    F9(List.of("F9"), "\033[20~", null, "\033[20;_~"),
    F10(List.of("F10"), "\033[21~", null, "\033[21;_~"),
    F11(List.of("F11"), "\033[23~", null, "\033[23;_~"),
    F12(List.of("F12"), "\033[24~", null, "\033[24;_~"),
    IC(List.of("IC", "Insert"), "\033[2~", null, "\033[2;_~"),
    DC(List.of("DC", "Delete"), "\033[3~", null, "\033[3;_~"),
    HOME(List.of("Home"), "\033[1~", null, "\033[1;_H"),
    END(List.of("End"), "\033[4~", null, "\033[1;_F"),
    NPAGE(List.of("NPage", "PageDown", "PgDn"), "\033[6~", null, "\033[6;_~"),
    PPAGE(List.of("PPage", "PageUp", "PgUp"), "\033[5~", null, "\033[5;_~"),
    BTAB(List.of("BTab"), "\033[Z", null, null),
    /** Sends byte 127 (tmux's default {@code backspace} option), as a character would. */
    BSPACE(List.of("BSpace"), "\177", null, null),
    UP(List.of("Up"), "\033[A", "\033OA", "\033[1;_A"),
    DOWN(List.of("Down"), "\033[B", "\033OB", "\033[1;_B"),
    RIGHT(List.of("Right"), "\033[C", "\033OC", "\033[1;_C"),
    LEFT(List.of("Left"), "\033[D", "\033OD", "\033[1;_D"),
    KP_SLASH(List.of("KP/"), "/", "\033Oo", null),
    KP_STAR(List.of("KP*"), "*", "\033Oj", null),
    KP_MINUS(List.of("KP-"), "-", "\033Om", null),
    KP_SEVEN(List.of("KP7"), "7", "\033Ow", null),
    KP_EIGHT(List.of("KP8"), "8", "\033Ox", null),
    KP_NINE(List.of("KP9"), "9", "\033Oy", null),
    KP_PLUS(List.of("KP+"), "+", "\033Ok", null),
    KP_FOUR(List.of("KP4"), "4", "\033Ot", null),
    KP_FIVE(List.of("KP5"), "5", "\033Ou", null),
    KP_SIX(List.of("KP6"), "6", "\033Ov", null),
    KP_ONE(List.of("KP1"), "1", "\033Oq", null),
    KP_TWO(List.of("KP2"), "2", "\033Or", null),
    KP_THREE(List.of("KP3"), "3", "\033Os", null),
    KP_ENTER(List.of("KPEnter"), "\n", "\033OM", null),
    KP_ZERO(List.of("KP0"), "0", "\033Op", null),
    KP_PERIOD(List.of("KP."), ".", "\033On", null),
    /** tmux's {@code User0}-{@code User999}: keys for bindings only; they send nothing to a program. */
    USER(List.of(), "", null, null);

    private static final Map<String, NamedKey> BY_NAME = new HashMap<>();

    static {
        for (NamedKey k : values()) {
            for (String name : k.names) {
                BY_NAME.put(name.toLowerCase(Locale.ROOT), k);
            }
        }
    }

    private final List<String> names;
    private final String plain;
    private final String applicationMode;
    private final String modified;

    NamedKey(List<String> names, String plain, String applicationMode, String modified) {
        this.names = names;
        this.plain = plain;
        this.applicationMode = applicationMode;
        this.modified = modified;
    }

    /** Every name tmux accepts for a key, as tmux spells it (the lookup ignores case). */
    public List<String> names() {
        return names;
    }

    static NamedKey byName(String lowerCaseName) {
        return BY_NAME.get(lowerCaseName);
    }

    boolean isCursorKey() {
        return this == UP || this == DOWN || this == LEFT || this == RIGHT;
    }

    boolean hasModifiedForm() {
        return modified != null;
    }

    /** The bytes with no modifier, in the given application cursor and keypad modes. */
    String plain(boolean applicationCursor, boolean applicationKeypad) {
        boolean application = isCursorKey() ? applicationCursor : applicationKeypad;
        return application && applicationMode != null ? applicationMode : plain;
    }

    /** The modified form for modifiers {@code mods} (non-zero: {@link KeyName#SHIFT} etc.). */
    String modified(int mods) {
        return modified.replace('_', (char) ('1' + mods));
    }
}
