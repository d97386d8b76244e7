package scarab.daemon.view;

import scarab.daemon.terminal.Screen;

/**
 * The terminal modes a client's terminal is set to: those that decide what the terminal sends
 * (cursor keys, keypad, mouse reports and their encoding, bracketed paste, focus events). They
 * are the active pane's, as tmux sets them ({@code server_client_reset_state} with {@code mouse} off).
 *
 * @param mouse 0 = off, 1000, 1002 or 1003
 */
public record Modes(boolean appCursor, boolean appKeypad, int mouse, boolean mouseSgr, boolean mouseUtf8,
                    boolean bracketedPaste, boolean focus) {
    /** Every mode off: a terminal after a reset. */
    public static final Modes NONE = new Modes(false, false, 0, false, false, false, false);

    public Modes {
        if (mouse != 0 && mouse != 1000 && mouse != 1002 && mouse != 1003) {
            throw new IllegalArgumentException("mouse mode must be 0, 1000, 1002 or 1003, not " + mouse);
        }
    }

    /** The modes the program on this screen asked for. The caller holds the screen's lock. */
    public static Modes of(Screen s) {
        return new Modes(s.applicationCursorKeys(), s.applicationKeypad(), s.mouseTracking(), s.mouseSgr(),
                s.mouseUtf8(), s.bracketedPaste(), s.focusEvents());
    }
}
