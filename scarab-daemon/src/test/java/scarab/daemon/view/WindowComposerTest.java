package scarab.daemon.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import scarab.daemon.terminal.Screen;
import scarab.daemon.terminal.ScreenOps;

/**
 * Pictures composed from the rows that changed, and sent as the bytes from the last one (with the
 * scroll region for a full-width pane that scrolled), against the whole picture: after random
 * output in random panes, the terminal fed every update (the project's own emulator as the
 * model) shows exactly what a full compose shows, and the composed frame is that frame.
 */
class WindowComposerTest {
    private static final StatusLine STATUS = StatusLine.of("s",
            List.of(new StatusLine.WindowEntry(0, "sh", true, false, false)), "vm",
            Clock.fixed(Instant.parse("2026-12-07T15:08:00Z"), ZoneOffset.UTC));

    @Test
    void updatesShowWhatAWholePictureShows() {
        long seed = Long.getLong("composer.seed", System.nanoTime());
        Random r = new Random(seed);
        int scrolled = 0;
        for (int n = 0; n < 30; n++) {
            scrolled += oneWindow(r, "seed " + seed + " case " + n);
        }
        assertTrue(scrolled > 0, "seed " + seed + ": some updates scrolled with the terminal's scroll region");
    }

    /** Runs a window through random output; returns how many updates used a scroll region. */
    private static int oneWindow(Random r, String label) {
        int cols = 6 + r.nextInt(50), rows = 7 + r.nextInt(16);
        int area = rows - 1;
        List<PaneRect> panes = layout(r, cols, area);
        List<Screen> screens = new ArrayList<>();
        for (PaneRect p : panes) screens.add(p.screen());
        WindowComposer composer = new WindowComposer();
        TerminalWriter writer = new TerminalWriter();
        Screen terminal = new Screen(cols, rows, 0);
        int active = 0;
        int scrolled = 0;
        for (int step = 0; step < 150; step++) {
            int which = r.nextInt(panes.size());
            Screen s = screens.get(which);
            if (r.nextInt(3) == 0) {
                // a flood: whole lines, as cat prints them, each unlike the others
                StringBuilder sb = new StringBuilder();
                for (int k = r.nextInt(s.rows() + 3); k >= 0; k--) {
                    sb.append(k).append(' ').append(Long.toString(r.nextLong() & Long.MAX_VALUE, 36).repeat(3)).append("\r\n");
                }
                s.feed(sb.toString());
            } else {
                s.feed(ScreenOps.random(r, s.cols(), s.rows()));
            }
            if (r.nextInt(25) == 0) active = r.nextInt(panes.size());
            if (r.nextInt(60) == 0) writer.invalidate();
            WindowPicture p = WindowPicture.of(cols, rows, withActive(panes, active), r.nextInt(40) == 0 ? null : STATUS);
            WindowComposer.Composed c = composer.compose(p);
            byte[] bytes = writer.update(c.frame(), c.from(), c.scrolls());
            if (new String(bytes, StandardCharsets.UTF_8).contains("\033[r")) scrolled++;
            terminal.feed(bytes);
            Frame whole = Compositor.compose(p);
            assertEquals(whole.lines(), c.frame().lines(), label + " step " + step);
            try {
                Frames.assertShows(whole, terminal);
                Frames.assertShows(c.frame(), Frames.decode(cols, rows, FrameDiff.diff(null, c.frame())));
            } catch (AssertionError e) {
                throw new AssertionError(label + " step " + step + ": " + e.getMessage(), e);
            }
        }
        return scrolled;
    }

    /** A full-width pane on top and two side by side below, two stacked, or two side by side. */
    private static List<PaneRect> layout(Random r, int cols, int area) {
        List<PaneRect> panes = new ArrayList<>();
        int h1 = 1 + r.nextInt(area - 2);
        int h2 = area - h1 - 1;
        switch (r.nextInt(3)) {
            case 0 -> {
                int w1 = 1 + r.nextInt(cols - 2);
                panes.add(pane(0, 0, cols, h1));
                panes.add(pane(0, h1 + 1, w1, h2));
                panes.add(pane(w1 + 1, h1 + 1, cols - w1 - 1, h2));
            }
            case 1 -> {
                panes.add(pane(0, 0, cols, h1));
                panes.add(pane(0, h1 + 1, cols, h2));
            }
            default -> {
                int w1 = 1 + r.nextInt(cols - 2);
                panes.add(pane(0, 0, w1, area));
                panes.add(pane(w1 + 1, 0, cols - w1 - 1, area));
            }
        }
        return panes;
    }

    private static PaneRect pane(int left, int top, int width, int height) {
        return new PaneRect(new Screen(width, height, 100), left, top, width, height, false);
    }

    private static List<PaneRect> withActive(List<PaneRect> panes, int active) {
        List<PaneRect> out = new ArrayList<>();
        for (int i = 0; i < panes.size(); i++) {
            PaneRect p = panes.get(i);
            out.add(new PaneRect(p.screen(), p.left(), p.top(), p.width(), p.height(), i == active));
        }
        return out;
    }
}
