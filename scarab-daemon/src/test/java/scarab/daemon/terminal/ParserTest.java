package scarab.daemon.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ParserTest {
    /** Records every handler event as a string. */
    static final class Recorder implements VtHandler {
        final List<String> ev = new ArrayList<>();
        final boolean replace;
        Recorder() { this(true); }
        Recorder(boolean replace) { this.replace = replace; }
        @Override public boolean replaceInvalidUtf8() { return replace; }
        @Override public void print(int cp) { ev.add("print " + new String(Character.toChars(cp))); }
        @Override public void printAscii(byte[] d, int off, int len) { ev.add("print " + new String(d, off, len, StandardCharsets.US_ASCII)); }
        @Override public void execute(int c) { ev.add("exec " + c); }
        @Override public void escDispatch(int inter, int f) { ev.add("esc " + inter(inter) + (char) f); }
        @Override public void csiDispatch(VtParams p, int inter, int f) {
            ev.add("csi " + inter(inter) + "[" + p + "]" + (char) f + (p.overflow() ? " overflow" : ""));
        }
        @Override public void oscDispatch(byte[] d, int len, boolean overflow) {
            ev.add("osc " + (overflow ? "overflow " + len : new String(d, 0, len, StandardCharsets.UTF_8)));
        }
        @Override public void dcsHook(VtParams p, int inter, int f) { ev.add("dcs-hook " + inter(inter) + "[" + p + "]" + (char) f); }
        @Override public void dcsPut(int b) { ev.add("dcs-put " + (char) b); }
        @Override public void dcsUnhook() { ev.add("dcs-unhook"); }
        @Override public void stringDispatch(int kind, byte[] d, int len, boolean overflow) {
            ev.add("str " + (char) kind + " " + new String(d, 0, len, StandardCharsets.UTF_8));
        }
        static String inter(int v) {
            StringBuilder sb = new StringBuilder();
            while (v != 0) { sb.append((char) (v & 0xff)); v >>>= 8; }
            return sb.toString();
        }
    }

    static List<String> parse(String s) { return parse(s.getBytes(StandardCharsets.UTF_8)); }

    static List<String> parse(byte[] b) {
        Recorder r = new Recorder();
        new VtParser(r).feed(b, 0, b.length);
        return r.ev;
    }

    @Test
    void printAndControls() {
        assertEquals(List.of("print hello", "exec 13", "exec 10", "print world", "exec 7", "exec 8", "exec 9"),
                parse("hello\r\nworld\u0007\b\t"));
        assertEquals(List.of("print a", "print b"), parse("a\u007fb")); // DEL ignored
    }

    @Test
    void csiSequences() {
        assertEquals(List.of("csi [1;31]m", "print x"), parse("\u001b[1;31mx"));
        assertEquals(List.of("csi ?[1049]h"), parse("\u001b[?1049h"));
        assertEquals(List.of("csi []H"), parse("\u001b[H"));
        assertEquals(List.of("csi [;5]H"), parse("\u001b[;5H"));
        assertEquals(List.of("csi [1;]H"), parse("\u001b[1;H"));
        assertEquals(List.of("csi >[0]c"), parse("\u001b[>0c"));
        assertEquals(List.of("csi  [2]q"), parse("\u001b[2 q"));
        assertEquals(List.of("csi ?$[2004]p"), parse("\u001b[?2004$p"));
        assertEquals(List.of("csi [38:2::10:20:30;1]m"), parse("\u001b[38:2::10:20:30;1m"));
        // C0 inside a CSI is executed and the sequence continues
        assertEquals(List.of("exec 10", "csi [31]m"), parse("\u001b[3\n1m"));
        // CAN aborts, ESC restarts
        assertEquals(List.of("exec 24", "print m"), parse("\u001b[31\u0018m"));
        assertEquals(List.of("csi [4]m"), parse("\u001b[31\u001b[4m"));
        // private marker in the middle: ignored
        assertEquals(List.of("print A"), parse("\u001b[1?2mA"));
        // intermediate then parameter: ignored
        assertEquals(List.of("print B"), parse("\u001b[1 2mB"));
    }

    @Test
    void paramValuesClampedAndCapped() {
        Recorder r = new Recorder();
        final int[] got = new int[2];
        VtHandler h = new VtHandler() {
            @Override public void csiDispatch(VtParams p, int inter, int f) {
                got[0] = p.count();
                got[1] = p.raw(0);
                r.ev.add(p.overflow() ? "overflow" : "ok");
            }
        };
        VtParser p = new VtParser(h);
        p.feed("\u001b[999999999A".getBytes(StandardCharsets.US_ASCII));
        assertEquals(1, got[0]);
        assertEquals(VtParams.MAX_VALUE, got[1]);
        p.feed(("\u001b[" + "1;".repeat(50) + "1m").getBytes(StandardCharsets.US_ASCII));
        assertEquals(VtParams.MAX_PARAMS, got[0]);
        assertEquals(List.of("ok", "overflow"), r.ev);
        VtParams vp = new VtParams();
        vp.begin();
        for (char c : "5;;7:8".toCharArray()) {
            if (c == ';') vp.semicolon(); else if (c == ':') vp.colon(); else vp.digit(c - '0');
        }
        vp.finish(false);
        assertEquals(3, vp.count());
        assertEquals(5, vp.get(0, 1, 1));
        assertEquals(9, vp.get(1, 1, 9));
        assertEquals(-1, vp.get(2, 1, 1));
        assertEquals(2, vp.subCount(2));
        assertEquals(8, vp.sub(2, 1));
    }

    @Test
    void escSequences() {
        assertEquals(List.of("esc 7", "esc 8", "esc (0", "esc (B", "esc #8", "esc c", "esc =", "esc M"),
                parse("\u001b7\u001b8\u001b(0\u001b(B\u001b#8\u001bc\u001b=\u001bM"));
        // too many intermediates: discarded
        assertEquals(List.of("print x"), parse("\u001b(((((0x"));
    }

    @Test
    void oscStrings() {
        assertEquals(List.of("osc 0;title", "print x"), parse("\u001b]0;title\u0007x"));
        assertEquals(List.of("osc 2;t\u00e9", "esc \\", "print y"), parse("\u001b]2;t\u00e9\u001b\\y"));
        // CAN ends the OSC (tmux dispatches it) and is executed
        assertEquals(List.of("osc 2;a", "exec 24", "print b"), parse("\u001b]2;a\u0018b"));
        // other C0 ignored inside
        assertEquals(List.of("osc 2;ab"), parse("\u001b]2;a\u0001b\u0007"));
        // cap
        List<String> ev = parse("\u001b]2;" + "x".repeat(VtParser.MAX_STRING + 100) + "\u0007");
        assertEquals(List.of("osc overflow " + VtParser.MAX_STRING), ev);
    }

    @Test
    void dcsAndOtherStrings() {
        assertEquals(List.of("dcs-hook $[1]q", "dcs-put a", "dcs-put b", "dcs-unhook", "print z"),
                parse("\u001bP1$qab\u001b\\z"));
        // DCS passthrough ends only with ESC \ (tmux): ESC q stays inside
        assertEquals(List.of("dcs-hook [1]|", "dcs-put x", "dcs-put q", "dcs-unhook"), parse("\u001bP1|x\u001bq\u001b\\"));
        assertEquals(List.of("str _ apc", "esc \\"), parse("\u001b_apc\u001b\\"));
        assertEquals(List.of("str X ", "esc \\", "print a"), parse("\u001bXsos\u001b\\a"));
        assertEquals(List.of("str ^ ", "esc \\"), parse("\u001b^pm\u001b\\"));
        assertEquals(List.of("str k name", "esc \\"), parse("\u001bkname\u001b\\"));
    }

    @Test
    void utf8AcrossFeedCalls() {
        byte[] b = "a\u4e2d\ud83d\ude00\u00e9".getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= b.length; split++) {
            Recorder r = new Recorder();
            VtParser p = new VtParser(r);
            p.feed(b, 0, split);
            p.feed(b, split, b.length - split);
            assertEquals(List.of("print a", "print \u4e2d", "print \ud83d\ude00", "print \u00e9"), r.ev, "split " + split);
        }
        // byte by byte
        Recorder r = new Recorder();
        VtParser p = new VtParser(r);
        for (byte x : b) p.feed(new byte[]{x}, 0, 1);
        assertEquals(4, r.ev.size());
    }

    @Test
    void invalidUtf8() {
        byte[] b = {'A', (byte) 0xc3, 'B', (byte) 0xff, 'C', (byte) 0x80, (byte) 0xe0, (byte) 0x80, (byte) 0x80, 'D',
                (byte) 0xed, (byte) 0xa0, (byte) 0x80, 'E', (byte) 0x9b, '3', '1', 'm'};
        assertEquals(List.of("print A", "print \ufffd", "print B", "print \ufffd", "print C", "print \ufffd",
                "print \ufffd", "print D", "print \ufffd", "print E", "print \ufffd", "print 31m"), parse(b));
        // Screen drops them like tmux
        Recorder quiet = new Recorder(false);
        new VtParser(quiet).feed(b, 0, b.length);
        assertEquals(List.of("print A", "print B", "print C", "print D", "print E", "print 31m"), quiet.ev);
    }

    @Test
    void randomGarbageNeverThrows() {
        Random r = new Random(12345);
        byte[] buf = new byte[100_000];
        r.nextBytes(buf);
        // bias towards interesting bytes
        for (int i = 0; i < buf.length; i += 7) buf[i] = (byte) "\u001b[];:?0123456789mPX^_\u0007\u0018\\".charAt(r.nextInt(24));
        Recorder rec = new Recorder();
        VtParser p = new VtParser(rec);
        int off = 0;
        while (off < buf.length) {
            int n = Math.min(buf.length - off, 1 + r.nextInt(300));
            p.feed(buf, off, n);
            off += n;
        }
        assertTrue(rec.ev.size() > 1000);
        // and through a Screen, at several sizes
        for (int[] sz : new int[][]{{80, 24}, {1, 1}, {3, 200}}) {
            Screen s = new Screen(sz[0], sz[1], 50);
            s.feed(buf);
            s.resize(sz[1], sz[0]);
            s.feed(buf);
            s.capture(new CaptureOptions(true, Integer.MIN_VALUE, null, true, true));
            Renderer.render(s);
            Renderer.renderHistoryAndScreen(s);
        }
    }
}
