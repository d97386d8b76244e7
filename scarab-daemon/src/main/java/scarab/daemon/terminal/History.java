package scarab.daemon.terminal;

import java.util.List;

/**
 * Ring buffer of history lines, oldest first. Allocates nothing until the first line is pushed.
 *
 * <p>Its lines are immutable ({@link HistLine}): a change to one (its wrapped flag) replaces it. So
 * a copy of the references taken under the screen's lock is a consistent picture that can be read
 * after the lock is released, while the screen goes on. Lines also have absolute numbers: the
 * first line ever pushed is 0, and a number is never given to another line except when the newest
 * lines are taken back onto the screen (a resize that adds rows) and new ones pushed after them.
 *
 * <p>With history on disk ({@code history-disk}), lines older than {@link #firstAbs()} may still be
 * in the store: {@link #diskFirst()} is the oldest of them, and {@code [diskFirst, firstAbs)} are all
 * there, in committed chunks. Only lines below {@link #storedEnd()} (stored, and not changed since)
 * may leave memory for the disk; the snapshot thread moves that mark when its chunks are committed.
 */
final class History {
    /** Whether lines leaving memory stay readable from the store (history-disk is on). */
    private final boolean onDisk;
    private HistLine[] buf;
    private int head;   // index of oldest
    private int size;
    private long base;  // absolute number of the oldest line
    private long bytes; // footprint of the lines kept (what history-bytes bounds)
    /** Oldest line still readable from the store; equals base when none is (or history-disk is off). */
    private long diskFirst;
    /** Lines below this are in committed chunks and unchanged since they were encoded. */
    private long storedEnd;
    /** Lowest line changed (or taken back) since the snapshot thread last copied the lines; MAX_VALUE: none. */
    private long changedSinceCopy = Long.MAX_VALUE;

    History(boolean onDisk) {
        this.onDisk = onDisk;
    }

    boolean onDisk() { return onDisk; }

    int size() { return size; }

    /** Approximate heap held by the lines kept, in bytes. */
    long bytes() { return bytes; }

    HistLine get(int i) { return buf[(head + i) % buf.length]; }

    /** Absolute number of the oldest line kept. */
    long firstAbs() { return base; }

    /** Absolute number the next pushed line gets. */
    long endAbs() { return base + size; }

    /** Oldest line readable from memory or the store. */
    long diskFirst() { return diskFirst; }

    /** Lines below this may leave memory: they are stored and have not changed since. */
    long storedEnd() { return storedEnd; }

    /**
     * The snapshot thread committed chunks of every line below {@code end}, copied when
     * {@link #copiedForStore} was last called, and the store keeps lines from {@code diskStart} on.
     * A line changed since that copy is not covered: its chunk is written again next round.
     */
    void stored(long end, long diskStart) {
        storedEnd = Math.min(end, changedSinceCopy);
        diskFirst = onDisk ? Math.min(base, Math.max(diskFirst, diskStart)) : base;
    }

    /** The snapshot thread is copying the lines to store (screen lock held). */
    void copiedForStore() {
        changedSinceCopy = Long.MAX_VALUE;
    }

    /** Restored lines: those below {@code end} are stored, and the store holds lines from {@code diskStart}. */
    void restored(long diskStart, long end) {
        storedEnd = end;
        diskFirst = onDisk ? Math.min(base, diskStart) : base;
    }

    private void changed(long abs) {
        changedSinceCopy = Math.min(changedSinceCopy, abs);
        storedEnd = Math.min(storedEnd, abs);
    }

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

    /**
     * Drops the oldest lines from memory. Those below {@link #storedEnd()} stay readable from the
     * store; when lines not stored yet are dropped (memory was needed before the snapshot thread
     * could store them), the store's older lines are no longer next to memory's and are given up.
     */
    void dropOldest(int n) {
        if (n > size) n = size;
        if (!onDisk || base + n > storedEnd) diskFirst = base + n;
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
        changed(base + size - 1);
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
        if (l.wrapped()) {
            buf[idx] = l.withWrapped(false);
            changed(base + i);
        }
    }

    /**
     * Puts {@code lines} in place of the lines kept (a reflow), numbered from the same first line.
     * Lines that are the same objects at the same place are unchanged for the store; from the first
     * that is not, the store writes them again.
     */
    void replaceAll(List<HistLine> lines) {
        int n = lines.size();
        int same = 0;
        while (same < n && same < size && lines.get(same) == get(same)) same++;
        if (same < Math.max(n, size)) changed(base + same);
        int cap = 16;
        while (cap < n) cap *= 2;
        HistLine[] nb = new HistLine[cap];
        long b = 0;
        for (int i = 0; i < n; i++) {
            HistLine l = lines.get(i);
            nb[i] = l;
            b += l.footprint();
        }
        buf = nb;
        head = 0;
        size = n;
        bytes = b;
    }

    /** The lines from index {@code from} to the newest, as a new array of the same (immutable) lines. */
    HistLine[] copyFrom(int from) {
        HistLine[] out = new HistLine[Math.max(0, size - from)];
        for (int i = 0; i < out.length; i++) out[i] = get(from + i);
        return out;
    }

    /** How many of the oldest lines (at most {@code max}) to drop to bring the kept bytes down to {@code target}. */
    int linesAbove(long target, int max) {
        long b = bytes;
        int n = 0;
        while (n < size && n < max && b > target) b -= get(n++).footprint();
        return n;
    }

    /** How many of the oldest lines may leave memory for the store (they are in it). */
    int storedLines() {
        return (int) Math.max(0, Math.min(size, storedEnd - base));
    }

    /** Clears the history, the part in the store too (it is dropped with the next snapshot). */
    void clear() {
        bytes = 0;
        buf = null;
        head = 0;
        base += size;
        size = 0;
        diskFirst = base;
    }

    /** Starts numbering at {@code first} (restoring a stored history into an empty one). */
    void startAt(long first) {
        if (size != 0) throw new IllegalStateException("history not empty");
        base = first;
        diskFirst = first;
        storedEnd = first;
    }

    long footprint() {
        long n = 24;
        if (buf != null) n += 16 + 4L * buf.length;
        return n + bytes;
    }
}
