package scarab.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TerminalModesTest {
    @Test
    void encodesAndDecodesEveryField() {
        byte[] cc = new byte[32];
        cc[0] = 3;
        cc[2] = (byte) 0x7f;
        cc[31] = (byte) 0xff;
        TerminalModes m = new TerminalModes(0x500, 0x5, 0xbf, 0x8a3b, 0xf, 0xffff_ffffL, cc);
        String text = m.encode();
        assertEquals("500:5:bf:8a3b:f:ffffffff:3:0:7f", text.substring(0, "500:5:bf:8a3b:f:ffffffff:3:0:7f".length()));
        TerminalModes back = TerminalModes.decode(text);
        assertEquals(m, back);
        assertArrayEquals(cc, back.cc());
    }

    @Test
    void theControlCharactersCannotBeChangedFromOutside() {
        byte[] cc = {1, 2};
        TerminalModes m = new TerminalModes(0, 0, 0, 0, 0, 0, cc);
        cc[0] = 9;
        m.cc()[1] = 9;
        assertArrayEquals(new byte[] {1, 2}, m.cc());
    }

    @Test
    void refusesWhatIsNotModes() {
        for (String bad : new String[] {"", "1:2:3", "1:2:3:4:5:x", "1:2:3:4:5:6:100", "1:2:3:4:5:6:-1",
                "100000000:0:0:0:0:0", "1:2:3:4:5:6:" + "0:".repeat(70) + "0"}) {
            assertThrows(IllegalArgumentException.class, () -> TerminalModes.decode(bad), bad);
        }
    }
}
