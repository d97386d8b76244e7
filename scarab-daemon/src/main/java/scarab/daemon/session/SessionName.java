package scarab.daemon.session;

import java.util.regex.Pattern;

/**
 * The rule for session names: 1-64 characters of {@code [A-Za-z0-9._-]}, not starting with
 * {@code -} (it would read as an option: {@code scarab attach -h} is help, not the session "-h"),
 * and neither {@code .} nor {@code ..} (they read as directories wherever a name becomes a path).
 */
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
        if (name.startsWith("-")) {
            return "invalid session name \"" + name + "\": a name may not start with '-' (it reads as an option)";
        }
        if (name.equals(".") || name.equals("..")) {
            return "invalid session name \"" + name + "\": \".\" and \"..\" are not names";
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
