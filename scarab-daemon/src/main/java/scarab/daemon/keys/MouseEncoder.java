package scarab.daemon.keys;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A mouse event as a pane's program asked to get it (tmux 3.3a's input_key_get_mouse): nothing
 * unless it turned reporting on (1000, 1002, 1003); motion only with 1002 or 1003; a release only
 * with 1003 unless it can be told from the report; then, at the pane's own cell, in the encoding
 * it chose: SGR (1006) when it asked for it and the event came as SGR (an X10 release cannot say
 * which button went up), else urxvt's (1015, which tmux does not offer), else UTF-8 (1005), else
 * the X10 bytes, the coordinates clamped to what one byte holds.
 */
public final class MouseEncoder {
    /** The mouse modes a program set on its screen ({@code Screen.mouseTracking()} and the encodings). */
    public record Modes(int tracking, boolean sgr, boolean utf8, boolean urxvt) {
        public static final Modes NONE = new Modes(0, false, false, false);

        public boolean any() {
            return tracking != 0;
        }
    }

    private static final int BTN_OFF = 0x20;
    private static final int POS_OFF = 0x21;
    private static final int PARAM_MAX = 0xff;
    private static final int UTF8_MAX = 0x7ff;

    private MouseEncoder() {}

    /**
     * The bytes for the program: the event at its pane's cell ({@code x}, {@code y}, 0-based), or
     * null when it is not to be sent. {@code lastB} is the client's previous button byte (tmux's
     * {@code m->lb}): without SGR, two releases in a row are motion, sent only with 1003.
     */
    public static byte[] encode(MouseReport m, int lastB, int x, int y, Modes modes) {
        if (!modes.any()) {
            return null;
        }
        boolean all = modes.tracking() == 1003;
        if (m.drag() && modes.tracking() == 1000) {
            return null;
        }
        if (m.sgr()) {
            boolean sgrRelease = (m.sgrB() & 32) != 0 && (m.sgrB() & 0xc3) == 3;
            if (sgrRelease && !all) {
                return null;
            }
        } else if (m.drag() && (m.b() & 0xc3) == 3 && (lastB & 0xc3) == 3 && !all) {
            return null;
        }
        if (m.sgr() && modes.sgr()) {
            return ascii("\033[<" + m.sgrB() + ";" + (x + 1) + ";" + (y + 1) + m.sgrType());
        }
        if (modes.urxvt()) {
            return ascii("\033[" + (m.b() + BTN_OFF) + ";" + (x + 1) + ";" + (y + 1) + "M");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("\033[M"));
        if (modes.utf8()) {
            if (m.b() > UTF8_MAX - BTN_OFF || x > UTF8_MAX - POS_OFF || y > UTF8_MAX - POS_OFF) {
                return null;
            }
            utf8(out, m.b() + BTN_OFF);
            utf8(out, x + POS_OFF);
            utf8(out, y + POS_OFF);
            return out.toByteArray();
        }
        if (m.b() + BTN_OFF > PARAM_MAX) {
            return null;
        }
        out.write(m.b() + BTN_OFF);
        out.write(Math.min(x + POS_OFF, PARAM_MAX));
        out.write(Math.min(y + POS_OFF, PARAM_MAX));
        return out.toByteArray();
    }

    /** tmux's input_key_split2: one byte below 0x80, else two as UTF-8 encodes them. */
    private static void utf8(ByteArrayOutputStream out, int c) {
        if (c > 0x7f) {
            out.write((c >> 6) | 0xc0);
            out.write((c & 0x3f) | 0x80);
        } else {
            out.write(c);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
