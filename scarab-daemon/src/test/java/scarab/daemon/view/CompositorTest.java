package scarab.daemon.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import scarab.daemon.terminal.Attr;
import scarab.daemon.terminal.Screen;

class CompositorTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T15:08:00Z"), ZoneOffset.UTC);

    private static Screen screen(int cols, int rows, String text) {
        Screen s = new Screen(cols, rows, 0);
        s.feed(text);
        return s;
    }

    @Test
    void twoPanesSideBySideWithTheDefaultStatusLine() {
        Screen left = screen(15, 5, "left");
        Screen right = screen(14, 5, "right\033[?1h\033[?2004h");
        StatusLine status = StatusLine.of("s", List.of(new StatusLine.WindowEntry(0, "sh", true, false, false)),
                "vm", CLOCK);
        Frame f = Compositor.compose(WindowPicture.of(30, 6, List.of(
                new PaneRect(left, 0, 0, 15, 5, false), new PaneRect(right, 16, 0, 14, 5, true)), status));
        assertEquals(List.of(
                "left           │right         ",
                "               │              ",
                "               │              ",
                "               │              ",
                "               │              ",
                "[s] 0:sh* \"vm\" 15:08 07-Dec-26"), f.lines());
        // with two panes only the half of the border next to the active (second) pane is green
        long green = Attr.withFg(0L, Attr.basic(2));
        assertEquals(0L, f.attr(15, 0));
        assertEquals(0L, f.attr(15, 2));
        assertEquals(green, f.attr(15, 3));
        assertEquals(green, f.attr(15, 4));
        assertEquals(StatusLine.DEFAULT_STYLE, f.attr(0, 5));
        assertEquals(StatusLine.DEFAULT_STYLE, f.attr(9, 5));
        assertEquals(21, f.cursorX());
        assertEquals(0, f.cursorY());
        assertTrue(f.modes().appCursor());
        assertTrue(f.modes().bracketedPaste());
    }

    @Test
    void aNarrowStatusLineLosesTheListThenTheStartOfTheRightPart() {
        StatusLine status = StatusLine.of("s", List.of(new StatusLine.WindowEntry(0, "sh", true, false, false)),
                "vm", CLOCK);
        Frame f = new Frame(20, 1);
        StatusLineLayout.draw(f, 0, status);
        assertEquals("[s]  15:08 07-Dec-26", f.lines().get(0));
    }

    @Test
    void aClientLargerThanTheWindowSeesItsEdgesAndDots() {
        Frame f = Compositor.compose(new WindowPicture(8, 4, 5, 2,
                List.of(new PaneRect(screen(5, 2, "ab"), 0, 0, 5, 2, true)), null, false));
        assertEquals(List.of("ab   │··", "     │··", "─────┘··", "········"), f.lines());
    }

    /**
     * tmux's tty_window_offset: a window taller than the client is seen from where the active
     * pane's cursor is in view (here the window's last rows), with the offset on the status line.
     */
    @Test
    void aWindowLargerThanTheClientIsPannedToTheActivePanesCursor() {
        Screen upper = screen(40, 3, "up");
        Screen lower = screen(40, 2, "low");
        StatusLine status = StatusLine.of("s", List.of(new StatusLine.WindowEntry(0, "sh", true, false, false)),
                "vm", CLOCK);
        Frame f = Compositor.compose(new WindowPicture(40, 4, 40, 6, List.of(new PaneRect(upper, 0, 0, 40, 3, false),
                new PaneRect(lower, 0, 4, 40, 2, true)), status, false));
        assertEquals(List.of("─".repeat(40), "low" + " ".repeat(37), " ".repeat(40),
                "[s] 0:sh*     [0,3] \"vm\" 15:08 07-Dec-26"), f.lines());
        assertEquals(3, f.cursorX());
        assertEquals(1, f.cursorY());
        assertTrue(f.cursorVisible());

        Frame hidden = Compositor.compose(new WindowPicture(40, 3, 40, 6, List.of(new PaneRect(upper, 0, 0, 40, 3, false),
                new PaneRect(screen(40, 2, "low\033[?25l"), 0, 4, 40, 2, true)), null, false));
        assertEquals(List.of("up" + " ".repeat(38), " ".repeat(40), " ".repeat(40)), hidden.lines());
    }

    @Test
    void fourPanesMeetInAJoin() {
        Screen s = screen(4, 2, "");
        Frame f = Compositor.compose(WindowPicture.of(9, 5, List.of(
                new PaneRect(s, 0, 0, 4, 2, true), new PaneRect(s, 5, 0, 4, 2, false),
                new PaneRect(s, 0, 3, 4, 2, false), new PaneRect(s, 5, 3, 4, 2, false)), null));
        assertEquals("────┼────", f.lines().get(2));
        assertEquals("    │    ", f.lines().get(0));
    }

    @Test
    void aWideCharacterCutByThePaneEdgeIsASpaceWithItsAttributes() {
        Screen s = screen(6, 1, "abc\033[31m中");
        Frame f = Compositor.compose(new WindowPicture(4, 1, 4, 1, List.of(new PaneRect(s, 0, 0, 4, 1, true)),
                null, false));
        assertEquals("abc ", f.lines().get(0));
        assertEquals(Attr.withFg(0L, Attr.basic(1)), f.attr(3, 0));
    }

    @Test
    void aLongWindowListKeepsTheCurrentWindowInViewBetweenMarkers() {
        List<StatusLine.WindowEntry> ws = List.of(new StatusLine.WindowEntry(0, "first", false, true, false),
                new StatusLine.WindowEntry(1, "second", false, false, false),
                new StatusLine.WindowEntry(2, "third", true, false, true));
        StatusLine status = StatusLine.of("averylongname", ws, "a title longer than twenty-one", CLOCK);
        assertEquals("[averylongname] ", status.left());
        assertEquals("\"a title longer than t\" 15:08 07-Dec-26", status.right());
        Frame f = new Frame(60, 1);
        StatusLineLayout.draw(f, 0, status);
        // left cut to 10 cells; the list "0:first- 1:second  2:third*Z" cut around the current window
        assertEquals("[averylong< 2:third*Z\"a title longer than t\" 15:08 07-Dec-26", f.lines().get(0));
    }

    @Test
    void aPictureNeedsExactlyOneActivePane() {
        Screen s = screen(2, 2, "");
        assertThrows(IllegalArgumentException.class, () -> WindowPicture.of(5, 3,
                List.of(new PaneRect(s, 0, 0, 2, 2, false)), null));
        assertFalse(Compositor.compose(WindowPicture.of(5, 3,
                List.of(new PaneRect(screen(2, 2, "\033[?25l"), 0, 0, 2, 2, true)), null)).cursorVisible());
    }
}
