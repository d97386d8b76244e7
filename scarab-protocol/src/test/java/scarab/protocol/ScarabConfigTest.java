package scarab.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScarabConfigTest {
    @TempDir
    Path dir;

    private Path write(String toml) throws Exception {
        Path f = dir.resolve("config.toml");
        Files.writeString(f, toml);
        return f;
    }

    @Test
    void missingFileIsTheEmptyConfig() {
        assertSame(ScarabConfig.EMPTY, ScarabConfig.load(dir.resolve("nope.toml")));
    }

    @Test
    void everyKeyIsRead() throws Exception {
        ScarabConfig c = ScarabConfig.load(write("""
                default-command = ["/bin/zsh", "-l"]
                scrollback = 500
                detach-keys = "ctrl-a,d"
                snapshot-interval = "5s"
                restore = "lazy"
                cleanup-exited-after = "7d"
                cleanup-detached-after = "30d"
                log-level = "debug"
                max-sessions = 10
                max-clients-per-session = 3
                """));
        assertEquals(List.of("/bin/zsh", "-l"), c.defaultCommand());
        assertEquals(500, c.scrollback());
        assertEquals("ctrl-a,d", c.detachKeys());
        assertEquals(Duration.ofSeconds(5), ScarabConfig.duration(c.snapshotInterval()));
        assertEquals("lazy", c.restore());
        assertEquals(10, c.maxSessions());
    }

    @Test
    void historyIsBoundedInLinesAndBytes() throws Exception {
        ScarabConfig c = ScarabConfig.load(write("history-limit = 2000\nhistory-bytes = \"8MB\"\n"));
        assertEquals(2000, c.historyLines());
        assertEquals(8L << 20, ScarabConfig.bytes(c.historyBytes()));
        assertEquals(700, ScarabConfig.load(write("scrollback = 700\n")).historyLines(), "the older name still works");
        assertEquals(1536L, ScarabConfig.bytes("1536"));
        assertEquals(512L << 10, ScarabConfig.bytes("512 KiB"));
        assertEquals(2L << 30, ScarabConfig.bytes("2g"));
        Path both = write("scrollback = 100\nhistory-limit = 200\n");
        assertTrue(assertThrows(ScarabConfig.ConfigException.class, () -> ScarabConfig.load(both)).getMessage()
                .contains("only one of history-limit and scrollback"));
        Path bad = write("history-bytes = \"lots\"\n");
        assertTrue(assertThrows(ScarabConfig.ConfigException.class, () -> ScarabConfig.load(bad)).getMessage()
                .contains(":1: bad value for \"history-bytes\": expected a size like 16MB"));
    }

    @Test
    void aTypoIsReportedWithFileLineAndKey() throws Exception {
        Path f = write("scrollback = 100\n\nrestor = \"lazy\"\n");
        ScarabConfig.ConfigException e = assertThrows(ScarabConfig.ConfigException.class, () -> ScarabConfig.load(f));
        assertTrue(e.getMessage().startsWith(f + ":3: unknown key \"restor\""), e.getMessage());
    }

    @Test
    void badValuesAreReportedWithTheirLine() throws Exception {
        Path f = write("log-level = \"info\"\nsnapshot-interval = \"soon\"\n");
        ScarabConfig.ConfigException e = assertThrows(ScarabConfig.ConfigException.class, () -> ScarabConfig.load(f));
        assertTrue(e.getMessage().startsWith(f + ":2: bad value for \"snapshot-interval\""), e.getMessage());
        Path g = write("restore = \"sometimes\"\n");
        assertTrue(assertThrows(ScarabConfig.ConfigException.class, () -> ScarabConfig.load(g)).getMessage()
                .contains(":1: bad value for \"restore\": expected eager, lazy or none"));
        Path h = write("scrollback = \"lots\"\n");
        assertTrue(assertThrows(ScarabConfig.ConfigException.class, () -> ScarabConfig.load(h)).getMessage()
                .contains("bad value for \"scrollback\""));
        Path i = write("scrollback = [\n");
        assertTrue(assertThrows(ScarabConfig.ConfigException.class, () -> ScarabConfig.load(i)).getMessage()
                .contains("not valid TOML"));
    }
}
