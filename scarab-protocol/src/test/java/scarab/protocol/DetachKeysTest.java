package scarab.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Detach key specs (the client sends them to the daemon as text) and the filter that watches for them. */
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

    private static InputFilter.Result feed(InputFilter f, String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return f.filter(b, b.length);
    }

    private static String text(InputFilter.Result r) {
        return new String(r.forward(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void prefixThenKeyDetachesEvenAcrossReads() {
        InputFilter f = new InputFilter(DetachKeys.parse("ctrl-b,d"));
        InputFilter.Result r = feed(f, "ls\u0002");
        assertEquals("ls", text(r));
        assertFalse(r.detach());
        r = feed(f, "d");
        assertTrue(r.detach());
        assertArrayEquals(new byte[0], r.forward());
    }

    @Test
    void doublePrefixSendsOnePrefixAndOtherKeysPassThrough() {
        InputFilter f = new InputFilter(DetachKeys.parse("ctrl-b,d"));
        InputFilter.Result r = feed(f, "\u0002\u0002a\u0002xd");
        assertEquals("\u0002a\u0002xd", text(r));
        assertFalse(r.detach());
    }

    @Test
    void singleKeyDetachesAtOnceAndKeepsWhatCameBefore() {
        InputFilter f = new InputFilter(DetachKeys.parse("ctrl-\\"));
        InputFilter.Result r = feed(f, "abc\u001cdef");
        assertEquals("abc", text(r));
        assertTrue(r.detach());
    }
}
