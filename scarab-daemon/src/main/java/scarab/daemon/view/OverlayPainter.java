package scarab.daemon.view;

import java.util.List;
import scarab.daemon.terminal.Attr;
import scarab.daemon.terminal.CharWidth;

/**
 * Draws an {@link Overlay} over a composed frame as tmux 3.3a draws it: a prompt or message over the
 * whole last row in {@code message-style} (black on yellow) with the prompt's cursor as a reversed
 * cell (status.c), and the pane numbers of display-panes (cmd-display-panes.c): a pane's index in
 * big digits of {@code display-panes-colour} (blue; the active pane's red) in its centre, its
 * size in its top right corner, or the bare number when the big one does not fit.
 */
public final class OverlayPainter {
    /** tmux's {@code message-style bg=yellow,fg=black}. */
    public static final long MESSAGE_STYLE = Attr.withBg(Attr.withFg(0L, Attr.basic(0)), Attr.basic(3));
    private static final int COLOUR = Attr.basic(4);
    private static final int ACTIVE_COLOUR = Attr.basic(1);

    /** tmux's window_clock_table, digits 0 to 9: five rows of five cells, 1 where the digit is drawn. */
    private static final String[] DIGITS = {
        "11111 10001 10001 10001 11111", "00001 00001 00001 00001 00001", "11111 00001 11111 10000 11111",
        "11111 00001 11111 00001 11111", "10001 10001 11111 00001 00001", "11111 10000 11111 00001 11111",
        "11111 10000 11111 10001 11111", "11111 00001 00001 00001 00001", "11111 10001 11111 10001 11111",
        "11111 10001 11111 00001 11111",
    };

    /** A pane as display-panes needs it: its place in the frame, its index and whether it is active. */
    public record PaneLabel(int left, int top, int width, int height, int index, boolean active) {}

    private OverlayPainter() {}

    public static void paint(Frame f, Overlay overlay, List<PaneLabel> panes) {
        if (overlay instanceof Overlay.Line line) {
            paintLine(f, line);
        } else if (overlay instanceof Overlay.PaneNumbers) {
            for (PaneLabel p : panes) {
                paintNumber(f, p);
            }
        }
    }

    private static void paintLine(Frame f, Overlay.Line line) {
        int row = f.rows() - 1;
        for (int x = 0; x < f.cols(); x++) {
            f.set(x, row, 0, null, MESSAGE_STYLE, 0);
        }
        int x = 0;
        int index = 0;
        int cursorX = -1;
        for (int cp : line.text().codePoints().toArray()) {
            if (index == line.cursor()) {
                cursorX = x;
            }
            index++;
            int w = CharWidth.of(cp);
            if (w <= 0) {
                continue; // a combining or unprintable character: not drawn in a one-line prompt
            }
            if (x + w > f.cols()) {
                break;
            }
            f.set(x, row, cp, null, MESSAGE_STYLE, 0);
            x += w;
        }
        if (line.cursor() >= 0) {
            if (cursorX < 0) {
                cursorX = Math.min(x, f.cols() - 1);
            }
            int under = f.codePoint(cursorX, row);
            f.set(cursorX, row, under == Frame.PADDING ? 0 : under, null, MESSAGE_STYLE | Attr.REVERSE, 0);
            f.cursor(cursorX, row, true, f.cursorStyle());
        }
    }

    private static void paintNumber(Frame f, PaneLabel p) {
        int sx = Math.min(p.width(), f.cols() - p.left());
        int sy = Math.min(p.height(), f.rows() - p.top());
        if (sx <= 0 || sy <= 0) {
            return;
        }
        String number = Integer.toString(p.index());
        int len = number.length();
        if (sx < len) {
            return;
        }
        int colour = p.active() ? ACTIVE_COLOUR : COLOUR;
        long fg = Attr.withFg(0L, colour);
        long bg = Attr.withBg(0L, colour);
        int px = sx / 2;
        int py = sy / 2;
        if (sx < len * 6 || sy < 5) {
            put(f, p.left() + px - len / 2, p.top() + py, number, fg);
            return;
        }
        px -= len * 3;
        py -= 2;
        for (int k = 0; k < len; k++) {
            String[] rows = DIGITS[number.charAt(k) - '0'].split(" ");
            for (int j = 0; j < 5; j++) {
                for (int i = 0; i < 5; i++) {
                    if (rows[j].charAt(i) == '1') {
                        f.set(p.left() + px + i, p.top() + py + j, ' ', null, bg, 0);
                    }
                }
            }
            px += 6;
        }
        if (sy <= 6) {
            return;
        }
        String size = p.width() + "x" + p.height();
        if (sx >= size.length()) {
            put(f, p.left() + sx - size.length(), p.top(), size, fg);
        }
    }

    private static void put(Frame f, int x, int y, String text, long attr) {
        for (int i = 0; i < text.length() && x + i < f.cols(); i++) {
            if (x + i >= 0) {
                f.set(x + i, y, text.charAt(i), null, attr, 0);
            }
        }
    }
}
