package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A daemon started with a small heap (SCARAB_DAEMON_HEAP) that runs out of memory while it starts
 * exits at once (ExitOnOutOfMemoryError, status 3), and the client says the start failed instead of
 * taking that for another daemon winning the race and waiting for an answer; the next command
 * starts a daemon that works.
 */
class OutOfMemoryIT {
    private Scarab scarab;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        Path faults = scarab.faultDirectory();
        scarab.env.put("SCARAB_DAEMON_HEAP", "64m");
        Files.createFile(faults.resolve("allocate-until-oom"));
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    @Test
    void aDaemonOutOfMemoryAtStartIsAFailedStart() {
        Scarab.Result r = scarab.run("ls");
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().startsWith("scarab: the daemon failed to start: Terminating due to java.lang.OutOfMemoryError"),
                r.err());
        assertTrue(r.err().contains("(status 3;"), r.err());
        assertEquals(0, scarab.run("ls").status());
    }
}
