package scarab.daemon.session;

import java.util.regex.Pattern;

/** The rule for session names: 1-64 characters of {@code [A-Za-z0-9._-]}. */
public final class SessionName {
    public static final int MAX_LENGTH = 64;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");

    private SessionName() {}

    /** @return null when valid, else one line saying what is wrong */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "session name is empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "session name is " + name.length() + " characters long; the limit is " + MAX_LENGTH;
        }
        if (!VALID.matcher(name).matches()) {
            return "invalid session name \"" + printable(name)
                    + "\": use letters, digits, '.', '_' and '-' only";
        }
        return null;
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(80).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                b.append(String.format("\\x%02x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
