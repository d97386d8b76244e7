package scarab.daemon.layout;

/** Where one pane sits in its window, as tmux's pane_left, pane_top, pane_width, pane_height. */
public record PaneGeometry(int paneId, int left, int top, int width, int height) {
}
