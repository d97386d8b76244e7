package scarab.daemon.keys;

/**
 * One mouse report from a client's terminal, as tmux's tty_keys_mouse reads it: the SGR form
 * ({@code ESC [ < b ; x ; y M} for a press or motion, {@code m} for a release; 1006) or the X10 form
 * ({@code ESC [ M} and three bytes, each the value plus 32; 1000). Coordinates are 0-based cells
 * of the client's terminal.
 *
 * <p>{@code b} is the button byte as X10 would send it (a release is button 3, since X10 cannot
 * say which button went up); {@code sgrType} is {@code M} or {@code m} for an SGR report and a
 * space for an X10 one, and {@code sgrB} the SGR report's own button (the released one), as tmux
 * keeps both: a program that asked for SGR gets the button that was released.
 *
 * <p>Bits of the button byte (xterm's ctlseqs, "Mouse Tracking"): the low two bits are the button
 * (3: release), 4/8/16 Shift/Meta/Ctrl, 32 motion (a drag with a button down), 64 the wheel
 * (button 0 up, 1 down).
 */
public record MouseReport(int b, int x, int y, char sgrType, int sgrB) {
    /** The most bytes an SGR report may take before it is read as no report (tmux's limit is similar). */
    static final int MAX_SGR_LENGTH = 32;

    public boolean sgr() {
        return sgrType != ' ';
    }

    /** A wheel event: up or down, the button byte's bit 64. */
    public boolean wheel() {
        return (b & 0xc3) == 64 || (b & 0xc3) == 65;
    }

    public boolean wheelUp() {
        return (b & 0xc3) == 64;
    }

    /** Motion: a drag with a button down (or, for 1003, without). */
    public boolean drag() {
        return (b & 32) != 0;
    }

    /** A button went up. */
    public boolean release() {
        return (b & 3) == 3 && !wheel();
    }

    /** The button pressed (0 left, 1 middle, 2 right) of a press or drag; 3 for a release or plain motion. */
    public int button() {
        return b & 3;
    }

    /** The same report at another place (a pane's own cells). */
    public MouseReport at(int nx, int ny) {
        return new MouseReport(b, nx, ny, sgrType, sgrB);
    }

    /** Whether these bytes start like a mouse report: {@code ESC [ <} or {@code ESC [ M} (possibly not whole yet). */
    static boolean startsLike(CharSequence k) {
        if (k.length() == 0 || k.charAt(0) != 0x1b) {
            return false;
        }
        if (k.length() >= 2 && k.charAt(1) != '[') {
            return false;
        }
        return k.length() < 3 || k.charAt(2) == '<' || k.charAt(2) == 'M';
    }

    /**
     * Whether {@code k}, which starts like a mouse report, is whole: X10 after its three bytes,
     * SGR at its final {@code M} or {@code m} (or anything else that ends a CSI, which is then no
     * report), or too long to be one.
     */
    static boolean complete(CharSequence k) {
        if (k.length() < 3) {
            return false;
        }
        if (k.charAt(2) == 'M') {
            return k.length() >= 6;
        }
        char last = k.charAt(k.length() - 1);
        return k.length() > 3 && last >= 0x40 && last <= 0x7e || k.length() >= MAX_SGR_LENGTH;
    }

    /** The report these bytes make, or null when they are not one. */
    public static MouseReport parse(CharSequence k) {
        if (k.length() < 6 || k.charAt(0) != 0x1b || k.charAt(1) != '[') {
            return null;
        }
        if (k.charAt(2) == 'M') {
            if (k.length() != 6) {
                return null;
            }
            int b = k.charAt(3) - 32;
            int x = k.charAt(4) - 33;
            int y = k.charAt(5) - 33;
            if (b < 0 || x < 0 || y < 0) {
                return null;
            }
            return new MouseReport(b, x, y, ' ', b);
        }
        if (k.charAt(2) != '<') {
            return null;
        }
        char type = k.charAt(k.length() - 1);
        if (type != 'M' && type != 'm') {
            return null;
        }
        int[] n = new int[3];
        int field = 0;
        boolean digits = false;
        for (int i = 3; i < k.length() - 1; i++) {
            char c = k.charAt(i);
            if (c == ';') {
                if (!digits || ++field > 2) {
                    return null;
                }
                digits = false;
            } else if (c >= '0' && c <= '9') {
                if (n[field] > 100_000) {
                    return null;
                }
                n[field] = n[field] * 10 + (c - '0');
                digits = true;
            } else {
                return null;
            }
        }
        if (field != 2 || !digits || n[1] < 1 || n[2] < 1) {
            return null;
        }
        int sgrB = n[0];
        // tmux's tty_keys_mouse: a release sets the X10 byte's button bits to 3 (b |= 3).
        int b = type == 'm' ? sgrB | 3 : sgrB;
        return new MouseReport(b, n[1] - 1, n[2] - 1, type, sgrB);
    }
}
