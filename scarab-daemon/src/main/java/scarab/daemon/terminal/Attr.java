package scarab.daemon.terminal;

/**
 * Packed cell attributes: one long per cell.
 * <pre>
 * bits  0-25  foreground colour (26 bits: 2-bit type + 24-bit value)
 * bits 26-51  background colour
 * bits 52-63  flags: bold, dim, italic, underline style (3 bits), blink, reverse, hidden, strike, overline, charset
 * </pre>
 * Colour type: 0 default, 1 basic (value 0-7 for SGR 30-37/40-47, 90-97 for SGR 90-97/100-107, as tmux stores them),
 * 2 256-colour palette (SGR 38;5;n), 3 RGB (24-bit). The all-zero long is the default cell.
 */
public final class Attr {
    private Attr() {}

    public static final int COLOR_DEFAULT = 0;
    public static final int TYPE_BASIC = 1 << 24, TYPE_256 = 2 << 24, TYPE_RGB = 3 << 24;
    public static final int COLOR_MASK = (1 << 26) - 1;

    public static final long BOLD = 1L << 52;
    public static final long DIM = 1L << 53;
    public static final long ITALIC = 1L << 54;
    public static final int UL_SHIFT = 55;
    public static final long UL_MASK = 7L << UL_SHIFT;
    public static final long BLINK = 1L << 58;
    public static final long REVERSE = 1L << 59;
    public static final long HIDDEN = 1L << 60;
    public static final long STRIKE = 1L << 61;
    public static final long OVERLINE = 1L << 62;
    public static final long CHARSET = 1L << 63;

    public static final long FG_MASK = COLOR_MASK;
    public static final long BG_MASK = ((long) COLOR_MASK) << 26;
    public static final long FLAGS_MASK = ~(FG_MASK | BG_MASK);

    public static int fg(long a) { return (int) (a & COLOR_MASK); }
    public static int bg(long a) { return (int) ((a >>> 26) & COLOR_MASK); }
    public static long withFg(long a, int c) { return (a & ~FG_MASK) | (c & COLOR_MASK); }
    public static long withBg(long a, int c) { return (a & ~BG_MASK) | (((long) (c & COLOR_MASK)) << 26); }
    public static int underline(long a) { return (int) ((a & UL_MASK) >>> UL_SHIFT); }
    public static long withUnderline(long a, int style) { return (a & ~UL_MASK) | (((long) style & 7) << UL_SHIFT); }

    /** Attributes of a cell cleared with background colour bg (tmux's grid_clear_cell). */
    public static long clearedWithBg(int bg) { return withBg(0L, bg); }

    public static int colorType(int c) { return c >>> 24; }
    public static int colorValue(int c) { return c & 0xffffff; }
    public static int basic(int v) { return TYPE_BASIC | v; }
    public static int palette(int v) { return TYPE_256 | (v & 0xff); }
    public static int rgb(int r, int g, int b) { return TYPE_RGB | (r << 16) | (g << 8) | b; }
}
