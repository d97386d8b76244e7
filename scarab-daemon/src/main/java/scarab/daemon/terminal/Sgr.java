package scarab.daemon.terminal;

/**
 * The SGR sequence that sets a terminal's pen to packed {@link Attr} attributes and an underline
 * colour, from a reset: {@code ESC [ 0 ; ... m}. Absolute rather than relative to the previous pen,
 * so whoever writes it needs to know nothing of what the terminal had. One encoding for every
 * writer of pictures ({@link Renderer}, the composed view), so they cannot drift apart.
 * The {@link Attr#CHARSET} bit is not an SGR attribute and is ignored.
 */
public final class Sgr {
    private Sgr() {}

    /** Appends the sequence for {@code attr} (and underline colour {@code us}, 0 = none) to {@code sb}. */
    public static void append(StringBuilder sb, long attr, int us) {
        sb.append("\033[0");
        if ((attr & Attr.BOLD) != 0) sb.append(";1");
        if ((attr & Attr.DIM) != 0) sb.append(";2");
        if ((attr & Attr.ITALIC) != 0) sb.append(";3");
        int ul = Attr.underline(attr);
        if (ul == 1) sb.append(";4");
        else if (ul > 1) sb.append(";4:").append(ul);
        if ((attr & Attr.BLINK) != 0) sb.append(";5");
        if ((attr & Attr.REVERSE) != 0) sb.append(";7");
        if ((attr & Attr.HIDDEN) != 0) sb.append(";8");
        if ((attr & Attr.STRIKE) != 0) sb.append(";9");
        if ((attr & Attr.OVERLINE) != 0) sb.append(";53");
        color(sb, Attr.fg(attr), 30, 38, 0);
        color(sb, Attr.bg(attr), 40, 48, 10);
        if (us != 0) color(sb, us, -1, 58, 0);
        sb.append('m');
    }

    private static void color(StringBuilder sb, int c, int base, int ext, int brightAdd) {
        int t = Attr.colorType(c), v = Attr.colorValue(c);
        switch (t) {
            case 0: return;
            case 1: sb.append(';').append(v < 8 ? base + v : v + brightAdd); return;
            case 2: sb.append(';').append(ext).append(";5;").append(v); return;
            default:
                sb.append(';').append(ext).append(";2;").append((v >> 16) & 0xff).append(';')
                        .append((v >> 8) & 0xff).append(';').append(v & 0xff);
        }
    }
}
