package scarab.daemon.terminal;

/** DEC special graphics to Unicode, exactly tmux's tty_acs_table. */
public final class Acs {
    private Acs() {}

    private static final int[] MAP = new int[128];

    static {
        String keys = "+,-.0`abcdefghijklmnopqrstuvwxyz{|}~";
        int[] vals = {0x2192, 0x2190, 0x2191, 0x2193, 0x25ae, 0x25c6, 0x2592, 0x2409, 0x240c, 0x240d, 0x240a, 0x00b0,
                0x00b1, 0x2424, 0x240b, 0x2518, 0x2510, 0x250c, 0x2514, 0x253c, 0x23ba, 0x23bb, 0x2500, 0x23bc, 0x23bd,
                0x251c, 0x2524, 0x2534, 0x252c, 0x2502, 0x2264, 0x2265, 0x03c0, 0x2260, 0x00a3, 0x00b7};
        for (int i = 0; i < keys.length(); i++) MAP[keys.charAt(i)] = vals[i];
    }

    /** The Unicode character for DEC graphics character c, or 0 if c has no mapping (it is shown as itself). */
    public static int toUnicode(int c) {
        return c >= 0 && c < 128 ? MAP[c] : 0;
    }
}
