package scarab.daemon.terminal;

/**
 * A compact, trimmed history line: code points as bytes when all are below 256, attributes run-length encoded,
 * combining characters and underline colours in optional side tables. Only the first {@code used} cells are kept.
 * The combining characters of the whole line are one side table (the cells that have some, where each cell's start
 * in one UTF-16 array): a line of "α" and nine combining marks per cell costs about 30 bytes a cell, not an array
 * object per cell.
 */
final class HistLine extends Row {
    private final byte[] small;    // code points if all in 0..255 (PADDING never present then)
    private final int[] big;       // otherwise
    private final int[] runStart;  // attribute runs: run i covers [runStart[i], runStart[i+1])
    private final long[] runAttr;
    private final long attr0;      // single-run fast case (runStart == null)
    private final int[] combCell;  // cells with combining characters, ascending; null if none
    private final int[] combStart; // their characters: combText[combStart[i], combStart[i + 1])
    private final char[] combText;
    private final int[] us;
    private final int used;
    private final boolean wrapped;

    private HistLine(byte[] small, int[] big, int[] runStart, long[] runAttr, long attr0, int[] combCell,
                     int[] combStart, char[] combText, int[] us, int used, boolean wrapped) {
        this.small = small;
        this.big = big;
        this.runStart = runStart;
        this.runAttr = runAttr;
        this.attr0 = attr0;
        this.combCell = combCell;
        this.combStart = combStart;
        this.combText = combText;
        this.us = us;
        this.used = used;
        this.wrapped = wrapped;
    }

    static HistLine of(Line l) {
        int n = l.used;
        if (l.cp != null && n > l.cp.length) n = l.cp.length;
        if (l.cp == null) n = 0;
        int[] cp = l.cp;
        long[] at = l.at;
        // Every scrolled-off line of a busy session comes through here. One pass copies the code
        // points as bytes (what nearly every line is) while it learns the shape (anything outside
        // 0..255? how many attribute runs?); a second pass over the attributes only when there are
        // several runs.
        byte[] small = new byte[n];
        int wide = 0;
        int runs = n > 0 ? 1 : 0;
        long a0 = n > 0 ? at[0] : 0L;
        long prev = a0;
        for (int i = 0; i < n; i++) {
            int c = cp[i];
            wide |= c >>> 8; // non-zero for anything outside 0..255, negatives included
            small[i] = (byte) c;
            long a = at[i];
            if (a != prev) { runs++; prev = a; }
        }
        int[] big = null;
        if (wide != 0) {
            small = null;
            big = java.util.Arrays.copyOf(cp, n);
        }
        int[] rs = null;
        long[] ra = null;
        if (runs > 1) {
            rs = new int[runs + 1];
            ra = new long[runs];
            rs[0] = 0;
            ra[0] = a0;
            prev = a0;
            int r = 1;
            for (int i = 1; i < n; i++) {
                long a = at[i];
                if (a != prev) { rs[r] = i; ra[r] = a; r++; prev = a; }
            }
            rs[runs] = n;
        }
        int[] combCell = null;
        int[] combStart = null;
        char[] combText = null;
        if (l.comb != null) {
            int cells = 0, chars = 0;
            for (int i = 0; i < n; i++) {
                int[] c = l.comb[i];
                if (c == null) continue;
                cells++;
                for (int k : c) chars += Character.charCount(k);
            }
            if (cells > 0) {
                combCell = new int[cells];
                combStart = new int[cells + 1];
                combText = new char[chars];
                int j = 0, pos = 0;
                for (int i = 0; i < n; i++) {
                    int[] c = l.comb[i];
                    if (c == null) continue;
                    combCell[j] = i;
                    combStart[j++] = pos;
                    for (int k : c) pos += Character.toChars(k, combText, pos);
                }
                combStart[cells] = pos;
            }
        }
        int[] us = null;
        if (l.us != null) {
            for (int i = 0; i < n; i++) if (l.us[i] != 0) { us = java.util.Arrays.copyOf(l.us, n); break; }
        }
        return new HistLine(small, big, rs, ra, a0, combCell, combStart, combText, us, n, l.wrapped);
    }

    /** Expands back into a screen line of the given width. */
    Line toLine(int cols) {
        Line l = new Line();
        int n = Math.min(used, cols);
        if (n > 0) {
            l.alloc(cols);
            for (int i = 0; i < n; i++) {
                l.cp[i] = cp(i);
                l.at[i] = attr(i);
                if (l.cp[i] == Line.PADDING) l.ext = true;
                int[] c = comb(i);
                if (c != null) l.setComb(i, c);
                int u = us(i);
                if (u != 0) l.setUs(i, u);
            }
            l.ext = true; // conservative
        }
        l.used = n;
        l.cellsize = n;
        l.wrapped = wrapped;
        return l;
    }

    @Override int cp(int x) {
        if (x >= used) return 0;
        return small != null ? small[x] & 0xff : big[x];
    }

    @Override long attr(int x) {
        if (x >= used) return 0L;
        if (runStart == null) return attr0;
        int lo = 0, hi = runAttr.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (runStart[mid] <= x) lo = mid; else hi = mid - 1;
        }
        return runAttr[lo];
    }

    @Override int[] comb(int x) {
        if (combCell == null) return null;
        int i = java.util.Arrays.binarySearch(combCell, x);
        if (i < 0) return null;
        return new String(combText, combStart[i], combStart[i + 1] - combStart[i]).codePoints().toArray();
    }
    @Override int us(int x) { return us != null && x < us.length ? us[x] : 0; }
    @Override int used() { return used; }
    @Override boolean wrapped() { return wrapped; }
    /** History lines are immutable (see {@link History}): use {@link #withWrapped}. */
    @Override void setWrapped(boolean w) { throw new UnsupportedOperationException("history lines are immutable"); }

    /** This line with another wrapped flag (sharing the arrays, which are never changed). */
    HistLine withWrapped(boolean w) {
        return w == wrapped ? this : new HistLine(small, big, runStart, runAttr, attr0, combCell, combStart, combText, us,
                used, w);
    }
    @Override int length() { return used; }

    /** True if every cell is one column (no wide character: code points all below 256). */
    boolean narrow() { return small != null; }

    // ---- stored form (history chunks of snapshots), written through the accessors so that it does
    // not depend on how a line is held in memory ----

    /** Widest line the stored form accepts: a corrupt or hostile chunk cannot make us allocate more. */
    static final int MAX_STORED_CELLS = 1 << 16;
    private static final int MAX_STORED_COMBINING = 32;

    void writeTo(ByteSink out) {
        int n = used;
        boolean narrow = small != null;
        int combCells = combCell == null ? 0 : combCell.length;
        boolean anyUs = false;
        if (us != null) {
            for (int x = 0; x < n && x < us.length && !anyUs; x++) anyUs = us[x] != 0;
        }
        int flags = (wrapped ? 1 : 0) | (narrow ? 2 : 0) | (runStart != null ? 4 : 0) | (combCells > 0 ? 8 : 0) | (anyUs ? 16 : 0);
        out.writeByte(flags);
        out.writeVarint(n);
        if (narrow) out.write(small, 0, n);
        else for (int x = 0; x < n; x++) out.writeInt(big[x]);
        if (runStart == null) {
            out.writeLong(attr0);
        } else {
            out.writeVarint(runAttr.length);
            for (int r = 0; r < runAttr.length; r++) {
                out.writeVarint(runStart[r]);
                out.writeLong(runAttr[r]);
            }
        }
        if (combCells > 0) {
            out.writeVarint(combCells);
            for (int i = 0; i < combCells; i++) {
                int[] c = comb(combCell[i]);
                out.writeVarint(combCell[i]);
                out.writeVarint(c.length);
                for (int k : c) out.writeInt(k);
            }
        }
        if (anyUs) for (int x = 0; x < n; x++) out.writeInt(us(x));
    }

    /** Reads a line written by {@link #writeTo}, straight into its compact form (no screen line in between). */
    static HistLine readFrom(java.io.DataInputStream in) throws java.io.IOException {
        int flags = in.readUnsignedByte();
        int n = Varint.read(in, MAX_STORED_CELLS);
        byte[] small = null;
        int[] big = null;
        if ((flags & 2) != 0) {
            small = new byte[n];
            in.readFully(small);
        } else {
            big = readInts(in, n);
            for (int c : big) {
                if (c != Line.PADDING && !Character.isValidCodePoint(c)) throw new java.io.IOException("stored character " + c + " is not one");
            }
        }
        int[] rs = null;
        long[] ra = null;
        long a0;
        if ((flags & 4) == 0) {
            a0 = in.readLong();
        } else {
            int runs = Varint.read(in, Math.max(1, n));
            if (runs < 2) throw new java.io.IOException("a line of several attribute runs has " + runs);
            rs = new int[runs + 1];
            ra = new long[runs];
            for (int r = 0; r < runs; r++) {
                rs[r] = Varint.read(in, n - 1);
                if (r == 0 ? rs[r] != 0 : rs[r] <= rs[r - 1]) throw new java.io.IOException("attribute runs out of order");
                ra[r] = in.readLong();
            }
            rs[runs] = n;
            a0 = ra[0];
        }
        int[] combCell = null;
        int[] combStart = null;
        char[] combText = null;
        if ((flags & 8) != 0) {
            int cells = Varint.read(in, n);
            combCell = new int[cells];
            combStart = new int[cells + 1];
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < cells; i++) {
                combCell[i] = Varint.read(in, n - 1);
                if (i > 0 && combCell[i] <= combCell[i - 1]) throw new java.io.IOException("combining cells out of order");
                combStart[i] = text.length();
                int k = Varint.read(in, MAX_STORED_COMBINING);
                for (int j = 0; j < k; j++) {
                    int c = in.readInt();
                    if (!Character.isValidCodePoint(c)) throw new java.io.IOException("stored character " + c + " is not one");
                    text.appendCodePoint(c);
                }
            }
            combStart[cells] = text.length();
            combText = new char[text.length()];
            text.getChars(0, text.length(), combText, 0);
        }
        int[] us = (flags & 16) != 0 ? readInts(in, n) : null;
        return new HistLine(small, big, rs, ra, a0, combCell, combStart, combText, us, n, (flags & 1) != 0);
    }

    private static int[] readInts(java.io.DataInputStream in, int n) throws java.io.IOException {
        byte[] raw = new byte[4 * n];
        in.readFully(raw);
        int[] out = new int[n];
        java.nio.ByteBuffer.wrap(raw).asIntBuffer().get(out);
        return out;
    }

    long footprint() {
        long n = 56;
        if (small != null) n += 16 + small.length;
        if (big != null) n += 16 + 4L * big.length;
        if (runStart != null) n += 16 + 4L * runStart.length + 16 + 8L * runAttr.length;
        if (combCell != null) n += 16 + 4L * combCell.length + 16 + 4L * combStart.length + 16 + 2L * combText.length;
        if (us != null) n += 16 + 4L * us.length;
        return n;
    }
}
