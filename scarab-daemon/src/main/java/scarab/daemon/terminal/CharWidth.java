package scarab.daemon.terminal;

/**
 * Column widths of code points, from {@link WidthTable} (glibc's wcwidth(), which tmux uses).
 * Like tmux 3.3a, a character the C library calls unprintable (-1) is dropped: width -1.
 */
public final class CharWidth {
    private CharWidth() {}

    /** -1 (unprintable: not shown), 0 (combining: joins the previous cell), 1 or 2. */
    public static int of(int cp) {
        if (cp < 0x7f) {
            return cp >= 0x20 ? 1 : -1;
        }
        if (cp < 0xa0) {
            return -1;
        }
        if (cp < 0x300) {
            return 1;
        }
        if (in(WidthTable.WIDE, cp)) {
            return 2;
        }
        if (in(WidthTable.ZERO, cp)) {
            return 0;
        }
        return in(WidthTable.UNPRINTABLE, cp) ? -1 : 1;
    }

    private static boolean in(int[] ranges, int cp) {
        int lo = 0;
        int hi = ranges.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (cp < ranges[2 * mid]) {
                hi = mid - 1;
            } else if (cp > ranges[2 * mid + 1]) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }
}
