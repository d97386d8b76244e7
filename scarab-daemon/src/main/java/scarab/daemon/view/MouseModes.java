package scarab.daemon.view;

/**
 * The terminal's mouse modes with tmux's {@code mouse} option on (server_client_reset_state,
 * tty_update_mode): reporting of presses, releases and drags (1002, which includes 1000's), or
 * of all motion (1003) when a pane of the window asked for it, always in the SGR encoding (1006),
 * whatever the active pane asked for: the daemon reads every report and passes on, re-encoded,
 * only what a pane's program asked for.
 */
public final class MouseModes {
    private MouseModes() {}

    /** Sets the frame's mouse modes for the mouse on; {@code anyPaneAll}: a pane of the window set 1003. */
    public static void mouseOn(Frame f, boolean anyPaneAll) {
        Modes m = f.modes();
        f.modes(new Modes(m.appCursor(), m.appKeypad(), anyPaneAll ? 1003 : 1002, true, false, m.bracketedPaste(),
                m.focus()));
    }
}
