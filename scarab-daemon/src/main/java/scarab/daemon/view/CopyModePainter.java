package scarab.daemon.view;

import scarab.daemon.copy.CopyMode;
import scarab.daemon.terminal.Acs;
import scarab.daemon.terminal.Attr;
import scarab.daemon.terminal.CharWidth;
import scarab.daemon.terminal.LineView;

/**
 * Draws copy mode's view of a pane as tmux 3.3a's window-copy draws it: the snapshot's lines at
 * the view's place, search matches in {@code copy-mode-match-style} (black on cyan; the match
 * under the cursor in {@code copy-mode-current-match-style}, black on magenta), the selection in
 * {@code mode-style} (black on yellow, over the matches), the position indicator
 * {@code [offset/size]} at the top right in {@code mode-style}, a {@code $} in the last column
 * when the cursor is past it, and the cursor at the copy cursor.
 *
 * <p>{@link #render} makes the pane's picture from the model (on the thread that drives the
 * model); {@link #paint} puts it over a composed frame at the pane's place (on the picture thread):
 * the picture is immutable once rendered, so the two never share anything that changes.
 */
public final class CopyModePainter {
    /** tmux's {@code mode-style bg=yellow,fg=black}. */
    public static final long MODE_STYLE = Attr.withBg(Attr.withFg(0L, Attr.basic(0)), Attr.basic(3));
    /** tmux's {@code copy-mode-match-style bg=cyan,fg=black}. */
    public static final long MATCH_STYLE = Attr.withBg(Attr.withFg(0L, Attr.basic(0)), Attr.basic(6));
    /** tmux's {@code copy-mode-current-match-style bg=magenta,fg=black}. */
    public static final long CURRENT_MATCH_STYLE = Attr.withBg(Attr.withFg(0L, Attr.basic(0)), Attr.basic(5));

    private CopyModePainter() {}

    /** The pane's picture in copy mode, {@code cols x rows} (the pane's size); the frame's cursor is the copy cursor. */
    public static Frame render(CopyMode m, int cols, int rows) {
        Frame f = new Frame(Math.max(1, cols), Math.max(1, rows));
        int current = m.searchMark(m.cursorX(), m.cursorY());
        for (int py = 0; py < f.rows(); py++) {
            LineView line = m.line(m.lineAt(py));
            for (int px = 0; px < f.cols(); px++) {
                int c = line.codePoint(px);
                long a = line.attr(px);
                if (c < 0) {
                    if (px == 0) {
                        f.set(px, py, 0, null, 0L, 0); // the right half of a wide character outside the view
                    }
                    continue;
                }
                if ((a & Attr.CHARSET) != 0) {
                    int u = Acs.toUnicode(c);
                    if (u != 0) {
                        c = u;
                    }
                }
                a &= ~Attr.CHARSET;
                int mark = m.searchMark(px, py);
                if (mark != 0) {
                    a = mark == current ? CURRENT_MATCH_STYLE : MATCH_STYLE;
                }
                if (m.selected(px, py)) {
                    a = MODE_STYLE;
                }
                if (CharWidth.of(c) == 2 && px + 1 >= f.cols()) {
                    f.set(px, py, ' ', null, a, 0);
                    continue;
                }
                int[] comb = null;
                String text = line.text(px);
                if (text.length() > Character.charCount(text.codePointAt(0))) {
                    comb = text.codePoints().skip(1).toArray();
                }
                f.set(px, py, c == ' ' && a == 0 ? 0 : c, comb, a, line.underlineColour(px));
            }
        }
        if (m.cursorPastEnd() && m.cursorY() < f.rows()) {
            f.set(f.cols() - 1, m.cursorY(), '$', null, 0L, 0);
        }
        String indicator = m.positionIndicator();
        if (!indicator.isEmpty()) {
            int size = Math.min(indicator.length(), f.cols());
            int x0 = f.cols() - size;
            for (int i = 0; i < size; i++) {
                f.set(x0 + i, 0, indicator.charAt(i), null, MODE_STYLE, 0);
            }
        }
        f.cursor(Math.min(m.cursorX(), f.cols() - 1), m.cursorY(), true, Frame.DEFAULT_CURSOR_STYLE);
        return f;
    }

    /**
     * Puts a pane's copy-mode picture over {@code f} at the pane's place in the client's view of
     * the window ({@code p}, as the compositor placed it); with {@code cursor}, the client's cursor
     * goes to the copy cursor (the pane is the active one).
     */
    public static void paint(Frame f, WindowPicture p, PaneRect pane, Frame view, boolean cursor) {
        int top = p.windowAreaTop();
        int areaRows = p.windowAreaRows();
        Compositor.Offset o = Compositor.offset(p, areaRows);
        int width = Math.min(pane.width(), view.cols());
        int height = Math.min(pane.height(), view.rows());
        for (int y = 0; y < height; y++) {
            int fy = pane.top() + y - o.y();
            if (fy < 0 || fy >= areaRows) {
                continue;
            }
            for (int x = 0; x < width; x++) {
                int fx = pane.left() + x - o.x();
                if (fx < 0 || fx >= f.cols()) {
                    continue;
                }
                int c = view.codePoint(x, y);
                if (c == Frame.PADDING) {
                    if (fx == 0 || x == 0) {
                        f.set(fx, top + fy, 0, null, view.attr(x, y), 0);
                    }
                    continue;
                }
                if (c > 0 && CharWidth.of(c) == 2 && fx + 1 >= f.cols()) {
                    f.set(fx, top + fy, ' ', null, view.attr(x, y), 0);
                    continue;
                }
                f.set(fx, top + fy, c, view.combining(x, y), view.attr(x, y), view.underlineColour(x, y));
            }
        }
        if (cursor) {
            int cx = pane.left() + view.cursorX() - o.x();
            int cy = pane.top() + view.cursorY() - o.y();
            boolean visible = cx >= 0 && cx < f.cols() && cy >= 0 && cy < areaRows;
            f.cursor(cx, top + cy, visible, f.cursorStyle());
        }
    }
}
