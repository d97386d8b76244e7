package scarab.protocol;

import java.util.Locale;

/**
 * The key sequence that detaches an attached client: a prefix then a key ({@code ctrl-b,d}, tmux's
 * habit and the default) or a single key ({@code ctrl-\}). With a prefix, pressing the prefix
 * twice sends it once to the session; the prefix followed by any other key sends both.
 */
public record DetachKeys(int prefix, int key) {
    /** Marks a single-key binding: {@link #key} alone detaches. */
    public static final int NONE = -1;
    public static final String DEFAULT_SPEC = "ctrl-b,d";

    public static DetachKeys parse(String spec) {
        String s = spec.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("detach keys are empty; use e.g. ctrl-b,d or ctrl-\\");
        }
        int comma = s.indexOf(',', 1);
        if (comma < 0) {
            return new DetachKeys(NONE, key(s, spec));
        }
        if (s.indexOf(',', comma + 2) > 0) {
            throw new IllegalArgumentException("detach keys \"" + spec + "\": at most a prefix and a key, like ctrl-b,d");
        }
        return new DetachKeys(key(s.substring(0, comma), spec), key(s.substring(comma + 1), spec));
    }

    private static int key(String k, String spec) {
        String lower = k.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith("ctrl-") || lower.startsWith("c-")) {
            String rest = lower.substring(lower.indexOf('-') + 1);
            if (rest.length() == 1) {
                char c = rest.charAt(0);
                if (c >= 'a' && c <= 'z') {
                    return c - 'a' + 1;
                }
                int i = "@[\\]^_".indexOf(c);
                if (i >= 0) {
                    return i == 0 ? 0 : 0x1b + i - 1;
                }
            }
        } else if (k.trim().length() == 1 && k.trim().charAt(0) < 0x7f) {
            return k.trim().charAt(0);
        }
        throw new IllegalArgumentException("unknown key \"" + k.trim() + "\" in detach keys \"" + spec
                + "\"; use ctrl-LETTER, ctrl-\\, ctrl-] or a plain character, like ctrl-b,d");
    }

    /** This binding as a spec {@link #parse} reads back (how the client tells the daemon). */
    public String spec() {
        return prefix == NONE ? specOf(key) : specOf(prefix) + "," + specOf(key);
    }

    private static String specOf(int k) {
        if (k == 0) {
            return "ctrl-@";
        }
        if (k <= 26) {
            return "ctrl-" + (char) ('a' + k - 1);
        }
        if (k < 0x20) {
            return "ctrl-" + "[\\]^_".charAt(k - 0x1b);
        }
        return String.valueOf((char) k);
    }

    public static String describe(int key) {
        if (key < 0x20) {
            return "Ctrl-" + (key == 0 ? "@" : key <= 26 ? String.valueOf((char) ('a' + key - 1)) : String.valueOf((char) ('[' + key - 0x1b)));
        }
        return String.valueOf((char) key);
    }

    @Override
    public String toString() {
        return prefix == NONE ? describe(key) : describe(prefix) + " " + describe(key);
    }
}
