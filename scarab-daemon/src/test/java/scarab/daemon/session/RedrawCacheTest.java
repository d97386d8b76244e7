package scarab.daemon.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import scarab.daemon.terminal.Renderer;
import scarab.daemon.terminal.Screen;

/** A kept redraw is sent again only while its screen is exactly as it was rendered. */
class RedrawCacheTest {
    private static int nextId = 1_000_000; // pane ids of their own: the cache is shared

    @Test
    void anUnchangedScreenGetsTheSameBytesAgain() {
        int id = nextId++;
        Screen s = screen();
        byte[] first = RedrawCache.render(id, s);
        assertArrayEquals(Renderer.render(s), first);
        assertSame(first, RedrawCache.render(id, s));
    }

    @Test
    void anyChangeIsRenderedAfresh() {
        int id = nextId++;
        Screen s = screen();
        for (String change : new String[] {"x", "\033[5;7H", "\r", "\033[?1h", "\033=", "\033[1m", "\0337",
                "\033]2;title\007", "\033[3g", "\033[2;5r"}) {
            byte[] before = RedrawCache.render(id, s);
            s.feed(change);
            byte[] after = RedrawCache.render(id, s);
            assertArrayEquals(Renderer.render(s), after, "after " + change.replace("\033", "ESC"));
            assertFalse(Arrays.equals(before, after), "the redraw shows " + change.replace("\033", "ESC"));
        }
    }

    @Test
    void aResizeOrAnotherScreenOfThePaneIsRenderedAfresh() {
        int id = nextId++;
        Screen s = screen();
        RedrawCache.render(id, s);
        s.resize(30, 8);
        assertArrayEquals(Renderer.render(s), RedrawCache.render(id, s));
        Screen other = new Screen(30, 8, 100);
        other.feed("another screen");
        assertArrayEquals(Renderer.render(other), RedrawCache.render(id, other));
    }

    private static Screen screen() {
        Screen s = new Screen(40, 10, 100);
        s.feed("a line\r\nanother line\r\n$ ");
        return s;
    }
}
