package scarab.daemon.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When the status line is shown: auto keeps a one-pane session on the passthrough path. */
class StatusModeTest {
    @Test
    void autoShowsTheStatusLineOnlyWithMoreThanOneWindowOrPane() {
        assertFalse(StatusMode.AUTO.shown(1, 1));
        assertTrue(StatusMode.AUTO.shown(2, 2));
        assertTrue(StatusMode.AUTO.shown(1, 2));
        assertTrue(StatusMode.ON.shown(1, 1));
        assertFalse(StatusMode.OFF.shown(3, 9));
        assertEquals(StatusMode.ON, StatusMode.parse("on"));
        assertEquals("status wants off, on or auto, not \"maybe\"",
                assertThrows(IllegalArgumentException.class, () -> StatusMode.parse("maybe")).getMessage());
    }
}
