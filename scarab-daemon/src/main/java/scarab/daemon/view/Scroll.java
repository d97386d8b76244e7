package scarab.daemon.view;

/**
 * A hint for {@link FrameDiff}: rows {@code top..bottom} of the frame (the whole width) show what
 * rows {@code top + lines..bottom} of the previous frame showed, moved up, as a full-width pane
 * does when its program scrolls. The terminal can then be told to scroll its own rows (a scroll
 * region and line feeds) instead of being sent them again.
 */
public record Scroll(int top, int bottom, int lines) {
    public Scroll {
        if (top < 0 || bottom < top || lines < 1 || lines > bottom - top) {
            throw new IllegalArgumentException("bad scroll " + top + ".." + bottom + " by " + lines);
        }
    }
}
