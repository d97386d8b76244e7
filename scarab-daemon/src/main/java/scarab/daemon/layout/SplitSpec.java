package scarab.daemon.layout;

/**
 * The geometry flags of split-window: {@code horizontal} is -h (panes side by side, left-right),
 * otherwise -v (top-bottom); {@code before} is -b; {@code full} is -f (split the whole window);
 * {@code size} is -l N in cells or, with {@code percent}, -l N% of the pane (of the window with
 * -f); a null size splits in half.
 */
public record SplitSpec(boolean horizontal, boolean before, boolean full, Integer size, boolean percent) {

    /** split-window -v: top-bottom, in half. */
    public static SplitSpec topBottom() {
        return new SplitSpec(false, false, false, null, false);
    }

    /** split-window -h: left-right, in half. */
    public static SplitSpec leftRight() {
        return new SplitSpec(true, false, false, null, false);
    }

    public SplitSpec withBefore(boolean b) {
        return new SplitSpec(horizontal, b, full, size, percent);
    }

    public SplitSpec withFull(boolean f) {
        return new SplitSpec(horizontal, before, f, size, percent);
    }

    /** -l N */
    public SplitSpec withCells(int n) {
        return new SplitSpec(horizontal, before, full, n, false);
    }

    /** -l N% */
    public SplitSpec withPercent(int n) {
        return new SplitSpec(horizontal, before, full, n, true);
    }
}
