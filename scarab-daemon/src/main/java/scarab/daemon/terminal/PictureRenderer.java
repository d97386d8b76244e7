package scarab.daemon.terminal;

import java.nio.charset.StandardCharsets;

/**
 * Paints a {@link Screen} on a terminal of another size: the part of the screen that fits,
 * cropped when the terminal is smaller and padded with blank space when it is larger, as tmux
 * shows a window to a client of another size. Only the picture and the modes that decide what
 * the terminal sends (cursor keys, keypad, paste, mouse, focus) are reproduced: nothing of the
 * program's own output follows a picture, so the state that output would rely on (scroll region,
 * saved cursor, tab stops, insert mode) is left out.
 *
 * <p>When the terminal is smaller, the part shown keeps the cursor in view the way tmux 3.3a
 * chooses it ({@code tty_window_offset}): from the top-left corner while the cursor is within the
 * first screenful, against the far edge when it is within the last, else centred on it.
 *
 * <p>The caller must hold the screen's lock.
 */
public final class PictureRenderer {
    private PictureRenderer() {}

    public static byte[] render(Screen s, int cols, int rows) {
        Screen view = new Screen(cols, rows, 0);
        int cursorX = Math.min(s.cx, s.cols - 1);
        int ox = offset(cursorX, s.cols, cols);
        int oy = offset(s.cy, s.rows, rows);
        int shown = Math.min(rows, s.rows - oy);
        for (int y = 0; y < shown; y++) {
            view.lines[y] = crop(s.lines[oy + y], ox, Math.min(cols, s.cols - ox));
        }
        view.cx = cursorX - ox;
        view.cy = s.cy - oy;
        view.mode = s.mode & ~(Screen.MODE_ORIGIN | Screen.MODE_INSERT);
        view.cursorStyle = s.cursorStyle;
        view.pen = s.pen;
        view.penUs = s.penUs;
        view.g0 = s.g0;
        view.g1 = s.g1;
        view.charsetSet = s.charsetSet;
        if (!s.title().isEmpty()) {
            view.feed("\033]2;" + s.title() + "\033\\");
        }
        // The alternate screen as the program has it, so that leaving the session leaves the
        // terminal's own screen and scrollback as they were.
        byte[] screenSwitch = (s.altSaved != null ? "\033[?1049h" : "\033[?1049l").getBytes(StandardCharsets.US_ASCII);
        byte[] picture = Renderer.render(view);
        byte[] out = new byte[screenSwitch.length + picture.length];
        System.arraycopy(screenSwitch, 0, out, 0, screenSwitch.length);
        System.arraycopy(picture, 0, out, screenSwitch.length, picture.length);
        return out;
    }

    /** The first column (or row) shown of a screen {@code size} long on a terminal {@code shown} long. */
    static int offset(int cursor, int size, int shown) {
        if (size <= shown || cursor < shown) {
            return 0;
        }
        if (cursor > size - shown) {
            return size - shown;
        }
        return cursor - shown / 2;
    }

    /** The cells {@code from} to {@code from + width} of a line; a wide character cut in two shows as blank. */
    private static Line crop(Line l, int from, int width) {
        Line c = new Line();
        if (l.cp == null || width <= 0) {
            return c;
        }
        c.alloc(width);
        int n = Math.max(0, Math.min(width, l.cp.length - from));
        System.arraycopy(l.cp, from, c.cp, 0, n);
        System.arraycopy(l.at, from, c.at, 0, n);
        for (int x = 0; x < n; x++) {
            int[] comb = l.comb(from + x);
            if (comb != null) {
                c.setComb(x, comb);
            }
            int us = l.us(from + x);
            if (us != 0) {
                c.setUs(x, us);
            }
        }
        if (n > 0 && c.cp[0] == Line.PADDING) {
            c.cp[0] = 0;
            c.setComb(0, null);
        }
        if (n == width && n > 0 && c.cp[n - 1] > 0 && CharWidth.of(c.cp[n - 1]) == 2) {
            c.cp[n - 1] = 0;
            c.setComb(n - 1, null);
        }
        c.used = Math.max(0, Math.min(width, l.used - from));
        c.cellsize = c.used;
        c.ext = l.ext;
        return c;
    }
}
