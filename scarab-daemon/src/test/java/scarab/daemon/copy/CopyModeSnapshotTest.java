package scarab.daemon.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import scarab.daemon.terminal.Screen;

/**
 * Copy mode works on the snapshot taken when it started, as tmux 3.3a's does (a pane that goes on
 * writing leaves its scroll_position and what it copies alone, checked by hand against tmux): the
 * view, the indicator and the copied text stay as they were while the screen takes more output,
 * and {@code refresh} takes the new lines.
 */
class CopyModeSnapshotTest {
    @Test
    void outputAfterTheStartChangesNothingUntilRefresh() {
        Screen screen = new Screen(20, 5, 2000);
        for (int i = 1; i <= 50; i++) {
            screen.feed("line " + i + "\r\n");
        }
        List<String> copies = new ArrayList<>();
        CopyMode mode = new CopyMode(screen.lines(), true, new CopyTarget() {
            @Override
            public void copy(byte[] text) {
                copies.add(new String(text, StandardCharsets.UTF_8));
            }

            @Override
            public void append(byte[] text) {
                copy(text);
            }
        });
        mode.command(2, "page-up");
        String indicator = mode.positionIndicator();
        assertEquals("[6/46]", indicator);
        for (int i = 51; i <= 500; i++) {
            screen.feed("more " + i + "\r\n");
        }
        assertEquals(indicator, mode.positionIndicator(), "the view stays where it was");
        mode.command("start-of-line");
        mode.command("begin-selection");
        mode.command("end-of-line");
        assertEquals(CopyMode.Action.REDRAW, mode.command("copy-selection"));
        assertEquals(List.of("line " + (46 - 6 + mode.cursorY() + 1)), copies);

        mode.refresh(screen.lines());
        assertEquals("[6/496]", mode.positionIndicator(), "a refresh takes the new lines, at the same offset");
        mode.command("history-bottom");
        mode.command("cursor-up");
        mode.command("start-of-line");
        mode.command("begin-selection");
        mode.command("end-of-line");
        mode.command("copy-selection-and-cancel");
        assertEquals("more 500", copies.get(1));
    }
}
