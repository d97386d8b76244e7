package scarab.daemon.session;

/**
 * What a window may be called: any printable text up to 64 characters. tmux allows nearly
 * anything; control characters are refused because names are drawn on the status line.
 */
public final class WindowName {
    private WindowName() {}

    /** Null when {@code name} is acceptable, else why not. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "a window name cannot be empty";
        }
        if (name.codePointCount(0, name.length()) > 64) {
            return "a window name is at most 64 characters";
        }
        if (name.codePoints().anyMatch(c -> c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))) {
            return "a window name cannot contain control characters";
        }
        return null;
    }
}
