package scarab.daemon.terminal;

/**
 * Reusable, allocation-free parameter list of a CSI or DCS sequence. Parameters are separated by ';', each may carry
 * colon-separated sub-parameters ("38:2::1:2:3"). A missing value (empty field) is reported as {@link #MISSING}.
 * Values are clamped to 65535. At most {@link #MAX_PARAMS} parameters and {@link #MAX_VALUES} values in all are kept;
 * {@link #overflow()} reports whether anything was dropped.
 */
public final class VtParams {
    public static final int MISSING = -1;
    public static final int MAX_PARAMS = 32;
    public static final int MAX_VALUES = 64;
    public static final int MAX_VALUE = 65535;

    final int[] values = new int[MAX_VALUES];
    /** start[i] = index in values of parameter i's first value; start[count] = end. */
    final int[] start = new int[MAX_PARAMS + 1];
    int count;
    int nvalues;
    boolean overflow;
    /** number of parameter bytes (digits, ':' and ';') seen. */
    int rawLength;

    void reset() {
        count = 0;
        nvalues = 0;
        overflow = false;
        rawLength = 0;
    }

    // --- building (parser side) ---
    private boolean open;   // a parameter is currently being filled
    private boolean sink;   // current parameter was dropped (overflow): ignore its bytes

    void begin() { reset(); open = false; sink = false; }

    void digit(int d) {
        rawLength++;
        if (!open) newParam();
        if (sink) return;
        int i = nvalues - 1;
        int v = values[i];
        if (v == MISSING) v = 0;
        v = v * 10 + d;
        if (v > MAX_VALUE) v = MAX_VALUE;
        values[i] = v;
    }

    void colon() {
        rawLength++;
        if (!open) newParam();
        if (sink) return;
        if (nvalues < MAX_VALUES) {
            values[nvalues++] = MISSING;
            start[count] = nvalues;
        } else {
            overflow = true;
            sink = true;
        }
    }

    void semicolon() {
        rawLength++;
        if (!open) newParam();
        open = false;
    }

    private void newParam() {
        open = true;
        if (count >= MAX_PARAMS || nvalues >= MAX_VALUES) {
            overflow = true;
            sink = true;
            return;
        }
        sink = false;
        start[count] = nvalues;
        values[nvalues++] = MISSING;
        count++;
        start[count] = nvalues;
    }

    /** Called before dispatch: a trailing ';' means one more (missing) parameter. */
    void finish(boolean lastWasSemicolon) {
        if (lastWasSemicolon) newParam();
    }

    // --- reading (handler side) ---
    /** Number of parameters (0 if the sequence had none at all). */
    public int count() { return count; }
    public boolean overflow() { return overflow; }
    public int rawLength() { return rawLength; }

    /** Number of values of parameter i (1 for a plain parameter, more if it had ':' sub-parameters). */
    public int subCount(int i) { return i < count ? start[i + 1] - start[i] : 0; }
    public boolean hasSub(int i) { return subCount(i) > 1; }
    /** Raw value (first value) of parameter i, or MISSING. */
    public int raw(int i) { return i < count ? values[start[i]] : MISSING; }
    /** j-th value of parameter i, or MISSING. */
    public int sub(int i, int j) { return i < count && j < subCount(i) ? values[start[i] + j] : MISSING; }

    /** tmux's input_get(): default when absent/missing, -1 when the parameter has sub-parameters, else max(v, min). */
    public int get(int i, int min, int def) {
        if (i >= count) return def;
        if (start[i + 1] - start[i] > 1) return -1;
        int v = values[start[i]];
        if (v == MISSING) return def;
        return v < min ? min : v;
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) sb.append(';');
            for (int j = 0; j < subCount(i); j++) {
                if (j > 0) sb.append(':');
                int v = sub(i, j);
                if (v != MISSING) sb.append(v);
            }
        }
        return sb.toString();
    }
}
