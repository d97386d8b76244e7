package scarab.daemon.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The parser's events, recorded exactly (vte's style of test). */
class VtParserTest {
    /** Records every event as a short string. */
    static final class Recorder implements VtHandler {
        final List<String> events = new ArrayList<>();

        @Override
        public void print(int cp) {
            events.add("print " + new String(Character.toChars(cp)));
        }

        @Override
        public void execute(int c) {
            events.add("exec " + c);
        }

        @Override
        public void csiDispatch(Params p, int inter, int f, boolean ignored) {
            StringBuilder b = new StringBuilder("csi ");
            if (inter != 0) {
                b.append(inter > 0xff ? "" + (char) (inter >> 8) + (char) (inter & 0xff) : "" + (char) inter).append(' ');
            }
            for (int i = 0; i < p.count(); i++) {
                b.append(i == 0 ? "" : p.isSub(i) ? ":" : ";").append(p.raw(i));
            }
            b.append(' ').append((char) f);
            if (ignored) {
                b.append(" ignored");
            }
            events.add(b.toString());
        }

        @Override
        public void escDispatch(int inter, int f) {
            events.add("esc " + (inter == 0 ? "" : (char) inter + " ") + (char) f);
        }

        @Override
        public void oscDispatch(byte[] data, int length) {
            events.add("osc " + new String(data, 0, length, StandardCharsets.UTF_8));
        }

        @Override
        public void dcsHook(Params p, int inter, int f) {
            events.add("hook " + (char) f);
        }

        @Override
        public void dcsPut(int b) {
            events.add("put " + (char) b);
        }

        @Override
        public void dcsUnhook() {
            events.add("unhook");
        }
    }

    private static List<String> parse(String... chunks) {
        Recorder r = new Recorder();
        VtParser p = new VtParser(r);
        for (String c : chunks) {
            byte[] b = c.getBytes(StandardCharsets.ISO_8859_1);
            p.feed(b, 0, b.length);
        }
        return r.events;
    }

    private static List<String> parseBytes(byte[]... chunks) {
        Recorder r = new Recorder();
        VtParser p = new VtParser(r);
        for (byte[] b : chunks) {
            p.feed(b, 0, b.length);
        }
        return r.events;
    }

    @Test
    void printsAndControls() {
        assertEquals(List.of("print a", "exec 13", "exec 10", "print b", "exec 7"), parse("a\r\nb\u0007"));
    }

    @Test
    void csiWithParamsIntermediatesAndPrivateMarkers() {
        assertEquals(List.of("csi 1;2 H", "csi ? 1049 h", "csi -1;5 H", "csi  m", "csi >  c", "csi ?$ 2004 p"),
                parse("\033[1;2H\033[?1049h\033[;5H\033[m\033[>c\033[?2004$p"));
    }

    @Test
    void subParametersAreMarked() {
        assertEquals(List.of("csi 38:2:-1:10:20:30 m", "csi 4:3;1 m"), parse("\033[38:2::10:20:30m\033[4:3;1m"));
    }

    @Test
    void escapesAndCharsets() {
        assertEquals(List.of("esc 7", "esc ( 0", "esc # 8", "esc c"), parse("\0337\033(0\033#8\033c"));
    }

    @Test
    void oscEndsWithBelOrSt() {
        assertEquals(List.of("osc 0;title", "osc 2;x", "print z"), parse("\033]0;title\007\033]2;x\033\\z"));
    }

    @Test
    void dcsPassthroughAndIgnoredStrings() {
        assertEquals(List.of("hook q", "put a", "put b", "unhook", "print x"), parse("\033Pqab\033\\\033_apc\033\\\033^pm\033\\x"));
    }

    @Test
    void controlsInsideCsiExecuteAndCanAborts() {
        assertEquals(List.of("exec 10", "csi 12 A", "exec 24", "print b"), parse("\033[1\n2A\033[3\u0018b"));
    }

    @Test
    void utf8SplitAcrossFeeds() {
        byte[] all = "é中😀".getBytes(StandardCharsets.UTF_8);
        List<byte[]> singles = new ArrayList<>();
        for (byte b : all) {
            singles.add(new byte[] {b});
        }
        assertEquals(List.of("print é", "print 中", "print 😀"), parseBytes(singles.toArray(byte[][]::new)));
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() {
        assertEquals(List.of("print A", "print \ufffd", "print X", "print \ufffd", "print \ufffd", "print \ufffd"),
                parseBytes(new byte[] {'A', (byte) 0xe4, (byte) 0xb8, 'X', (byte) 0xff, (byte) 0xc0, (byte) 0xaf}));
    }

    @Test
    void limitsAreCappedNotThrown() {
        StringBuilder many = new StringBuilder("\033[");
        for (int i = 0; i < 100; i++) {
            many.append("1;");
        }
        many.append("m");
        assertEquals(List.of("csi 1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1 m ignored"), parse(many.toString()));
        assertEquals(List.of("csi 65535 A"), parse("\033[99999999999A"));
        assertEquals(List.of("print z"), parse("\033]0;" + "x".repeat(10_000) + "\007z"), "an over-long OSC is dropped");
    }

    @Test
    void randomBytesNeverThrow() {
        Random r = new Random(7);
        byte[] junk = new byte[200_000];
        r.nextBytes(junk);
        VtParser p = new VtParser(new Screen(80, 24, 100));
        for (int off = 0; off < junk.length; off += 997) {
            p.feed(junk, off, Math.min(997, junk.length - off));
        }
    }
}
