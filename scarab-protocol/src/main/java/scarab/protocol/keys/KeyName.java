package scarab.protocol.keys;

import java.util.Locale;
import java.util.Map;

/**
 * One {@code send-keys} argument read as tmux 3.3a reads a key name: an optional {@code ^} (control),
 * modifiers {@code C-}, {@code M-}, {@code S-} in any order and case, then a single character, a named
 * key ({@link NamedKey}), {@code User}N, or a {@code 0x}hex character code. {@link #parse} answers null
 * for anything else, which is then typed as text.
 *
 * <p>Like tmux, control with a plain character is folded into the character at once ({@code C-a} is
 * byte 1, {@code C-Space} and {@code C-@} byte 0, {@code C-?} byte 127); the characters tmux keeps
 * apart ({@link #NOT_FOLDED}) keep the control modifier for {@link KeyEncoder} to decide.
 */
public record KeyName(int codePoint, NamedKey named, int modifiers) {
    public static final int SHIFT = 1;
    public static final int META = 2;
    public static final int CTRL = 4;

    /** Characters tmux does not fold with control when it reads the name (key-string.c's list). */
    private static final String NOT_FOLDED = "!#()+,-.0123456789:;<=>'\r\t\177`/\033";
    /** tmux's number of user keys ({@code User0} to {@code User999}). */
    private static final int USER_KEYS = 1000;

    private static final Map<String, Integer> CHARACTER_NAMES = Map.of(
            "tab", (int) '\t', "space", (int) ' ', "enter", (int) '\r', "escape", 033);

    public boolean isCharacter() {
        return named == null;
    }

    public static KeyName parse(String text) {
        if (text.startsWith("0x")) {
            return hex(text.substring(2));
        }
        int mods = 0;
        String rest = text;
        if (rest.length() > 1 && rest.charAt(0) == '^') {
            mods |= CTRL;
            rest = rest.substring(1);
        }
        while (rest.length() > 1 && rest.charAt(1) == '-') {
            switch (Character.toUpperCase(rest.charAt(0))) {
                case 'C' -> mods |= CTRL;
                case 'M' -> mods |= META;
                case 'S' -> mods |= SHIFT;
                default -> {
                    return null;
                }
            }
            rest = rest.substring(2);
        }
        if (rest.isEmpty()) {
            return null;
        }
        int first = rest.codePointAt(0);
        if (rest.length() == 1 && first <= 0x7f) {
            return first < 0x20 ? null : character(first, mods);
        }
        if (first > 0x7f) {
            // a non-ASCII character keeps every modifier unfolded; more than one character is text
            return Character.charCount(first) == rest.length() ? new KeyName(first, null, mods) : null;
        }
        String lower = rest.toLowerCase(Locale.ROOT);
        Integer c = CHARACTER_NAMES.get(lower);
        if (c != null) {
            return character(c, mods);
        }
        NamedKey named = NamedKey.byName(lower);
        if (named != null) {
            return new KeyName(0, named, mods);
        }
        if (rest.startsWith("User") && userNumber(rest.substring(4)) < USER_KEYS) {
            return new KeyName(0, NamedKey.USER, mods);
        }
        return null;
    }

    private static KeyName character(int c, int mods) {
        if ((mods & CTRL) == 0 || NOT_FOLDED.indexOf(c) >= 0) {
            return new KeyName(c, null, mods);
        }
        int folded;
        if (c >= 'a' && c <= 'z') {
            folded = c - 96;
        } else if (c >= '@' && c <= '_') {
            folded = c - 64;
        } else if (c == ' ') {
            folded = 0;
        } else if (c == '?') {
            folded = 127;
        } else {
            return null; // no control form (C-~, C-|): tmux types the name as text
        }
        return new KeyName(folded, null, mods & ~CTRL);
    }

    /**
     * {@code 0x}hex as tmux reads it with sscanf's {@code %x} (leading blanks, a {@code +} and a
     * second {@code 0x} allowed, then the leading hex digits): a control character, or a printable
     * character; anything else is not a key.
     */
    private static KeyName hex(String text) {
        String digits = text.stripLeading();
        if (digits.startsWith("+")) {
            digits = digits.substring(1);
        }
        if (digits.length() > 2 && (digits.startsWith("0x") || digits.startsWith("0X"))
                && Character.digit(digits.charAt(2), 16) >= 0) {
            digits = digits.substring(2);
        }
        int end = 0;
        while (end < digits.length() && end < 9 && Character.digit(digits.charAt(end), 16) >= 0
                && digits.charAt(end) < 0x80) {
            end++;
        }
        if (end == 0) {
            return null;
        }
        long value = Long.parseLong(digits.substring(0, end), 16);
        if (value < 0x20) {
            return new KeyName((int) value, null, 0);
        }
        if (value > Character.MAX_CODE_POINT || !printable((int) value)) {
            return null;
        }
        return new KeyName((int) value, null, 0);
    }

    private static boolean printable(int cp) {
        if (cp == 0x7f) {
            return true; // tmux takes a single byte as it is
        }
        int type = Character.getType(cp);
        return Character.isDefined(cp) && type != Character.CONTROL && type != Character.SURROGATE
                && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR;
    }

    private static int userNumber(String digits) {
        int end = 0;
        while (end < digits.length() && end < 6 && Character.isDigit(digits.charAt(end)) && digits.charAt(end) < 0x80) {
            end++;
        }
        return end == 0 ? Integer.MAX_VALUE : Integer.parseInt(digits.substring(0, end));
    }
}
