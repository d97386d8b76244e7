package scarab.daemon.view;

import java.util.List;
import java.util.Objects;

/**
 * What one client shows of a window: the client's terminal size ({@code cols x rows}, the status
 * line included), the window's size, its panes in pane index order (the order decides which pane
 * owns a border cell, as tmux's pane list does: exactly one must be active), and the status line
 * or null for none, on the top or the bottom row.
 *
 * <p>A client smaller than the window (in either direction) sees the part around the active
 * pane's cursor, as tmux pans it ({@link Compositor#offset}); a larger one sees the window from its
 * top-left corner, its right and bottom edges drawn as borders and the rest as {@code ·}.
 */
public record WindowPicture(int cols, int rows, int windowCols, int windowRows, List<PaneRect> panes,
                            StatusLine status, boolean statusTop) {
    public WindowPicture {
        if (cols < 1 || rows < 1) throw new IllegalArgumentException("bad client size " + cols + "x" + rows);
        if (windowCols < 1 || windowRows < 1) {
            throw new IllegalArgumentException("bad window size " + windowCols + "x" + windowRows);
        }
        panes = List.copyOf(Objects.requireNonNull(panes, "panes"));
        if (panes.isEmpty()) throw new IllegalArgumentException("a window has at least one pane");
        long active = panes.stream().filter(PaneRect::active).count();
        if (active != 1) throw new IllegalArgumentException("exactly one pane must be active, not " + active);
    }

    /** A window exactly the size of the client less the status line (the usual case), status at the bottom. */
    public static WindowPicture of(int cols, int rows, List<PaneRect> panes, StatusLine status) {
        return new WindowPicture(cols, rows, cols, Math.max(1, rows - (status != null ? 1 : 0)), panes, status, false);
    }

    PaneRect activePane() {
        for (PaneRect p : panes) if (p.active()) return p;
        throw new IllegalStateException();
    }

    /** Rows of the client used by the window (all but the status line). */
    int windowAreaRows() { return status != null ? Math.max(0, rows - 1) : rows; }

    /** The client row of window row 0. */
    int windowAreaTop() { return status != null && statusTop ? 1 : 0; }

    /** The client row of the status line. */
    int statusRow() { return statusTop ? 0 : rows - 1; }
}
