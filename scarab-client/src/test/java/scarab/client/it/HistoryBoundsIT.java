package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** history-bytes in the config file bounds what a session keeps in memory of a flood of heavy cells. */
class HistoryBoundsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private Scarab scarab;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        Files.createDirectories(scarab.root.resolve("config/scarab"));
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    @Test
    void historyBytesBoundsACombiningMarkFlood() throws Exception {
        Files.writeString(scarab.root.resolve("config/scarab/config.toml"), "history-limit = 10000\nhistory-bytes = \"1MB\"\n"
                + "history-disk = \"0\"\n"); // the memory bound alone (HistoryDiskIT: what goes to disk)
        String cell = "\u03b1\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308"; // α + 9 combining marks
        StringBuilder flood = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            flood.append(cell.repeat(199)).append('\n');
        }
        Path file = scarab.root.resolve("flood.txt");
        Files.writeString(file, flood);
        scarab.ok("new", "-d", "--size", "200x30", "-c", "sh -c 'cat " + file + "; echo flood-$((6*7)); exec sleep 1000'", "heavy");
        Scarab.waitFor("the flood to end", WAIT, () -> scarab.ok("capture", "heavy").contains("flood-42"));
        long lines = scarab.ok("capture", "-S", "-", "heavy").lines().count();
        // 199 such cells take about 6 KB a line in history: 1 MB holds under 200 of the 1500 lines
        assertTrue(lines > 30 && lines < 230, "lines kept under a 1 MB history bound: " + lines);
    }
}
