package scarab.daemon.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import scarab.daemon.terminal.Attr;
import scarab.daemon.terminal.Screen;

class FrameDiffTest {
    @Test
    void aFullDrawShowsTheFrame() {
        Random r = new Random(1);
        for (int n = 0; n < 200; n++) {
            int cols = 1 + r.nextInt(30), rows = 1 + r.nextInt(12);
            Frame f = Frames.random(r, cols, rows);
            Frames.assertShows(f, Frames.decode(cols, rows, FrameDiff.diff(null, f)));
        }
    }

    @Test
    void aDiffTurnsOnePictureIntoTheOther() {
        Random r = new Random(2);
        for (int n = 0; n < 500; n++) {
            int cols = 1 + r.nextInt(30), rows = 1 + r.nextInt(12);
            Frame a = Frames.random(r, cols, rows);
            Frame b = r.nextBoolean() ? Frames.random(r, cols, rows) : Frames.mutate(r, a);
            byte[] full = FrameDiff.diff(null, a);
            byte[] step = FrameDiff.diff(a, b);
            Screen viaDiff = Frames.decode(cols, rows, full, step);
            Frames.assertShows(b, viaDiff);
            Frames.assertShows(b, Frames.decode(cols, rows, FrameDiff.diff(null, b)));
        }
    }

    @Test
    void aChainOfDiffsKeepsTheTerminalRight() {
        Random r = new Random(3);
        Frame a = Frames.random(r, 40, 10);
        TerminalWriter w = new TerminalWriter();
        Screen terminal = new Screen(40, 10, 0);
        terminal.feed(w.update(a));
        for (int n = 0; n < 300; n++) {
            Frame b = Frames.mutate(r, w.shadow());
            terminal.feed(w.update(b));
            Frames.assertShows(b, terminal);
        }
    }

    @Test
    void anUnchangedFrameGivesNoBytes() {
        Random r = new Random(4);
        for (int n = 0; n < 50; n++) {
            Frame a = Frames.random(r, 1 + r.nextInt(30), 1 + r.nextInt(12));
            assertEquals(0, FrameDiff.diff(a, Frames.copy(a)).length);
            assertEquals(0, FrameDiff.diff(a, a).length);
        }
    }

    @Test
    void oneChangedCellCostsAMoveAndTheCell() {
        Frame a = new Frame(80, 24);
        Frame b = Frames.copy(a);
        b.set(10, 5, 'x', null, 0L, 0);
        String bytes = new String(FrameDiff.diff(a, b), StandardCharsets.UTF_8);
        // to the cell, the cell, back to the cursor at the origin
        assertEquals("\033[6;11Hx\033[H", bytes);
    }

    @Test
    void thePenIsSetOnlyWhenItChanges() {
        Frame a = new Frame(20, 2);
        Frame b = Frames.copy(a);
        long red = Attr.withFg(0L, Attr.basic(1));
        for (int x = 0; x < 5; x++) b.set(x, 1, 'a' + x, null, red, 0);
        String bytes = new String(FrameDiff.diff(a, b), StandardCharsets.UTF_8);
        assertEquals("\r\n\033[0;31mabcde\033[0m\033[H", bytes);
    }

    @Test
    void aWideCharacterReplacingTwoNarrowOnesAndBackIsRight() {
        Frame a = new Frame(10, 1);
        a.set(3, 0, 'a', null, 0L, 0);
        a.set(4, 0, 'b', null, 0L, 0);
        Frame b = Frames.copy(a);
        b.set(3, 0, 0x4e2d, null, 0L, 0);
        Screen t = Frames.decode(10, 1, FrameDiff.diff(null, a), FrameDiff.diff(a, b));
        Frames.assertShows(b, t);
        Frame c = Frames.copy(b);
        c.set(4, 0, 'z', null, 0L, 0); // overwrites the right half: the left half becomes blank
        assertEquals(0, c.codePoint(3, 0));
        t.feed(FrameDiff.diff(b, c));
        Frames.assertShows(c, t);
        assertTrue(FrameDiff.diff(c, Frames.copy(c)).length == 0);
    }
}
