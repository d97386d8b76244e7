package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A session's process cannot be started: the program exists but exec would fail, or the daemon
 * is out of file descriptors. The caller gets one line saying why, nothing is half-created, and
 * the daemon carries on serving the sessions it has.
 */
class SpawnFailureIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private Scarab scarab;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        scarab.ok("new", "-d", "-e", "PS1=$ ", "-c", "/bin/sh", "bystander");
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    private Path executable(String name, String content) throws Exception {
        Path p = scarab.root.resolve(name);
        Files.writeString(p, content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private void assertFailsCleanly(String name, Scarab.Result r, String why) {
        System.out.println("refused: " + r.err().strip());
        assertEquals(1, r.status(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains(why), r.err());
        assertTrue(!scarab.ok("ls", "--names").contains(name), "nothing is listed");
        Scarab.waitFor("no process left for " + name, WAIT, () -> Faults.sessionProcesses(scarab.socket(), name).isEmpty());
    }

    private void bystanderIsServed(String marker) {
        scarab.ok("send-keys", "bystander", "echo " + marker, "Enter");
        Scarab.waitFor(marker, WAIT, () -> scarab.ok("capture", "bystander").contains(marker + "\n"));
    }

    @Test
    void programsThatExistButCannotBeExecuted() throws Exception {
        Path script = executable("orphan-script", "#!/no/such/interpreter -x\necho never\n");
        assertFailsCleanly("s1", scarab.run("new", "-d", "-c", script.toString(), "s1"),
                "its interpreter /no/such/interpreter does not exist");
        Path text = executable("no-shebang", "echo I am text, not a program\n");
        assertFailsCleanly("s2", scarab.run("new", "-d", "-c", text.toString(), "s2"),
                "not a program and no #! line");
        Path dataFile = scarab.root.resolve("not-executable");
        Files.writeString(dataFile, "#!/bin/sh\n");
        assertFailsCleanly("s3", scarab.run("new", "-d", "-c", dataFile.toString(), "s3"), "not an executable file");
        bystanderIsServed("still-here-1");
        Path fine = executable("fine", "#!/bin/sh\nexec sleep 1000\n");
        scarab.ok("new", "-d", "-c", fine.toString(), "s4");
    }

    /**
     * The spawn itself fails after the checks passed: the program is on the daemon's PATH but not
     * on the one the session is given (exec searches the session's PATH). Repeated failures must not
     * leave descriptors behind (the pty4j process layer used to leave 3 per failed spawn).
     */
    @Test
    void spawnFailsAfterTheChecks() throws Exception {
        long pid = scarab.daemonPid();
        scarab.run("new", "-d", "-e", "PATH=/nonexistent", "-c", "sleep 1000", "warm-up");
        int before = Faults.descriptors(pid);
        for (int i = 0; i < 20; i++) {
            assertFailsCleanly("lost", scarab.run("new", "-d", "-e", "PATH=/nonexistent", "-c", "sleep 1000", "lost"),
                    "cannot start sleep: command not found on the session's PATH (/nonexistent)");
        }
        Scarab.waitFor("the descriptors of 20 failed spawns to be given back (" + before + " open before, "
                + Faults.descriptors(pid) + " after)", WAIT,
                () -> Faults.descriptors(pid) <= before + 2);
        bystanderIsServed("still-here-2");
        scarab.ok("new", "-d", "-c", "sleep 1000", "lost");
        assertEquals(pid, scarab.daemonPid(), "the same daemon served throughout");
    }
}
