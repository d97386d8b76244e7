package scarab.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Detach key specs (the client sends them to the daemon as text). */
class DetachKeysTest {
    @Test
    void specsParse() {
        assertEquals(new DetachKeys(2, 'd'), DetachKeys.parse("ctrl-b,d"));
        assertEquals(new DetachKeys(1, 'd'), DetachKeys.parse(" C-a , d "));
        assertEquals(new DetachKeys(DetachKeys.NONE, 0x1c), DetachKeys.parse("ctrl-\\"));
        assertEquals(new DetachKeys(DetachKeys.NONE, 0x1d), DetachKeys.parse("ctrl-]"));
        assertEquals(new DetachKeys(0, 'q'), DetachKeys.parse("ctrl-@,q"));
        assertThrows(IllegalArgumentException.class, () -> DetachKeys.parse(""));
        assertThrows(IllegalArgumentException.class, () -> DetachKeys.parse("ctrl-b,d,x"));
        assertThrows(IllegalArgumentException.class, () -> DetachKeys.parse("meta-x"));
    }

    @Test
    void everyBindingSurvivesItsSpec() {
        for (int prefix = -1; prefix < 0x7f; prefix++) {
            for (int key : new int[] {0, 1, 4, 26, 0x1b, 0x1c, 0x1f, 'd', 'x', '~'}) {
                if (prefix == ',' || prefix == ' ' || (prefix >= 0x20 && prefix < 0x21)) {
                    continue; // a plain comma or blank cannot be a prefix in the text form
                }
                DetachKeys k = new DetachKeys(prefix == -1 ? DetachKeys.NONE : prefix, key);
                assertEquals(k, DetachKeys.parse(k.spec()), k.spec());
            }
        }
    }
}
