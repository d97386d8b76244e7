package scarab.daemon.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import scarab.protocol.DetachKeys;

/** What the key reader makes of typed bytes, read by read. */
class KeyReaderTest {
    /** Records what it is told, as text: "f:bytes", "p:key", "k:key", "detach". */
    private static final class Recorder implements KeyReader.Handler {
        final List<String> events = new ArrayList<>();
        boolean wanted;
        Predicate<String> uses = k -> true;

        @Override
        public boolean keysWanted() {
            return wanted;
        }

        @Override
        public void forward(byte[] bytes) {
            events.add("f:" + new String(bytes, StandardCharsets.ISO_8859_1));
        }

        @Override
        public void prefixKey(String key) {
            events.add("p:" + key);
        }

        @Override
        public boolean key(String key) {
            boolean used = uses.test(key);
            events.add((used ? "k:" : "x:") + key);
            return used;
        }

        @Override
        public void detach() {
            events.add("detach");
        }
    }

    private static void feed(KeyReader r, Recorder h, String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        r.read(b, b.length, h);
    }

    @Test
    void plainTypingGoesOnInRunsAndThePrefixTakesTheNextKey() {
        KeyReader r = new KeyReader(DetachKeys.parse("ctrl-b,d"));
        Recorder h = new Recorder();
        feed(r, h, "ls\u0002%echo");
        assertEquals(List.of("f:ls", "p:%", "f:echo"), h.events);
    }

    @Test
    void aKeyAfterThePrefixMayComeInPieces() {
        KeyReader r = new KeyReader(DetachKeys.parse("ctrl-b,d"));
        Recorder h = new Recorder();
        feed(r, h, "\u0002");
        feed(r, h, "\033");
        feed(r, h, "[1;5");
        feed(r, h, "A\u0002\0331");
        assertEquals(List.of("p:\033[1;5A", "p:\0331"), h.events);
    }

    @Test
    void detachKeysAndThePrefixTwice() {
        Recorder h = new Recorder();
        KeyReader r = new KeyReader(DetachKeys.parse("ctrl-b,d"));
        feed(r, h, "a\u0002\u0002b\u0002dnot-read");
        assertEquals(List.of("f:a", "f:\u0002", "f:b", "detach"), h.events);

        Recorder single = new Recorder();
        feed(new KeyReader(DetachKeys.parse("ctrl-\\")), single, "abc\u001cdef");
        assertEquals(List.of("f:abc", "detach"), single.events);
    }

    @Test
    void wantedKeysComeOneByOneWithAnEscapeAtTheEndAsTheEscapeKey() {
        KeyReader r = new KeyReader(DetachKeys.parse("ctrl-b,d"));
        Recorder h = new Recorder();
        h.wanted = true;
        feed(r, h, "ab\033[D\u00c3\u00a9\r\033");
        assertEquals(List.of("k:a", "k:b", "k:\033[D", "k:\u00c3\u00a9", "k:\r", "k:\033"), h.events);
    }

    @Test
    void aKeyTheHandlerDoesNotUseIsReadAsUsual() {
        KeyReader r = new KeyReader(DetachKeys.parse("ctrl-b,d"));
        Recorder h = new Recorder();
        h.wanted = true;
        h.uses = k -> k.equals("\033[D");
        feed(r, h, "\033[De\u0002c");
        assertEquals(List.of("k:\033[D", "x:e", "f:e", "x:\u0002", "p:c"), h.events);
    }
}
