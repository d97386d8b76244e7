package scarab.daemon.terminal;

/** Ring buffer of history lines, oldest first. Allocates nothing until the first line is pushed. */
final class History {
    private HistLine[] buf;
    private int head;   // index of oldest
    private int size;

    int size() { return size; }

    HistLine get(int i) { return buf[(head + i) % buf.length]; }

    void push(HistLine l) {
        if (buf == null) buf = new HistLine[16];
        if (size == buf.length) grow();
        buf[(head + size) % buf.length] = l;
        size++;
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
            buf[head] = null;
            head = (head + 1) % buf.length;
        }
        size -= n;
    }

    /** Removes and returns the newest line. */
    HistLine popNewest() {
        int idx = (head + size - 1) % buf.length;
        HistLine l = buf[idx];
        buf[idx] = null;
        size--;
        return l;
    }

    void clear() {
        buf = null;
        head = 0;
        size = 0;
    }

    long footprint() {
        long n = 24;
        if (buf != null) n += 16 + 4L * buf.length;
        for (int i = 0; i < size; i++) n += get(i).footprint();
        return n;
    }
}
