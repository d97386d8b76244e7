package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code rm -rf} of the data and state directories under a running daemon: SQLite would go on
 * committing to the deleted file and the next start would find nothing. The daemon notices the
 * file is gone, makes it again from what it holds, and says so.
 */
class DeletedDataDirectoryIT {
    private Scarab scarab;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    private void removeTree(String dir) throws Exception {
        assertEquals(0, new ProcessBuilder("rm", "-rf", scarab.root.resolve(dir).toString()).start().waitFor());
    }

    @Test
    void theSnapshotRoundNoticesItWithoutAnyRequest() throws Exception {
        scarab.ok("new", "-d", "-c", "sleep 1000", "quiet");
        long pid = scarab.daemonPid();
        removeTree("data");
        Scarab.waitFor("the database to be made again", Duration.ofSeconds(120), () -> Files.exists(scarab.database()));
        Scarab.waitFor("the daemon to say so", Duration.ofSeconds(60),
                () -> scarab.ok("daemon", "status").contains("1 sessions written back from memory"));
        Scarab.Result ls = scarab.run("ls");
        assertTrue((ls.out() + ls.err()).contains("was deleted under the running daemon; it was made again"), "ls says so: " + ls);
        assertEquals(pid, scarab.daemonPid());
        scarab.ok("daemon", "stop");
        assertEquals(Set.of("quiet"), scarab.sessionsByName().keySet());
    }

    @Test
    void everySessionComesBackAfterTheDataDirectoryWasDeleted() throws Exception {
        scarab.ok("new", "-d", "-c", "sleep 1000", "one");
        scarab.ok("new", "-d", "-c", "sh -c \"echo hello-from-two; sleep 1000\"", "two");
        Scarab.waitFor("two's output", Duration.ofSeconds(60), () -> scarab.run("capture", "two").out().contains("hello-from-two"));
        removeTree("data");
        removeTree("state");

        scarab.ok("new", "-d", "-c", "sleep 1000", "three");
        assertTrue(Files.exists(scarab.database()), "the database is there again");
        String status = scarab.ok("daemon", "status");
        assertTrue(status.contains("after it was deleted under the running daemon; 2 sessions written back from memory")
                || status.contains("after it was deleted under the running daemon; 3 sessions written back from memory"), status);
        // The screens go in at the next snapshot round; the stop takes a last one anyway.
        scarab.ok("daemon", "stop");

        assertEquals(Set.of("one", "two", "three"), scarab.sessionsByName().keySet());
        Scarab.waitFor("two's screen restored", Duration.ofSeconds(60), () -> scarab.run("capture", "two").out().contains("hello-from-two"));
    }
}
