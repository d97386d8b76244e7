package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.protocol.Protocol;
import scarab.protocol.Version;

/**
 * A client meeting a daemon of another protocol version, as after installing a new release while
 * the old daemon runs: ordinary commands are refused with words that say which side is older and
 * what to run, and the new client's {@code daemon upgrade} (and {@code daemon status}) still work,
 * so the daemon is moved to the installed release with every process kept. The daemon plays
 * another release with a test fault that fires once: the program the upgrade executes speaks the
 * real version, as a newly installed one would.
 */
class UpgradeProtocolIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private Scarab scarab;
    private Path faults;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        faults = scarab.faultDirectory();
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    private long panePid(String name) {
        String[] pid = new String[1];
        Scarab.waitFor(name + "'s program", WAIT, () -> {
            pid[0] = scarab.ok("list-panes", "-t", name, "-F", "#{pane_pid}").strip();
            return !pid[0].isEmpty();
        });
        return Long.parseLong(pid[0]);
    }

    @Test
    void aNewerClientUpgradesAnOlderDaemonInPlace() throws Exception {
        scarab.ok("new", "-d", "-c", "sleep 100000", "work");
        long pid = panePid("work");
        long daemon = scarab.daemonPid();
        // The running daemon plays an older release from its next hello on.
        Files.createFile(faults.resolve("protocol-older"));

        Scarab.Result ls = scarab.run("ls");
        assertEquals(1, ls.status(), ls.out());
        String older = "the daemon runs Scarab " + Version.get() + " (protocol " + (Protocol.VERSION - 1)
                + "), older than this client (Scarab " + Version.get() + ", protocol " + Protocol.VERSION + ")";
        assertEquals("scarab: " + older + "; move the daemon to the installed version in place, keeping every session"
                + " and its processes: scarab daemon upgrade\n", ls.err());
        String status = scarab.ok("daemon", "status");
        assertTrue(status.contains("problem:  " + older), status);
        String version = scarab.ok("--version");
        assertTrue(version.contains("(protocol " + (Protocol.VERSION - 1) + "); scarab daemon upgrade runs this version"),
                version);

        Scarab.Result upgraded = scarab.run("daemon", "upgrade");

        assertEquals(0, upgraded.status(), upgraded.err());
        assertTrue(upgraded.out().contains("daemon upgraded in place (pid " + daemon + ")"), upgraded.out());
        assertEquals(daemon, scarab.daemonPid());
        assertTrue(scarab.ok("ls").contains("work"), "the client and the daemon agree now");
        assertEquals(pid, panePid("work"), "the same program");
        assertFalse(scarab.ok("daemon", "status").contains("problem:"));
    }

    @Test
    void anOlderClientIsToldToUseTheDaemonsRelease() throws Exception {
        scarab.ok("daemon", "start");
        Files.createFile(faults.resolve("protocol-newer"));

        Scarab.Result ls = scarab.run("ls");

        assertEquals(1, ls.status(), ls.out());
        assertEquals("scarab: the daemon runs Scarab " + Version.get() + " (protocol " + (Protocol.VERSION + 1)
                + "), newer than this client (Scarab " + Version.get() + ", protocol " + Protocol.VERSION + "); use the"
                + " scarab installed with the daemon, or install this version and move the daemon to it in place"
                + " (keeping every session and its processes): scarab daemon upgrade\n", ls.err());
        Scarab.Result attach = scarab.run("new", "-d", "x");
        assertEquals(1, attach.status());
        assertTrue(attach.err().contains("newer than this client"), attach.err());
        assertTrue(scarab.ok("daemon", "status").contains("problem:  the daemon runs Scarab"));
    }
}
