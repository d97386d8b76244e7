package scarab.daemon.copy;

/**
 * Which cells a selection covers when drawn (tmux's screen_check_selection), in the snapshot's
 * coordinates: from the start to the end, the end's cell left out with emacs keys; a rectangle
 * takes the columns between the two ends on every line between them.
 */
final class SelectionShape {
    private SelectionShape() {}

    static boolean contains(int sx, int sy, int ex, int ey, boolean rect, boolean emacs, int px, int py) {
        if (rect) {
            if (py < Math.min(sy, ey) || py > Math.max(sy, ey)) {
                return false;
            }
            return px >= Math.min(sx, ex) && px <= Math.max(sx, ex);
        }
        if (sy < ey) {
            if (py < sy || py > ey || py == sy && px < sx) {
                return false;
            }
            int xx = emacs ? (ex == 0 ? 0 : ex - 1) : ex;
            return !(py == ey && px > xx);
        }
        if (sy > ey) {
            if (py > sy || py < ey || py == ey && px < ex) {
                return false;
            }
            int xx = emacs ? sx - 1 : sx;
            return !(py == sy && (sx == 0 || px > xx));
        }
        if (py != sy) {
            return false;
        }
        if (ex < sx) {
            int xx = emacs ? sx - 1 : sx;
            return px <= xx && px >= ex;
        }
        int xx = emacs ? (ex == 0 ? 0 : ex - 1) : ex;
        return px >= sx && px <= xx;
    }
}
