package scarab.daemon.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Layout strings that tmux refuses: a clear message, and the layout exactly as it was. */
class LayoutStringsTest {

    /** Three panes: %0 on the left, %1 over %2 on the right, in 120x40. */
    private static Layout threePanes() {
        Layout l = Layout.single(0, 120, 40);
        l.split(0, 1, SplitSpec.leftRight());
        l.split(1, 2, SplitSpec.topBottom());
        return l;
    }

    private static String withChecksum(String body) {
        return String.format("%04x,%s", LayoutStrings.checksum(body), body);
    }

    private static void assertRefused(String layout, String message) {
        Layout l = threePanes();
        String before = l.layoutString();
        List<PaneGeometry> panes = l.panes();
        LayoutException e = assertThrows(LayoutException.class, () -> l.select(layout));
        assertEquals(message, e.getMessage());
        assertEquals(before, l.layoutString());
        assertEquals(panes, l.panes());
        assertEquals(120, l.windowWidth());
        assertEquals(40, l.windowHeight());
    }

    @Test
    void aLayoutStringRoundTrips() {
        Layout l = threePanes();
        String s = l.layoutString();
        assertEquals("95e4,120x40,0,0{60x40,0,0,0,59x40,61,0[59x20,61,0,1,59x19,61,21,2]}", s);
        Layout other = threePanes();
        other.select("even-vertical");
        other.select(s);
        assertEquals(s, other.layoutString());
        assertEquals(l.panes(), other.panes());
    }

    @Test
    void aWrongChecksumIsRefused() {
        assertRefused("95e5,120x40,0,0{60x40,0,0,0,59x40,61,0[59x20,61,0,1,59x19,61,21,2]}",
                "invalid layout: 95e5,120x40,0,0{60x40,0,0,0,59x40,61,0[59x20,61,0,1,59x19,61,21,2]}");
    }

    @Test
    void malformedStringsAreRefused() {
        for (String body : List.of("", "120x40", "120x40,0", "x40,0,0,1", "120x40,0,0{60x40,0,0,0",
                "120x40,0,0{60x40,0,0,0,59x40,61,0]", "120x40,0,0,0junk", "120x40,0,0(1x1,0,0,0)",
                "120x40,0,0{}", "99999999999x40,0,0,0")) {
            String layout = withChecksum(body);
            assertRefused(layout, "invalid layout: " + layout);
        }
        for (String junk : List.of("", "abc", "nonsense-layout", "main-", "even-", "zzzz,1x1,0,0,0")) {
            assertRefused(junk, "invalid layout: " + junk);
        }
    }

    @Test
    void fewerCellsThanPanesIsRefused() {
        String layout = withChecksum("120x40,0,0{60x40,0,0,0,59x40,61,0,1}");
        assertRefused(layout, "have 3 panes but need 2: " + layout);
    }

    @Test
    void cellsThatDoNotAddUpAreRefused() {
        String layout = withChecksum("120x40,0,0{60x40,0,0,0,59x40,61,0[59x20,61,0,1,59x10,61,21,2]}");
        assertRefused(layout, "size mismatch after applying layout: " + layout);
    }

    @Test
    void moreCellsThanPanesLoseTheBottomRightOnes() {
        Layout l = Layout.single(7, 80, 24);
        l.split(7, 8, SplitSpec.leftRight());
        l.select(withChecksum("80x24,0,0{40x24,0,0,0,39x24,41,0[39x12,41,0,1,39x11,41,13,2]}"));
        assertEquals(List.of(new PaneGeometry(7, 0, 0, 40, 24), new PaneGeometry(8, 41, 0, 39, 24)), l.panes());
    }

    @Test
    void presetNamesTakeUniquePrefixes() {
        Layout l = threePanes();
        l.select("even-h");
        assertEquals(List.of(new PaneGeometry(0, 0, 0, 39, 40), new PaneGeometry(1, 40, 0, 39, 40),
                new PaneGeometry(2, 80, 0, 40, 40)), l.panes());
    }

    @Test
    void splitRefusalsChangeNothing() {
        Layout l = Layout.single(0, 2, 2);
        String before = l.layoutString();
        assertEquals("no space for new pane",
                assertThrows(LayoutException.class, () -> l.split(0, 1, SplitSpec.leftRight())).getMessage());
        assertEquals("size too small", assertThrows(LayoutException.class,
                () -> l.split(0, 1, SplitSpec.topBottom().withCells(-1))).getMessage());
        assertEquals(before, l.layoutString());
        assertEquals(List.of(0), l.paneIds());
    }
}
