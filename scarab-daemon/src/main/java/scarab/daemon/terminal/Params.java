package scarab.daemon.terminal;

/**
 * The numeric parameters of a control sequence, reused across sequences (no allocation per
 * sequence). Each parameter may have colon-separated sub-parameters ({@code 38:2::255:0:0}).
 * A parameter that was left empty reads as {@code -1} through {@link #raw}.
 */
public final class Params {
    public static final int MAX_PARAMS = 32;
    public static final int MAX_VALUE = 65535;

    private final int[] values = new int[MAX_PARAMS];
    /** Bit i set: parameter i is a sub-parameter of the one before it (it followed a ':'). */
    private long subMask;
    private int count;
    private boolean overflow;

    void clear() {
        count = 0;
        subMask = 0;
        overflow = false;
    }

    /** Starts a new parameter (after ';' or ':' or at the first digit). */
    void start(boolean sub) {
        if (count >= MAX_PARAMS) {
            overflow = true;
            return;
        }
        values[count] = -1;
        if (sub) {
            subMask |= 1L << count;
        }
        count++;
    }

    void digit(int d) {
        if (count == 0) {
            start(false);
        }
        if (overflow) {
            return;
        }
        int i = count - 1;
        int v = values[i] < 0 ? 0 : values[i];
        values[i] = Math.min(MAX_VALUE, v * 10 + d);
    }

    boolean overflowed() {
        return overflow;
    }

    public int count() {
        return count;
    }

    /** The value of parameter {@code i}, or -1 when it was empty or absent. */
    public int raw(int i) {
        return i < count ? values[i] : -1;
    }

    /** The value of parameter {@code i}, {@code def} when it was empty, absent or 0 (most CSI counts). */
    public int get(int i, int def) {
        int v = raw(i);
        return v <= 0 ? def : v;
    }

    /** The value of parameter {@code i}, {@code def} only when empty or absent (0 kept). */
    public int getOrZero(int i, int def) {
        int v = raw(i);
        return v < 0 ? def : v;
    }

    public boolean isSub(int i) {
        return i < count && (subMask & (1L << i)) != 0;
    }
}
