package scarab.daemon.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QueryReplyFilterTest {
    private final QueryReplyFilter filter = new QueryReplyFilter();

    private String pass(String typed) {
        return new String(filter.filter(typed.getBytes(StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1);
    }

    @Test
    void deviceAttributesStatusModesSizeAndVersionAnswersAreTakenOut() {
        assertEquals("ab", pass("a\033[?1;2cb"));
        assertEquals("", pass("\033[>84;0;0c"));
        assertEquals("x", pass("\033[0nx"));
        assertEquals("", pass("\033[?2004;1$y\033[4;2$y"));
        assertEquals("", pass("\033[8;30;100t"));
        assertEquals("k", pass("\033P>|tmux 3.3a\033\\k"));
    }

    @Test
    void keysPassUntouched() {
        String keys = "ls\r\033[A\033[1;5D\033OP\033[15~\033[200~text\033[201~\033x\033[M !!\033[<0;3;4M\033P";
        assertEquals(keys, pass(keys));
    }

    @Test
    void aCursorPositionReportIsTakenOutOnlyWhenOwed() {
        // Shift-F3 has the form of a cursor position report.
        assertEquals("\033[1;2R", pass("\033[1;2R"));
        filter.expectPositionReports(1);
        assertEquals("z", pass("\033[5;1Rz"));
        assertEquals("\033[1;2R", pass("\033[1;2R"));
    }

    @Test
    void aReplyCutByTheEndOfAReadIsHeldUntilTheNextRead() {
        assertEquals("a", pass("a\033[?1;"));
        assertEquals("b", pass("2cb"));
        assertEquals("", pass("\033P>|tm"));
        assertEquals("", pass("ux\033"));
        assertEquals("c", pass("\\c"));
        // A key cut the same way comes out whole.
        assertEquals("", pass("\033[1;5"));
        assertEquals("\033[1;5Dq", pass("Dq"));
    }

    @Test
    void escapeAltBracketAndAltPAtTheEndOfAReadAreKeysAndGoAtOnce() {
        assertEquals("i\033", pass("i\033"));
        assertEquals("[?1;2c", pass("[?1;2c"));
        assertEquals("\033[", pass("\033["));
        assertEquals("\033P", pass("\033P"));
    }

    @Test
    void countsTheEmulatorsPositionReports() {
        assertEquals(2, QueryReplyFilter.positionReports(
                "\033[5;1R\033[?1;2c\033[12;80R".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(0, QueryReplyFilter.positionReports("\033[0n".getBytes(StandardCharsets.US_ASCII)));
    }
}
