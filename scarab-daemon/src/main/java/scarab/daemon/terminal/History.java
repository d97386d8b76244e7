package scarab.daemon.terminal;

/**
 * Lines scrolled off the top of the main screen, oldest first, in a ring that grows only as lines
 * arrive (an empty history costs one small object). Like tmux, when the limit is reached a tenth
 * of it is dropped at once, so the line count matches tmux's for the same output.
 */
final class History {
    private final int limit;
    private Line[] ring = new Line[0];
    private int start;
    private int size;

    History(int limit) {
        this.limit = limit;
    }

    int size() {
        return size;
    }

    int limit() {
        return limit;
    }

    /** Line {@code i}, 0 = oldest. */
    Line get(int i) {
        return ring[(start + i) % ring.length];
    }

    void push(Line line) {
        if (limit == 0) {
            return;
        }
        if (size >= limit) {
            dropOldest(Math.max(1, limit / 10));
        }
        if (size == ring.length) {
            grow();
        }
        ring[(start + size) % ring.length] = line;
        size++;
    }

    /** Removes and returns the newest line (a taller screen takes lines back), or null. */
    Line popNewest() {
        if (size == 0) {
            return null;
        }
        int i = (start + size - 1) % ring.length;
        Line l = ring[i];
        ring[i] = null;
        size--;
        return l;
    }

    void dropOldest(int n) {
        n = Math.min(n, size);
        for (int i = 0; i < n; i++) {
            ring[(start + i) % ring.length] = null;
        }
        start = size == n ? 0 : (start + n) % ring.length;
        size -= n;
    }

    void clear() {
        ring = new Line[0];
        start = 0;
        size = 0;
    }

    private void grow() {
        int capacity = Math.min(limit, Math.max(16, ring.length * 2));
        Line[] bigger = new Line[capacity];
        for (int i = 0; i < size; i++) {
            bigger[i] = ring[(start + i) % ring.length];
        }
        ring = bigger;
        start = 0;
    }

    long footprint() {
        long bytes = 16 + 16 + 4L * ring.length;
        for (int i = 0; i < size; i++) {
            bytes += get(i).footprint();
        }
        return bytes;
    }
}
