package scarab.daemon.copy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bytes a copy puts in the buffer, as tmux 3.3a makes them (window_copy_get_selection and
 * window_copy_copy_line): a line that wrapped at the edge is joined to the next without a newline
 * and keeps its spaces, other lines lose their trailing spaces, a wide character is copied once
 * (its right half is skipped; the empty last cell of a line a wide character wrapped off is a
 * space), and a rectangle takes the same columns of every line. With emacs
 * keys the cell under the cursor is left out; with vi keys it is kept. The final newline goes,
 * except where vi keys selected past the end of the last line.
 */
final class SelectionText {
    private SelectionText() {}

    /**
     * @param cursorDragsEnd whether the cursor moves the selection's end (else its start)
     * @param cx             the cursor's column
     */
    static byte[] of(CopyGrid g, int selx, int sely, int endselx, int endsely, boolean rect, boolean emacs,
                     boolean cursorDragsEnd, int cx) {
        int sx;
        int sy;
        int ex;
        int ey;
        if (endsely < sely || endsely == sely && endselx < selx) {
            sx = endselx;
            sy = endsely;
            ex = selx;
            ey = sely;
        } else {
            sx = selx;
            sy = sely;
            ex = endselx;
            ey = endsely;
        }
        int eyLast = g.length(ey);
        if (ex > eyLast) {
            ex = eyLast;
        }
        int firstsx;
        int lastex;
        int restsx;
        int restex;
        if (rect) {
            int anchor = cursorDragsEnd ? selx : endselx;
            if (anchor < cx) {
                lastex = emacs ? cx : cx + 1;
                restex = lastex;
                firstsx = anchor;
                restsx = anchor;
            } else {
                lastex = anchor + 1;
                restex = anchor + 1;
                firstsx = cx;
                restsx = cx;
            }
        } else {
            lastex = emacs ? ex : ex + 1;
            restex = g.sx;
            firstsx = sx;
            restsx = 0;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int y = sy; y <= ey; y++) {
            copyLine(g, out, y, y == sy ? firstsx : restsx, y == ey ? lastex : restex);
        }
        if (out.size() == 0) {
            return null;
        }
        byte[] text = out.toByteArray();
        int len = text.length;
        if ((emacs || lastex <= eyLast) && (!g.wrapped(ey) || lastex != eyLast)) {
            len--; // tmux drops the last byte here: the newline of the last line
        }
        return len == 0 ? null : java.util.Arrays.copyOf(text, len);
    }

    private static void copyLine(CopyGrid g, ByteArrayOutputStream out, int y, int sx, int ex) {
        if (sx > ex) {
            return;
        }
        // tmux copies a wrapped line to its allocated size, which for a line the terminal wrapped is
        // the whole width: the cell a wide character did not fit in is copied as a space.
        boolean wrapped = g.wrapped(y) && g.used(y) <= g.sx;
        int xx = wrapped ? g.sx : g.length(y);
        ex = Math.min(ex, xx);
        sx = Math.min(sx, xx);
        for (int x = sx; x < ex; x++) {
            if (!g.padding(x, y)) {
                out.writeBytes(g.text(x, y).getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!wrapped || ex != xx) {
            out.write('\n');
        }
    }
}
