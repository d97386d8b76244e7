package scarab.daemon.terminal;

/**
 * Ring buffer of history lines, oldest first. Allocates nothing until the first line is pushed.
 *
 * <p>Its lines are immutable ({@link HistLine}): a change to one (its wrapped flag) replaces it. So
 * a copy of the references taken under the screen's lock is a consistent picture that can be read
 * after the lock is released, while the screen goes on. Lines also have absolute numbers: the
 * first line ever pushed is 0, and a number is never given to another line except when the newest
 * lines are taken back onto the screen (a resize that adds rows) and new ones pushed after them.
 */
final class History {
    private HistLine[] buf;
    private int head;   // index of oldest
    private int size;
    private long base;  // absolute number of the oldest line
    private long bytes; // footprint of the lines kept (what history-bytes bounds)

    int size() { return size; }

    /** Approximate heap held by the lines kept, in bytes. */
    long bytes() { return bytes; }

    HistLine get(int i) { return buf[(head + i) % buf.length]; }

    /** Absolute number of the oldest line kept. */
    long firstAbs() { return base; }

    /** Absolute number the next pushed line gets. */
    long endAbs() { return base + size; }

    void push(HistLine l) {
        if (buf == null) buf = new HistLine[16];
        if (size == buf.length) grow();
        buf[(head + size) % buf.length] = l;
        size++;
        bytes += l.footprint();
    }

    private void grow() {
        HistLine[] n = new HistLine[buf.length * 2];
        for (int i = 0; i < size; i++) n[i] = get(i);
        buf = n;
        head = 0;
    }

    void dropOldest(int n) {
        if (n > size) n = size;
        for (int i = 0; i < n; i++) {
            bytes -= buf[head].footprint();
            buf[head] = null;
            head = (head + 1) % buf.length;
        }
        size -= n;
        base += n;
    }

    /** Removes and returns the newest line. */
    HistLine popNewest() {
        int idx = (head + size - 1) % buf.length;
        HistLine l = buf[idx];
        buf[idx] = null;
        size--;
        bytes -= l.footprint();
        return l;
    }

    /** Clears the wrapped flag of line i (replacing the line: lines are immutable). */
    void unwrap(int i) {
        int idx = (head + i) % buf.length;
        HistLine l = buf[idx];
        if (l.wrapped()) buf[idx] = l.withWrapped(false);
    }

    /** The lines from index {@code from} to the newest, as a new array of the same (immutable) lines. */
    HistLine[] copyFrom(int from) {
        HistLine[] out = new HistLine[Math.max(0, size - from)];
        for (int i = 0; i < out.length; i++) out[i] = get(from + i);
        return out;
    }

    /** How many of the oldest lines to drop to bring the kept bytes down to {@code target}. */
    int linesAbove(long target) {
        long b = bytes;
        int n = 0;
        while (n < size && b > target) b -= get(n++).footprint();
        return n;
    }

    void clear() {
        bytes = 0;
        buf = null;
        head = 0;
        base += size;
        size = 0;
    }

    /** Starts numbering at {@code first} (restoring a stored history into an empty one). */
    void startAt(long first) {
        if (size != 0) throw new IllegalStateException("history not empty");
        base = first;
    }

    long footprint() {
        long n = 24;
        if (buf != null) n += 16 + 4L * buf.length;
        return n + bytes;
    }
}
