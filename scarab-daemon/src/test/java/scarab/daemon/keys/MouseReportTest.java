package scarab.daemon.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import scarab.protocol.DetachKeys;

/** Mouse reports read from a client's terminal, and written for a pane's program as it asked (tmux's input_key_get_mouse). */
class MouseReportTest {
    private static String latin1(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void sgrPressReleaseWheelAndDragAreRead() {
        MouseReport press = MouseReport.parse("\033[<0;12;5M");
        assertEquals(new MouseReport(0, 11, 4, 'M', 0), press);
        assertFalse(press.release());
        assertFalse(press.drag());
        MouseReport release = MouseReport.parse("\033[<0;12;5m");
        assertEquals(3, release.b(), "tmux: b |= 3 for an SGR release");
        assertEquals(0, release.sgrB());
        assertTrue(release.release());
        MouseReport wheel = MouseReport.parse("\033[<64;1;1M");
        assertTrue(wheel.wheel());
        assertTrue(wheel.wheelUp());
        assertFalse(MouseReport.parse("\033[<65;1;1M").wheelUp());
        MouseReport drag = MouseReport.parse("\033[<32;300;200M");
        assertTrue(drag.drag());
        assertEquals(0, drag.button());
        assertEquals(299, drag.x());
        assertEquals(199, drag.y());
    }

    @Test
    void x10IsReadFromItsThreeBytes() {
        // ESC [ M, button 0 + 32, x 10 + 33, y 3 + 33
        MouseReport m = MouseReport.parse("\033[M" + (char) 32 + (char) 43 + (char) 36);
        assertEquals(new MouseReport(0, 10, 3, ' ', 0), m);
        assertFalse(m.sgr());
        MouseReport high = MouseReport.parse("\033[M" + (char) (32 + 64) + (char) 0xff + (char) 0xff);
        assertTrue(high.wheelUp());
        assertEquals(0xff - 33, high.x());
    }

    @Test
    void whatIsNotAReportIsNull() {
        assertNull(MouseReport.parse("\033[A"));
        assertNull(MouseReport.parse("\033[<0;1M"));
        assertNull(MouseReport.parse("\033[<0;0;1M"), "coordinates start at 1");
        assertNull(MouseReport.parse("\033[<a;1;1M"));
        assertNull(MouseReport.parse("\033[<0;1;1;1M"));
        assertNull(MouseReport.parse("\033[<0;1;1H"));
    }

    private static final MouseEncoder.Modes X10 = new MouseEncoder.Modes(1000, false, false, false);
    private static final MouseEncoder.Modes BUTTON = new MouseEncoder.Modes(1002, false, false, false);
    private static final MouseEncoder.Modes SGR = new MouseEncoder.Modes(1000, true, false, false);
    private static final MouseEncoder.Modes UTF8 = new MouseEncoder.Modes(1000, false, true, false);
    private static final MouseEncoder.Modes URXVT = new MouseEncoder.Modes(1000, false, false, true);

    @Test
    void encodedForEachModeAtThePanesCell() {
        MouseReport wheel = MouseReport.parse("\033[<64;50;20M");
        assertNull(MouseEncoder.encode(wheel, 0, 9, 4, MouseEncoder.Modes.NONE), "no mouse asked for");
        assertEquals("\033[<64;10;5M", latin1(MouseEncoder.encode(wheel, 0, 9, 4, SGR)));
        assertEquals("\033[M" + (char) 96 + (char) 42 + (char) 37, latin1(MouseEncoder.encode(wheel, 0, 9, 4, X10)));
        assertEquals("\033[96;10;5M", latin1(MouseEncoder.encode(wheel, 0, 9, 4, URXVT)));
        // UTF-8: 200 + 33 = 233 is two bytes
        assertEquals("\033[M" + (char) 96 + (char) 0xc3 + (char) 0xa9 + (char) 37,
                latin1(MouseEncoder.encode(wheel, 0, 200, 4, UTF8)));
        // X10 clamps a column past 222 to 255
        assertEquals("\033[M" + (char) 96 + (char) 0xff + (char) 37, latin1(MouseEncoder.encode(wheel, 0, 400, 4, X10)));
    }

    @Test
    void sgrReleaseKeepsItsButtonOnlyForSgrPrograms() {
        MouseReport release = MouseReport.parse("\033[<2;5;5m");
        assertEquals("\033[<2;1;1m", latin1(MouseEncoder.encode(release, 2, 0, 0, SGR)));
        assertEquals("\033[M" + (char) 35 + (char) 33 + (char) 33, latin1(MouseEncoder.encode(release, 2, 0, 0, X10)));
    }

    @Test
    void motionOnlyForProgramsThatAskedForIt() {
        MouseReport drag = MouseReport.parse("\033[<32;5;5M");
        assertNull(MouseEncoder.encode(drag, 0, 4, 4, X10), "1000 gets no motion");
        assertEquals("\033[M" + (char) 64 + (char) 37 + (char) 37, latin1(MouseEncoder.encode(drag, 0, 4, 4, BUTTON)));
        MouseReport move = MouseReport.parse("\033[<35;5;5M");
        assertNull(MouseEncoder.encode(move, 3, 4, 4, new MouseEncoder.Modes(1002, true, false, false)),
                "motion without a button: 1003 only");
        assertEquals("\033[<35;5;5M", latin1(MouseEncoder.encode(move, 3, 4, 4, new MouseEncoder.Modes(1003, true, false, false))));
    }

    /** Records what the reader hands on. */
    private static final class Recorder implements KeyReader.Handler {
        final List<String> events = new ArrayList<>();
        boolean mouse = true;

        @Override public boolean keysWanted() { return false; }
        @Override public void forward(byte[] bytes) { events.add("f:" + latin1(bytes)); }
        @Override public void prefixKey(String key) { events.add("p:" + key); }
        @Override public boolean key(String key) { return false; }
        @Override public void detach() { events.add("detach"); }
        @Override public boolean mouseOn() { return mouse; }
        @Override public void mouse(MouseReport report) { events.add("m:" + report.b() + "," + report.x() + "," + report.y()); }
    }

    private static void feed(KeyReader r, Recorder h, String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        r.read(b, b.length, h);
    }

    @Test
    void theReaderCutsReportsOutOfTypingEvenAcrossReads() {
        KeyReader r = new KeyReader(DetachKeys.parse("ctrl-b,d"));
        Recorder h = new Recorder();
        feed(r, h, "ab\033[<0;3;4Mcd\033[<64;1");
        feed(r, h, ";1Mx\033[M" + (char) 32);
        feed(r, h, (char) 33 + "" + (char) 33 + "\033[Ay\033");
        assertEquals(List.of("f:ab", "m:0,2,3", "f:cd", "m:64,0,0", "f:x", "m:0,0,0", "f:\033[A", "f:y", "f:\033"), h.events);
    }

    @Test
    void aReportBetweenThePrefixAndItsKeyLeavesThePrefixWaiting() {
        KeyReader r = new KeyReader(DetachKeys.parse("ctrl-b,d"));
        Recorder h = new Recorder();
        feed(r, h, "\u0002\033[<0;1;1M%");
        assertEquals(List.of("m:0,0,0", "p:%"), h.events);
    }

    @Test
    void withTheMouseOffReportsAreTyping() {
        KeyReader r = new KeyReader(DetachKeys.parse("ctrl-b,d"));
        Recorder h = new Recorder();
        h.mouse = false;
        feed(r, h, "\033[<0;3;4M");
        assertEquals(List.of("f:\033[<0;3;4M"), h.events);
    }

    @Test
    void aLongSgrReportIsStillOneKey() {
        KeyReader r = new KeyReader(DetachKeys.parse("ctrl-b,d"));
        Recorder h = new Recorder();
        feed(r, h, "\033[<64;1000;1000M");
        assertEquals(List.of("m:64,999,999"), h.events);
    }
}
