package scarab.daemon.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link Screen#rowStamp}: after any output, a row whose stamp was seen before (at any row) shows
 * exactly what the row with that stamp showed then; so a view may skip or move it.
 */
class ScreenDamageTest {
    @Test
    void aRowWithAStampSeenBeforeShowsWhatItShowedThen() {
        long seed = Long.getLong("damage.seed", System.nanoTime());
        Random r = new Random(seed);
        for (int n = 0; n < 40; n++) {
            int cols = 1 + r.nextInt(30), rows = 1 + r.nextInt(12);
            Screen s = new Screen(cols, rows, r.nextBoolean() ? 0 : 50);
            Map<Long, String> seen = new HashMap<>();
            remember(s, seen);
            for (int step = 0; step < 120; step++) {
                if (r.nextInt(40) == 0) {
                    cols = 1 + r.nextInt(30);
                    rows = 1 + r.nextInt(12);
                    s.resize(cols, rows);
                } else {
                    s.feed(ScreenOps.random(r, cols, rows));
                }
                for (int y = 0; y < s.rows(); y++) {
                    long stamp = s.rowStamp(y);
                    assertNotEquals(0L, stamp, "seed " + seed + ": every row has a stamp");
                    String before = seen.get(stamp);
                    if (before != null) assertEquals(before, row(s, y), "seed " + seed + ", row " + y + " kept its stamp");
                }
                remember(s, seen);
            }
        }
    }

    private static void remember(Screen s, Map<Long, String> seen) {
        for (int y = 0; y < s.rows(); y++) seen.put(s.rowStamp(y), row(s, y));
    }

    private static String row(Screen s, int y) {
        StringBuilder sb = new StringBuilder();
        for (int x = 0; x < s.cols(); x++) {
            sb.append(s.cellText(x, y)).append('/').append(s.cellAttr(x, y)).append('|');
        }
        return sb.toString();
    }
}
