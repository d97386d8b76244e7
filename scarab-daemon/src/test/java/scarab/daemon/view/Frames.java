package scarab.daemon.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import scarab.daemon.terminal.Attr;
import scarab.daemon.terminal.Screen;

/** Random frames for the diff tests, and the check that a terminal shows a frame. */
final class Frames {
    private Frames() {}

    private static final int[] WIDE = {0x4e00, 0x4e2d, 0x6587, 0x1f600, 0xac00};
    private static final int[] COMBINING = {0x0301, 0x0308, 0x20d7};
    private static final long[] ATTRS = {0L, Attr.BOLD, Attr.withFg(0L, Attr.basic(1)),
            Attr.withBg(Attr.withFg(0L, Attr.basic(0)), Attr.basic(2)), Attr.REVERSE | Attr.withFg(0L, Attr.palette(200)),
            Attr.withUnderline(Attr.ITALIC, 1), Attr.withFg(0L, Attr.rgb(10, 20, 30))};

    static Frame random(Random r, int cols, int rows) {
        Frame f = new Frame(cols, rows);
        for (int y = 0; y < rows; y++) fillRow(r, f, y);
        f.cursor(r.nextInt(cols), r.nextInt(rows), r.nextBoolean(), r.nextInt(4) == 0 ? 1 + r.nextInt(6) : 0);
        f.modes(randomModes(r));
        return f;
    }

    /** A copy of {@code a} with a few rows, cells, the cursor or the modes changed. */
    static Frame mutate(Random r, Frame a) {
        Frame b = copy(a);
        int changes = r.nextInt(6);
        for (int k = 0; k < changes; k++) {
            int y = r.nextInt(a.rows());
            switch (r.nextInt(4)) {
                case 0 -> fillRow(r, b, y);
                case 1 -> randomCell(r, b, r.nextInt(a.cols()), y);
                case 2 -> b.cursor(r.nextInt(a.cols()), r.nextInt(a.rows()), r.nextBoolean(), r.nextInt(3));
                default -> b.modes(randomModes(r));
            }
        }
        return b;
    }

    static Frame copy(Frame a) {
        Frame b = new Frame(a.cols(), a.rows());
        for (int y = 0; y < a.rows(); y++) {
            for (int x = 0; x < a.cols(); x++) {
                int c = a.codePoint(x, y);
                if (c != Frame.PADDING) b.set(x, y, c, a.combining(x, y), a.attr(x, y), a.underlineColour(x, y));
            }
        }
        b.cursor(a.cursorX(), a.cursorY(), a.cursorVisible(), a.cursorStyle());
        b.modes(a.modes());
        return b;
    }

    private static void fillRow(Random r, Frame f, int y) {
        for (int x = 0; x < f.cols(); x++) randomCell(r, f, x, y);
    }

    private static void randomCell(Random r, Frame f, int x, int y) {
        long a = ATTRS[r.nextInt(ATTRS.length)];
        int us = r.nextInt(10) == 0 ? Attr.palette(r.nextInt(256)) : 0;
        int kind = r.nextInt(10);
        if (kind == 0 && x + 1 < f.cols()) {
            f.set(x, y, WIDE[r.nextInt(WIDE.length)], null, a, us);
        } else if (kind == 1) {
            f.set(x, y, 'a' + r.nextInt(26), new int[]{COMBINING[r.nextInt(COMBINING.length)]}, a, us);
        } else if (kind < 5) {
            f.set(x, y, 0, null, a, us);
        } else {
            f.set(x, y, '!' + r.nextInt(94), null, a, us);
        }
    }

    private static Modes randomModes(Random r) {
        int[] mice = {0, 1000, 1002, 1003};
        return new Modes(r.nextBoolean(), r.nextBoolean(), mice[r.nextInt(4)], r.nextBoolean(), r.nextBoolean(),
                r.nextBoolean(), r.nextBoolean());
    }

    /** Feeds bytes into a fresh terminal of the frame's size. */
    static Screen decode(int cols, int rows, byte[]... parts) {
        Screen s = new Screen(cols, rows, 0);
        for (byte[] p : parts) s.feed(p);
        return s;
    }

    /** The terminal shows exactly the frame: every cell, the cursor and the modes. */
    static void assertShows(Frame f, Screen s) {
        int cols = f.cols();
        int[] cps = new int[cols];
        long[] attrs = new long[cols];
        int[] us = new int[cols];
        int[][] comb = new int[cols][];
        for (int y = 0; y < f.rows(); y++) {
            s.copyCells(y, 0, cols, cps, attrs, us, comb, 0);
            for (int x = 0; x < cols; x++) {
                String where = "cell " + x + "," + y;
                assertEquals(f.text(x, y), s.cellText(x, y), where);
                if (f.codePoint(x, y) == Frame.PADDING) continue; // drawn with its wide character
                assertEquals(f.attr(x, y), attrs[x], where + " attributes");
                assertEquals(f.underlineColour(x, y), us[x], where + " underline colour");
            }
        }
        if (f.cursorVisible()) {
            assertEquals(f.cursorX(), s.cursorX(), "cursor x");
            assertEquals(f.cursorY(), s.cursorY(), "cursor y");
        }
        assertEquals(f.cursorVisible(), s.cursorVisible(), "cursor visible");
        assertEquals(f.cursorStyle(), s.cursorStyle(), "cursor style");
        assertEquals(f.modes(), Modes.of(s), "modes");
    }
}
