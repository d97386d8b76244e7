package scarab.daemon.session;

import java.util.Locale;

/** What the daemon does at start with sessions whose processes a previous daemon ran. */
public enum RestoreMode {
    /** Start every command again at once, in its last directory. */
    EAGER,
    /** Start a command again on first attach or send-keys. */
    LAZY,
    /** Leave them stopped: history is shown, nothing runs. */
    NONE;

    public static RestoreMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("restore mode must be eager, lazy or none, not \"" + text + "\"");
        }
    }
}
