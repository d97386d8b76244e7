package scarab.daemon.view;

import scarab.daemon.terminal.CharWidth;

/**
 * Draws an {@link Overlay.Text} as tmux 3.3a's view mode shows a command's output: the lines from
 * the top of the window area, cut at its width, and the position {@code [top/last]} at the top
 * right in mode-style (window-copy.c's indicator).
 */
public final class TextViewPainter {
    private TextViewPainter() {}

    /** The line at the top when {@code wanted} is asked for: never past the last screenful. */
    public static int clampTop(int wanted, int lines, int rows) {
        return Math.max(0, Math.min(wanted, lines - rows));
    }

    public static void paint(Frame f, Overlay.Text t, int rows) {
        rows = Math.min(rows, f.rows());
        int cols = f.cols();
        int top = clampTop(t.top(), t.lines().size(), rows);
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                f.set(x, y, 0, null, 0L, 0);
            }
            if (top + y < t.lines().size()) {
                int x = 0;
                for (int cp : t.lines().get(top + y).codePoints().toArray()) {
                    int w = CharWidth.of(cp);
                    if (w <= 0) {
                        continue;
                    }
                    if (x + w > cols) {
                        break;
                    }
                    f.set(x, y, cp, null, 0L, 0);
                    x += w;
                }
            }
        }
        String position = "[" + top + "/" + Math.max(0, t.lines().size() - rows) + "]";
        int start = Math.max(0, cols - position.length());
        for (int i = 0; i < position.length() && start + i < cols; i++) {
            f.set(start + i, 0, position.charAt(i), null, ChooserPainter.MODE_STYLE, 0);
        }
        f.cursor(0, 0, false, f.cursorStyle());
    }
}
