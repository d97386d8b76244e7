package scarab.daemon.session;

import java.util.Locale;

/**
 * The {@code status} setting: whether a client shows the status line on its last row. AUTO shows
 * it only when a session has more than one window or pane, so the common one-pane session keeps
 * the passthrough fast path (the program's bytes go straight to the terminal).
 */
public enum StatusMode {
    OFF, ON, AUTO;

    public static StatusMode parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status wants off, on or auto, not \"" + text + "\"");
        }
    }

    /** Whether a session of {@code windows} windows and {@code panes} panes shows it. */
    public boolean shown(int windows, int panes) {
        return this == ON || this == AUTO && (windows > 1 || panes > 1);
    }
}
