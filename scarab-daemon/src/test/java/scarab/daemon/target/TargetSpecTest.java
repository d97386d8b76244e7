package scarab.daemon.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import scarab.protocol.command.TargetKind;

class TargetSpecTest {
    private static String parts(String raw, TargetKind kind) {
        TargetSpec t = TargetSpec.parse(raw, kind);
        return (t.exactSession() ? "=" : "") + t.session() + "|" + (t.exactWindow() ? "=" : "") + t.window() + "|"
                + t.pane();
    }

    @Test
    void splitsAtTheFirstColonAndTheLastPeriod() {
        assertEquals("work|null|null", parts("work", TargetKind.SESSION));
        assertEquals("null|work|null", parts("work", TargetKind.WINDOW));
        assertEquals("null|null|work", parts("work", TargetKind.PANE));
        assertEquals("work|1|null", parts("work:1", TargetKind.PANE));
        assertEquals("work|1|2", parts("work:1.2", TargetKind.PANE));
        assertEquals("work|my.win|2", parts("work:my.win.2", TargetKind.PANE));
        assertEquals("work|a:b|null", parts("work:a:b", TargetKind.PANE));
        assertEquals("null|1|null", parts(":1", TargetKind.PANE));
        assertEquals("null|null|1", parts(".1", TargetKind.PANE));
        assertEquals("null|null|1", parts(":.1", TargetKind.PANE));
        assertEquals("a|null|null", parts("a:", TargetKind.PANE));
        assertEquals("null|editor|1", parts("editor.1", TargetKind.SESSION));
        assertEquals("null|api|v2", parts("api.v2", TargetKind.SESSION), "the resolver tries it whole as a name first");
        assertEquals("work|1|null", parts("work:1.", TargetKind.PANE));
    }

    @Test
    void idsAndExactNames() {
        assertEquals("$3|null|null", parts("$3", TargetKind.PANE));
        assertEquals("null|@4|null", parts("@4", TargetKind.SESSION));
        assertEquals("null|null|%5", parts("%5", TargetKind.WINDOW));
        assertEquals("=work|=ed|null", parts("=work:=ed", TargetKind.PANE));
        assertEquals("null|=ed|null", parts("=ed", TargetKind.WINDOW));
        assertEquals("null|null|=ed", parts("=ed", TargetKind.PANE), "a pane has no exact form");
        assertTrue(TargetSpec.parse("", TargetKind.PANE).isCurrent());
        assertTrue(TargetSpec.parse(null, TargetKind.PANE).isCurrent());
        assertTrue(TargetSpec.parse(":", TargetKind.PANE).isCurrent());
        assertEquals("work", TargetSpec.parse("work", TargetKind.PANE).raw());
    }
}
