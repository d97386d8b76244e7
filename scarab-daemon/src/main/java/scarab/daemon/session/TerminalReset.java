package scarab.daemon.session;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import scarab.daemon.terminal.Screen;

/**
 * The bytes that hand a client's terminal back to its shell after detach or exit: attributes and
 * every mode a session may have switched on are reset, the alternate screen is left, and the
 * cursor is put on a clean line below the session's cursor for the "[detached ...]" message.
 */
final class TerminalReset {
    private TerminalReset() {}

    static byte[] forScreen(Screen screen) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String s = "\033[0m\033(B\033[r\033[?6l\033[?7h\033[4l\033[?25h\033[?1l\033>\033[?2004l"
                + "\033[?1000l\033[?1002l\033[?1003l\033[?1005l\033[?1006l\033[?1004l";
        if (screen.alternateScreenActive()) {
            // The terminal left its main screen when the program entered the alternate one: going
            // back restores that screen and the cursor saved with it.
            s += "\033[?1049l\r\n";
        } else {
            s += "\033[" + (screen.cursorY() + 1) + ";" + (screen.cursorX() + 1) + "H";
            s += screen.cursorX() == 0 ? "" : "\r\n";
        }
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
