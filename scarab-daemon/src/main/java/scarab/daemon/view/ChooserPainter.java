package scarab.daemon.view;

import java.util.List;
import scarab.daemon.terminal.Acs;
import scarab.daemon.terminal.Attr;
import scarab.daemon.terminal.CharWidth;
import scarab.daemon.terminal.Screen;

/**
 * Draws the chooser as tmux 3.3a's tree mode draws it (mode-tree.c, window-tree.c), over the whole
 * window area (choose-tree -Z): the list at the top, one line per item ({@code (0) + main: 2
 * windows (attached)}, children under {@code ├─> } and {@code └─> }), the selected line in
 * mode-style (black on yellow) across the row, and below it a box whose top border carries the
 * selected item's name, holding the preview of its screen. The list takes two thirds of the area,
 * or half when the list is shorter than that, or all of it when either part would be too small,
 * as tmux sizes it. A prompt, when open, takes the client's last row as the status line's prompts do.
 */
public final class ChooserPainter {
    /** tmux's {@code mode-style bg=yellow,fg=black}. */
    static final long MODE_STYLE = OverlayPainter.MESSAGE_STYLE;

    /** Where the parts go in an area of {@code rows} rows. */
    public record Layout(int listRows, int boxTop, int boxRows) {
        public boolean hasPreview() {
            return boxRows >= 3;
        }

        /** The preview's size inside the box. */
        public int previewRows() {
            return boxRows - 2;
        }
    }

    private ChooserPainter() {}

    /** tmux's mode_tree_draw sizing, for {@code lines} listed in {@code rows}. */
    public static Layout layout(int cols, int rows, int lines) {
        int height = (rows / 3) * 2;
        if (height > lines) {
            height = rows / 2;
        }
        if (height < 10) {
            height = rows;
        }
        if (rows - height < 2 || cols < 5) {
            height = rows;
        }
        return new Layout(height, height, rows - height);
    }

    /**
     * Draws {@code p} over the first {@code rows} rows of {@code f} (the window area: the status
     * line, if any, stays), hiding the cursor unless a prompt shows one.
     */
    public static void paint(Frame f, ChooserPicture p, int rows) {
        int cols = f.cols();
        rows = Math.min(rows, f.rows());
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                f.set(x, y, 0, null, 0L, 0);
            }
        }
        f.cursor(0, 0, false, f.cursorStyle());
        Layout layout = layout(cols, rows, p.tree().size());
        int offset = Math.max(0, p.selected() - layout.listRows() + 1);
        int keyWidth = keyWidth(Math.min(p.tree().size(), layout.listRows()) + offset);
        for (int y = 0; y < layout.listRows() && offset + y < p.tree().size(); y++) {
            int i = offset + y;
            boolean current = i == p.selected();
            long style = current ? MODE_STYLE : 0L;
            String text = pad(key(i), keyWidth) + lineText(p.tree().get(i));
            put(f, 0, y, cols, text, style);
            if (current) {
                for (int x = 0; x < cols; x++) {
                    if (f.codePoint(x, y) == 0) {
                        f.set(x, y, 0, null, style, 0);
                    }
                }
            }
        }
        if (layout.hasPreview() && p.preview() != null) {
            box(f, layout, p.title(), p.preview());
        }
        if (p.prompt() != null) {
            OverlayPainter.paint(f, p.prompt(), List.of());
        }
    }

    /** tmux's shortcut keys: 0 to 9, then M-a to M-z; none after. */
    static String key(int line) {
        if (line < 10) {
            return "(" + line + ") ";
        }
        if (line < 36) {
            return "(M-" + (char) ('a' + line - 10) + ") ";
        }
        return "";
    }

    private static int keyWidth(int lines) {
        return lines > 10 ? "(M-a) ".length() : "(0) ".length();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** The line as tmux writes it: the tree's lines, + or - for an item with children, then "name: text". */
    static String lineText(TreeChooser.Line line) {
        String symbol = !line.expandable() ? "" : line.expanded() ? "- " : "+ ";
        StringBuilder b = new StringBuilder();
        if (line.depth() > 0) {
            for (int j = 1; j < line.depth(); j++) {
                b.append(line.parentLast() ? "    " : "│   ");
            }
            b.append(line.last() ? "└─> " : "├─> ");
        }
        b.append(symbol).append(line.item().name()).append(": ").append(line.item().text());
        return b.toString();
    }

    private static void box(Frame f, Layout l, String title, Frame preview) {
        int cols = f.cols();
        int top = l.boxTop();
        int bottom = top + l.boxRows() - 1;
        for (int x = 1; x < cols - 1; x++) {
            f.set(x, top, '─', null, 0L, 0);
            f.set(x, bottom, '─', null, 0L, 0);
        }
        for (int y = top + 1; y < bottom; y++) {
            f.set(0, y, '│', null, 0L, 0);
            f.set(cols - 1, y, '│', null, 0L, 0);
        }
        f.set(0, top, '┌', null, 0L, 0);
        f.set(cols - 1, top, '┐', null, 0L, 0);
        f.set(0, bottom, '└', null, 0L, 0);
        f.set(cols - 1, bottom, '┘', null, 0L, 0);
        put(f, 1, top, cols - 1, " " + title + " (sort: time) ", 0L);
        for (int y = 0; y < preview.rows() && top + 1 + y < bottom; y++) {
            for (int x = 0; x < preview.cols() && 1 + x < cols - 1; x++) {
                int c = preview.codePoint(x, y);
                f.set(1 + x, top + 1 + y, c, preview.combining(x, y), preview.attr(x, y), preview.underlineColour(x, y));
            }
        }
    }

    /** Writes text from {@code x}, stopping before {@code end}; wide characters that do not fit are left out. */
    private static void put(Frame f, int x, int y, int end, String text, long attr) {
        for (int cp : text.codePoints().toArray()) {
            int w = CharWidth.of(cp);
            if (w <= 0) {
                continue;
            }
            if (x + w > end) {
                return;
            }
            f.set(x, y, cp, null, attr, 0);
            x += w;
        }
    }

    /**
     * The preview's cells: {@code width x height} of the screen, from its top-left, moved right and
     * down only as far as needed to show its cursor (tmux's preview follows the cursor too). The
     * caller holds the screen's read lock.
     */
    public static Frame previewOf(Screen s, int width, int height) {
        Frame out = new Frame(Math.max(1, width), Math.max(1, height));
        int sx = s.cursorX() < width ? 0 : s.cursorX() - width + 1;
        int sy = s.cursorY() < height ? 0 : s.cursorY() - height + 1;
        int n = Math.max(0, Math.min(width, s.cols() - sx));
        int[] cps = new int[n];
        long[] attrs = new long[n];
        int[] us = new int[n];
        int[][] comb = new int[n][];
        for (int y = 0; y < height && sy + y < s.rows(); y++) {
            s.copyCells(sy + y, sx, n, cps, attrs, us, comb, 0);
            for (int x = 0; x < n; x++) {
                int c = cps[x];
                long a = attrs[x];
                if (c == Frame.PADDING) {
                    if (x == 0) {
                        out.set(x, y, 0, null, a & ~Attr.CHARSET, us[x]);
                    } else {
                        out.set(x, y, c, null, a & ~Attr.CHARSET, us[x]);
                    }
                    continue;
                }
                if ((a & Attr.CHARSET) != 0 && c > 0) {
                    int m = Acs.toUnicode(c);
                    if (m != 0) {
                        c = m;
                    }
                }
                a &= ~Attr.CHARSET;
                if (c > 0 && CharWidth.of(c) == 2 && (x + 1 >= n || cps[x + 1] != Frame.PADDING)) {
                    out.set(x, y, ' ', null, a, us[x]); // cut by the preview's edge
                    continue;
                }
                out.set(x, y, c, comb[x], a, us[x]);
            }
        }
        return out;
    }
}
