package scarab.daemon.terminal;

/**
 * A cell's attributes packed into one {@code long}: foreground in bits 0-25, background in bits
 * 26-51 (each: a 2-bit kind, default/palette/RGB, and a 24-bit value), flags in bits 52-63.
 * Zero is the default: no colors, no flags, so a fresh line's attribute array is all zeros.
 */
public final class Attr {
    public static final int KIND_DEFAULT = 0;
    public static final int KIND_PALETTE = 1;
    public static final int KIND_RGB = 2;

    public static final long BOLD = 1L << 52;
    public static final long DIM = 1L << 53;
    public static final long ITALIC = 1L << 54;
    public static final long UNDERLINE = 1L << 55;
    public static final long BLINK = 1L << 56;
    public static final long REVERSE = 1L << 57;
    public static final long INVISIBLE = 1L << 58;
    public static final long STRIKE = 1L << 59;
    public static final long OVERLINE = 1L << 60;
    public static final long DOUBLE_UNDERLINE = 1L << 61;
    /** The cell was printed in the DEC special graphics set: it holds the ASCII letter (as tmux keeps it). */
    public static final long CHARSET = 1L << 62;
    static final long FLAGS = 0xfffL << 52;
    private static final long COLOR_MASK = (1L << 26) - 1;

    private Attr() {}

    public static int fg(long a) {
        return (int) (a & COLOR_MASK);
    }

    public static int bg(long a) {
        return (int) ((a >>> 26) & COLOR_MASK);
    }

    public static long withFg(long a, int color) {
        return (a & ~COLOR_MASK) | (color & COLOR_MASK);
    }

    public static long withBg(long a, int color) {
        return (a & ~(COLOR_MASK << 26)) | ((long) (color & COLOR_MASK) << 26);
    }

    public static int palette(int index) {
        return (KIND_PALETTE << 24) | (index & 0xff);
    }

    public static int rgb(int r, int g, int b) {
        return (KIND_RGB << 24) | ((r & 0xff) << 16) | ((g & 0xff) << 8) | (b & 0xff);
    }

    public static int kind(int color) {
        return color >>> 24;
    }

    /** The attributes an erase leaves behind: the current background only (xterm's BCE, as tmux). */
    public static long erased(long current) {
        return current & (COLOR_MASK << 26);
    }
}
