package scarab.daemon.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputSequencesTest {
    @Test
    void eachNumberIsAppliedOncePerClientAcrossItsConnections() throws Exception {
        InputSequences seqs = new InputSequences();
        var first = seqs.enter("client-a");
        assertEquals(-1L, first.getValue(), "a client seen for the first time");
        List<Long> applied = new ArrayList<>();
        for (long n = 1; n <= 3; n++) {
            long seq = n;
            assertTrue(first.getKey().applyOnce(seq, () -> applied.add(seq)));
        }
        var again = seqs.enter("client-a");
        assertSame(first.getKey(), again.getKey());
        assertEquals(3L, again.getValue(), "the last number applied, for the reconnect");
        long[] resent = {2, 3, 4, 5};
        for (long seq : resent) {
            again.getKey().applyOnce(seq, () -> applied.add(seq));
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), applied);
        assertFalse(again.getKey().applyOnce(5, () -> applied.add(99L)));
        assertEquals(-1L, seqs.enter("client-b").getValue(), "clients are apart");
    }

    @Test
    void aFailedDeliveryIsNotCountedAsApplied() {
        InputSequences.Entry e = new InputSequences().enter("c").getKey();
        try {
            e.applyOnce(1, () -> {
                throw new java.io.IOException("pty gone");
            });
        } catch (java.io.IOException expected) {
            // as the connection sees it
        }
        assertEquals(0, e.last());
    }
}
