package scarab.daemon.terminal;

import java.util.Arrays;
import java.util.HashMap;

/**
 * One shared array per sequence of combining characters on a screen: a flood of cells that carry
 * the same marks (a 1000x1000 screen of a letter and nine accents) keeps one {@code int[]} for them
 * all instead of one per cell, about 56 bytes a cell, 56 MB for such a screen. The arrays are
 * never changed once made (a new mark makes a new sequence). Bounded: past {@link #MAX} sequences
 * it starts afresh, which only costs sharing. Owned by its screen (under the screen's lock).
 */
final class CombiningTable {
    static final int MAX = 4096;

    private record Key(int[] seq) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(seq, k.seq);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(seq);
        }
    }

    private final HashMap<Key, int[]> seqs = new HashMap<>();

    /** The shared array of {@code old} (null: none) followed by {@code c}. */
    int[] append(int[] old, int c) {
        int[] nc;
        if (old == null) nc = new int[] {c};
        else {
            nc = Arrays.copyOf(old, old.length + 1);
            nc[old.length] = c;
        }
        Key k = new Key(nc);
        int[] shared = seqs.get(k);
        if (shared != null) return shared;
        if (seqs.size() >= MAX) seqs.clear();
        seqs.put(k, nc);
        return nc;
    }
}
