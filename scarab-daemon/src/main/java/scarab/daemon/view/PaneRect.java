package scarab.daemon.view;

import java.util.Objects;

import scarab.daemon.terminal.Screen;

/**
 * One pane of a window as the compositor needs it: its screen and where it sits in the window
 * (tmux's {@code pane_left pane_top pane_width pane_height}, window coordinates). The screen is
 * normally {@code width x height}; a larger one is cropped and a smaller one padded with blank cells.
 */
public record PaneRect(Screen screen, int left, int top, int width, int height, boolean active) {
    public PaneRect {
        Objects.requireNonNull(screen, "screen");
        if (left < 0 || top < 0 || width < 1 || height < 1) {
            throw new IllegalArgumentException("bad pane rectangle " + left + "," + top + " " + width + "x" + height);
        }
    }

    int right() { return left + width; }

    int bottom() { return top + height; }
}
