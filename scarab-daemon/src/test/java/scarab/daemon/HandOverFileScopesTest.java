package scarab.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scarab.daemon.pty.PtyChild;

/** The hand-over keeps which panes run in a scope under limits, and reads a file without any. */
class HandOverFileScopesTest {
    @TempDir
    Path dir;

    private static final Map<Integer, PtyChild.Fds> PANES = Map.of(
            3, new PtyChild.Fds(77, 41, 40, "/dev/pts/5"),
            4, new PtyChild.Fds(78, 43, 42, "/dev/pts/6"));

    @Test
    void scopesGoThroughTheFile() throws Exception {
        Path file = dir.resolve("handover.json");
        HandOverFile.write(file, HandOverFile.FORMAT, "test", PANES, Map.of(),
                Map.of(3, "systemd:scarab-web-p3-1a2b.scope"));
        HandOverFile.Contents read = HandOverFile.read(file);
        assertEquals(PANES, read.panes());
        assertEquals(Map.of(3, "systemd:scarab-web-p3-1a2b.scope"), read.scopes());
    }

    @Test
    void aFileWithoutScopesReadsAsNone() throws Exception {
        Path file = dir.resolve("handover.json");
        HandOverFile.write(file, HandOverFile.FORMAT, "test", PANES, Map.of());
        assertTrue(Files.readString(file).indexOf("scope") < 0);
        HandOverFile.Contents read = HandOverFile.read(file);
        assertEquals(PANES, read.panes());
        assertEquals(Map.of(), read.scopes());
    }

    @Test
    void aScopeThatIsNotTextIsADamagedFile() throws Exception {
        Path file = dir.resolve("handover.json");
        Files.writeString(file, "{\"format\":1,\"pid\":" + ProcessHandle.current().pid()
                + ",\"panes\":[{\"pane\":3,\"pid\":77,\"pidfd\":41,\"master\":40,\"pts\":\"/dev/pts/5\",\"scope\":7}]}");
        HandOverFile.Unusable e = assertThrows(HandOverFile.Unusable.class, () -> HandOverFile.read(file));
        assertTrue(e.getMessage().contains("damaged scope"), e.getMessage());
    }
}
