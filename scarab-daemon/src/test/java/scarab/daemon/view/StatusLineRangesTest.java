package scarab.daemon.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Which window's name a click on the status line falls on: the cells {@link StatusLineLayout#draw} gives it. */
class StatusLineRangesTest {
    private static StatusLine line(int windows, int current, String name) {
        List<StatusLine.WindowEntry> ws = new ArrayList<>();
        for (int i = 0; i < windows; i++) {
            ws.add(new StatusLine.WindowEntry(i, name + i, i == current, false, false));
        }
        return new StatusLine("[s] ", "\"host\" 12:00 01-Jan-27", ws, StatusLine.DEFAULT_STYLE);
    }

    @Test
    void namesAndTheSpacesBetweenThem() {
        StatusLine s = line(2, 0, "sh"); // "[s] 0:sh0* 1:sh1 " (a window without flags ends with a space)
        assertEquals(-1, s.windowAt(80, 3), "the left part");
        for (int x = 4; x < 10; x++) {
            assertEquals(0, s.windowAt(80, x));
        }
        assertEquals(-1, s.windowAt(80, 10), "the separator");
        for (int x = 11; x < 17; x++) {
            assertEquals(1, s.windowAt(80, x));
        }
        assertEquals(-1, s.windowAt(80, 17));
        assertEquals(-1, s.windowAt(80, 79), "the right part");
    }

    /** On a narrow line with a cut list, each cell said to be a window's shows a character of that window's label. */
    @Test
    void aCutListAgreesWithWhatIsDrawn() {
        Random r = new Random(7);
        for (int round = 0; round < 300; round++) {
            int n = 1 + r.nextInt(12);
            int current = r.nextInt(n);
            StatusLine s = line(n, current, "w".repeat(1 + r.nextInt(6)));
            int cols = 20 + r.nextInt(60);
            Frame f = new Frame(cols, 1);
            StatusLineLayout.draw(f, 0, s);
            StringBuilder text = new StringBuilder();
            for (int x = 0; x < cols; x++) {
                int c = f.codePoint(x, 0);
                text.append(c == 0 ? ' ' : (char) c);
            }
            String row = text.toString();
            for (int x = 0; x < cols; x++) {
                int w = s.windowAt(cols, x);
                if (w >= 0) {
                    String label = s.windows().get(w).label();
                    assertEquals(true, label.indexOf(row.charAt(x)) >= 0,
                            "round " + round + " x " + x + " row '" + row + "' window " + w);
                } else if (x >= 4 && row.charAt(x) != ' ' && row.charAt(x) != '<' && row.charAt(x) != '>'
                        && x < cols - s.right().length()) {
                    throw new AssertionError("round " + round + " x " + x + " row '" + row + "' has no window");
                }
            }
        }
    }
}
