package scarab.daemon.terminal;

/**
 * Select Graphic Rendition: turns SGR parameters into packed attributes ({@link Attr}), including
 * 256-color and 24-bit forms written with ';' ({@code 38;2;R;G;B}) or ':' sub-parameters
 * ({@code 38:2::R:G:B}, {@code 38:2:R:G:B}, {@code 38:5:N}).
 */
final class Sgr {
    private Sgr() {}

    static long apply(long attr, Params p) {
        int n = Math.max(1, p.count());
        for (int i = 0; i < n; i++) {
            int v = p.getOrZero(i, 0);
            if (p.isSub(i)) {
                continue; // a stray sub-parameter of something we did not understand
            }
            switch (v) {
                case 0 -> attr = 0;
                case 1 -> attr |= Attr.BOLD;
                case 2 -> attr |= Attr.DIM;
                case 3 -> attr |= Attr.ITALIC;
                case 4 -> {
                    attr &= ~(Attr.UNDERLINE | Attr.DOUBLE_UNDERLINE);
                    int style = i + 1 < p.count() && p.isSub(i + 1) ? p.getOrZero(i + 1, 1) : 1;
                    if (style == 2) {
                        attr |= Attr.DOUBLE_UNDERLINE;
                    } else if (style != 0) {
                        attr |= Attr.UNDERLINE;
                    }
                }
                case 5, 6 -> attr |= Attr.BLINK;
                case 7 -> attr |= Attr.REVERSE;
                case 8 -> attr |= Attr.INVISIBLE;
                case 9 -> attr |= Attr.STRIKE;
                case 21 -> attr = (attr & ~Attr.UNDERLINE) | Attr.DOUBLE_UNDERLINE;
                case 22 -> attr &= ~(Attr.BOLD | Attr.DIM);
                case 23 -> attr &= ~Attr.ITALIC;
                case 24 -> attr &= ~(Attr.UNDERLINE | Attr.DOUBLE_UNDERLINE);
                case 25 -> attr &= ~Attr.BLINK;
                case 27 -> attr &= ~Attr.REVERSE;
                case 28 -> attr &= ~Attr.INVISIBLE;
                case 29 -> attr &= ~Attr.STRIKE;
                case 53 -> attr |= Attr.OVERLINE;
                case 55 -> attr &= ~Attr.OVERLINE;
                case 39 -> attr = Attr.withFg(attr, 0);
                case 49 -> attr = Attr.withBg(attr, 0);
                case 38, 48 -> {
                    int[] consumed = new int[1];
                    int color = extended(p, i, consumed);
                    i += consumed[0];
                    if (color >= 0) {
                        attr = v == 38 ? Attr.withFg(attr, color) : Attr.withBg(attr, color);
                    }
                }
                default -> {
                    if (v >= 30 && v <= 37) {
                        attr = Attr.withFg(attr, Attr.palette(v - 30));
                    } else if (v >= 40 && v <= 47) {
                        attr = Attr.withBg(attr, Attr.palette(v - 40));
                    } else if (v >= 90 && v <= 97) {
                        attr = Attr.withFg(attr, Attr.palette(v - 90 + 8));
                    } else if (v >= 100 && v <= 107) {
                        attr = Attr.withBg(attr, Attr.palette(v - 100 + 8));
                    }
                }
            }
            // Sub-parameters after any other code belong to it: skip them.
            while (i + 1 < p.count() && p.isSub(i + 1) && v != 38 && v != 48) {
                i++;
            }
        }
        return attr;
    }

    /** Parses 38/48 at {@code i}; sets consumed[0] to the parameters used after it; -1 when invalid. */
    private static int extended(Params p, int i, int[] consumed) {
        boolean colon = i + 1 < p.count() && p.isSub(i + 1);
        if (colon) {
            int end = i + 1;
            while (end < p.count() && p.isSub(end)) {
                end++;
            }
            consumed[0] = end - i - 1;
            int kind = p.getOrZero(i + 1, -1);
            int args = end - (i + 2);
            if (kind == 5 && args >= 1) {
                int idx = p.getOrZero(i + 2, -1);
                return idx >= 0 && idx <= 255 ? Attr.palette(idx) : -1;
            }
            if (kind == 2 && args >= 3) {
                int first = args >= 4 ? i + 3 : i + 2; // with or without the colour-space id
                return Attr.rgb(p.getOrZero(first, 0), p.getOrZero(first + 1, 0), p.getOrZero(first + 2, 0));
            }
            return -1;
        }
        int kind = p.getOrZero(i + 1, -1);
        if (kind == 5) {
            consumed[0] = 2;
            int idx = p.getOrZero(i + 2, -1);
            return idx >= 0 && idx <= 255 ? Attr.palette(idx) : -1;
        }
        if (kind == 2) {
            consumed[0] = 4;
            return Attr.rgb(p.getOrZero(i + 2, 0), p.getOrZero(i + 3, 0), p.getOrZero(i + 4, 0));
        }
        consumed[0] = Math.min(1, Math.max(0, p.count() - i - 1));
        return -1;
    }

    /** The SGR sequence that sets exactly {@code attr} from a reset state. */
    static void write(StringBuilder out, long attr) {
        out.append("\033[0");
        if ((attr & Attr.BOLD) != 0) {
            out.append(";1");
        }
        if ((attr & Attr.DIM) != 0) {
            out.append(";2");
        }
        if ((attr & Attr.ITALIC) != 0) {
            out.append(";3");
        }
        if ((attr & Attr.UNDERLINE) != 0) {
            out.append(";4");
        }
        if ((attr & Attr.DOUBLE_UNDERLINE) != 0) {
            out.append(";4:2");
        }
        if ((attr & Attr.BLINK) != 0) {
            out.append(";5");
        }
        if ((attr & Attr.REVERSE) != 0) {
            out.append(";7");
        }
        if ((attr & Attr.INVISIBLE) != 0) {
            out.append(";8");
        }
        if ((attr & Attr.STRIKE) != 0) {
            out.append(";9");
        }
        if ((attr & Attr.OVERLINE) != 0) {
            out.append(";53");
        }
        color(out, Attr.fg(attr), 30, 90, 38);
        color(out, Attr.bg(attr), 40, 100, 48);
        out.append('m');
    }

    private static void color(StringBuilder out, int color, int base, int brightBase, int extended) {
        int kind = Attr.kind(color);
        if (kind == Attr.KIND_PALETTE) {
            int idx = color & 0xff;
            if (idx < 8) {
                out.append(';').append(base + idx);
            } else if (idx < 16) {
                out.append(';').append(brightBase + idx - 8);
            } else {
                out.append(';').append(extended).append(";5;").append(idx);
            }
        } else if (kind == Attr.KIND_RGB) {
            out.append(';').append(extended).append(";2;").append((color >> 16) & 0xff).append(';')
                    .append((color >> 8) & 0xff).append(';').append(color & 0xff);
        }
    }
}
