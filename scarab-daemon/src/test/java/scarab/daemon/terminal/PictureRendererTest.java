package scarab.daemon.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PictureRendererTest {
    /** A 20x8 screen whose row y reads "rY" followed by letters, with the cursor at (col, row). */
    private static Screen numbered(int col, int row) {
        Screen s = new Screen(20, 8, 100);
        for (int y = 0; y < 8; y++) {
            s.feed("\033[" + (y + 1) + ";1H\033[1mr" + y + "\033[0m-abcdefghijklmnopq");
        }
        s.feed("\033[" + (row + 1) + ";" + (col + 1) + "H");
        return s;
    }

    private static Screen shown(byte[] picture, int cols, int rows) {
        Screen t = new Screen(cols, rows, 0);
        t.feed(picture);
        return t;
    }

    private static List<String> crop(List<String> lines, int ox, int oy, int cols, int rows) {
        List<String> out = new ArrayList<>();
        for (int y = oy; y < oy + rows; y++) {
            String l = lines.get(y);
            out.add(l.substring(Math.min(ox, l.length()), Math.min(ox + cols, l.length())).stripTrailing());
        }
        return out;
    }

    @Test
    void aSmallerTerminalSeesTheTopLeftWhileTheCursorIsThere() {
        Screen s = numbered(3, 2);
        Screen t = shown(PictureRenderer.render(s, 12, 5), 12, 5);
        assertEquals(crop(s.capture(CaptureOptions.visible()), 0, 0, 12, 5), t.capture(CaptureOptions.visible()));
        assertEquals(3, t.cursorX());
        assertEquals(2, t.cursorY());
    }

    @Test
    void aSmallerTerminalFollowsTheCursorToTheFarEdge() {
        Screen s = numbered(19, 7);
        Screen t = shown(PictureRenderer.render(s, 12, 5), 12, 5);
        assertEquals(crop(s.capture(CaptureOptions.visible()), 8, 3, 12, 5), t.capture(CaptureOptions.visible()));
        assertEquals(11, t.cursorX());
        assertEquals(4, t.cursorY());
    }

    @Test
    void aLargerTerminalSeesTheWholeScreenPaddedWithBlanks() {
        Screen s = numbered(5, 6);
        Screen t = shown(PictureRenderer.render(s, 30, 12), 30, 12);
        List<String> expected = new ArrayList<>(s.capture(CaptureOptions.visible()));
        while (expected.size() < 12) {
            expected.add("");
        }
        assertEquals(expected, t.capture(CaptureOptions.visible()));
        assertEquals(5, t.cursorX());
        assertEquals(6, t.cursorY());
    }

    @Test
    void aWideCharacterCutByTheEdgeShowsAsBlank() {
        Screen s = new Screen(20, 3, 0);
        s.feed("abcdefghij\u4e00xyz\033[H");
        Screen t = shown(PictureRenderer.render(s, 11, 3), 11, 3);
        assertEquals("abcdefghij", t.capture(CaptureOptions.visible()).get(0));
    }

    @Test
    void offsetsAreTmuxs() {
        assertEquals(0, PictureRenderer.offset(10, 30, 40));
        assertEquals(0, PictureRenderer.offset(25, 30, 26));
        assertEquals(4, PictureRenderer.offset(29, 30, 26));
        assertEquals(37, PictureRenderer.offset(50, 100, 26));
    }
}
