package scarab.daemon.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import scarab.daemon.terminal.Attr;

/**
 * Overlays as tmux 3.3a draws them; the positions of display-panes' digits and size are those a
 * tmux client of 80x19 shows after {@code split-window -h} (panes 40x19 and 39x19).
 */
class OverlayPainterTest {
    @Test
    void aPromptCoversTheLastRowWithItsCursorReversed() {
        Frame f = new Frame(20, 3);
        OverlayPainter.paint(f, new Overlay.Line("(rename-window) sh", 17), List.of());
        assertEquals("(rename-window) sh  ", f.lines().get(2));
        for (int x = 0; x < 20; x++) {
            long expected = x == 17 ? OverlayPainter.MESSAGE_STYLE | Attr.REVERSE : OverlayPainter.MESSAGE_STYLE;
            assertEquals(expected, f.attr(x, 2), "cell " + x);
        }
        assertEquals(17, f.cursorX());
        assertEquals(2, f.cursorY());
        assertTrue(f.cursorVisible());
        assertEquals("                    ", f.lines().get(1), "only the last row");
    }

    @Test
    void aMessageHasNoCursorAndIsCutAtTheEdge() {
        Frame f = new Frame(10, 2);
        OverlayPainter.paint(f, new Overlay.Line("Unknown command: x", -1), List.of());
        assertEquals("Unknown co", f.lines().get(1));
        assertEquals(0, f.cursorY(), "the cursor stays where the panes put it");
        assertFalse((f.attr(0, 1) & Attr.REVERSE) != 0);
    }

    @Test
    void paneNumbersInBigDigitsWithTheSizeInTheCorner() {
        Frame f = new Frame(80, 19);
        OverlayPainter.paint(f, new Overlay.PaneNumbers(), List.of(new OverlayPainter.PaneLabel(0, 0, 40, 19, 0, false),
                new OverlayPainter.PaneLabel(41, 0, 39, 19, 1, true)));
        long blue = Attr.withBg(0L, Attr.basic(4));
        long red = Attr.withBg(0L, Attr.basic(1));
        assertEquals("40x19", f.lines().get(0).substring(35, 40));
        assertEquals(Attr.withFg(0L, Attr.basic(4)), f.attr(35, 0));
        assertEquals("39x19", f.lines().get(0).substring(75, 80));
        assertEquals(Attr.withFg(0L, Attr.basic(1)), f.attr(75, 0));
        String[] zero = {"11111", "10001", "10001", "10001", "11111"};
        for (int j = 0; j < 5; j++) {
            for (int i = 0; i < 5; i++) {
                assertEquals(zero[j].charAt(i) == '1' ? blue : 0L, f.attr(17 + i, 7 + j), "0 at " + i + "," + j);
                assertEquals(i == 4 ? red : 0L, f.attr(57 + i, 7 + j), "1 at " + i + "," + j);
            }
        }
    }

    @Test
    void aSmallPaneGetsThePlainNumber() {
        Frame f = new Frame(10, 4);
        OverlayPainter.paint(f, new Overlay.PaneNumbers(), List.of(new OverlayPainter.PaneLabel(0, 0, 10, 4, 12, false)));
        assertEquals("    12    ", f.lines().get(2));
        assertEquals(Attr.withFg(0L, Attr.basic(4)), f.attr(4, 2));
    }
}
