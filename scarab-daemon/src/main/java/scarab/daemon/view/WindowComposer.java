package scarab.daemon.view;

import java.util.ArrayList;
import java.util.List;

import scarab.daemon.terminal.Screen;

/**
 * Composes one client's pictures one after another, redrawing only the pane rows that changed.
 * It keeps the last frame and, for every pane row it shows, the {@link Screen#rowStamp} it was
 * drawn from: while nothing that places things changes (the client's and the window's sizes, the
 * panes' places and screens, the active pane, the offset, the status line), the next frame is the
 * last one with the rows whose stamp changed drawn again, the cursor and modes set again. A
 * full-width pane whose rows moved up (its program scrolled) copies them from the last frame and
 * reports a {@link Scroll}, so that the terminal moves them itself. Anything else composes the
 * whole picture ({@link Compositor#compose}).
 *
 * <p>One per client, used by one thread at a time (the caller's lock), which holds the panes'
 * screen locks while {@link #compose} runs, as for {@link Compositor}.
 */
public final class WindowComposer {
    /** What decides where everything is drawn: while it stays the same, only rows can change. */
    private record Shape(int cols, int rows, int windowCols, int windowRows, boolean statusTop,
                         Compositor.Offset offset, StatusLine status, List<Place> panes) {}

    /** A pane's place; the screen by identity (a record of a class without equals). */
    private record Place(Screen screen, int left, int top, int width, int height, boolean active, int screenCols,
                         int screenRows) {}

    /** A picture and the rows of it that are rows of the previous one moved up. */
    public record Composed(Frame frame, Frame from, List<Scroll> scrolls) {}

    private Frame last;
    private Shape shape;
    private long[][] drawn; // per pane, the stamp each shown row was drawn from

    /** Forgets the last picture: the next one is composed whole. */
    public void forget() {
        last = null;
        shape = null;
        drawn = null;
    }

    public Composed compose(WindowPicture p) {
        int top = p.windowAreaTop();
        int areaRows = p.windowAreaRows();
        Compositor.Offset o = Compositor.offset(p, areaRows);
        Shape now = shape(p, o);
        List<PaneRect> panes = p.panes();
        if (last == null || !now.equals(shape)) {
            Frame f = Compositor.compose(p);
            drawn = new long[panes.size()][];
            for (int i = 0; i < panes.size(); i++) drawn[i] = stamps(panes.get(i), Compositor.PaneRows.of(f, panes.get(i), o, areaRows));
            shape = now;
            Frame from = last;
            last = f;
            return new Composed(f, from, List.of());
        }
        Frame f = last.copy();
        List<Scroll> scrolls = new ArrayList<>(1);
        for (int i = 0; i < panes.size(); i++) {
            PaneRect pane = panes.get(i);
            Compositor.PaneRows rows = Compositor.PaneRows.of(f, pane, o, areaRows);
            long[] before = drawn[i];
            long[] after = stamps(pane, rows);
            int firstRow = top + rows.y0() - o.y();
            boolean fullWidth = rows.x0() - o.x() == 0 && rows.width() == f.cols();
            int moved = fullWidth ? movedUp(before, after) : 0;
            for (int k = 0; k < after.length; k++) {
                long stamp = after[k];
                if (stamp != 0 && stamp == before[k]) continue;
                if (moved > 0 && k + moved < after.length && stamp != 0 && stamp == before[k + moved]) {
                    f.copyRow(last, firstRow + k + moved, firstRow + k);
                    continue;
                }
                Compositor.drawPaneRow(f, pane, o, top, rows, rows.y0() + k);
            }
            if (moved > 0) scrolls.add(new Scroll(firstRow, firstRow + after.length - 1, moved));
            drawn[i] = after;
        }
        Compositor.placeCursor(f, p, o, top, areaRows);
        Frame from = last;
        last = f;
        return new Composed(f, from, scrolls);
    }

    private static Shape shape(WindowPicture p, Compositor.Offset o) {
        List<Place> places = new ArrayList<>(p.panes().size());
        for (PaneRect r : p.panes()) {
            places.add(new Place(r.screen(), r.left(), r.top(), r.width(), r.height(), r.active(), r.screen().cols(),
                    r.screen().rows()));
        }
        return new Shape(p.cols(), p.rows(), p.windowCols(), p.windowRows(), p.statusTop(), o, p.status(), places);
    }

    /** The stamps of the pane's shown rows, in order. */
    private static long[] stamps(PaneRect pane, Compositor.PaneRows rows) {
        long[] s = new long[rows.height()];
        for (int k = 0; k < s.length; k++) s[k] = pane.screen().rowStamp(rows.y0() + k - pane.top());
        return s;
    }

    /**
     * How many rows the pane's lines moved up since they were drawn: the distance to where the
     * first row drawn from a line seen before was (stamps are unique in a screen), 0 if none moved up.
     */
    private static int movedUp(long[] before, long[] after) {
        for (int k = 0; k < after.length; k++) {
            long stamp = after[k];
            if (stamp == 0 || stamp == before[k]) continue;
            for (int j = k + 1; j < before.length; j++) {
                if (before[j] == stamp) return j - k;
            }
        }
        return 0;
    }
}
