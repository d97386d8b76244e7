package scarab.daemon.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scope taken over after an upgrade answers for its process's end as one this daemon made would:
 * a pane cgroup (a directory standing in for one, since this machine cannot make them) whose
 * {@code memory.events} counts an OOM kill reads as "out of memory"; names that are not scarab's
 * scopes are not adopted.
 */
class ConfinementAdoptTest {
    @TempDir
    Path dir;

    private final Confinement confinement = new Confinement(Map.of("PATH", "/nonexistent"));

    private Path paneCgroup(String name, String events) throws Exception {
        Path cg = Files.createDirectory(dir.resolve(name));
        Files.writeString(cg.resolve("memory.events"), events);
        return cg;
    }

    @Test
    void anAdoptedCgroupTellsAnOomKillAndIsKeptForTheNextHandOver() throws Exception {
        Path cg = paneCgroup("scarab-pane-web-p3-1a2b", "low 0\nhigh 0\nmax 4\noom 1\noom_kill 1\n");
        assertTrue(confinement.adopt(1001, "cgroup:" + cg));
        assertEquals(Map.of(1001L, "cgroup:" + cg), confinement.handOver());
        assertEquals("out of memory", confinement.ended(1001));
        assertEquals(Map.of(), confinement.handOver());
        // its cgroup's files here are ordinary files, so the directory stays; the kernel's would go
        assertNull(confinement.ended(1001), "asked once");
    }

    @Test
    void anAdoptedCgroupWithoutAnOomKillIsAnOrdinaryEnd() throws Exception {
        Path cg = paneCgroup("scarab-pane-web-p4-1a2c", "oom 0\noom_kill 0\n");
        assertTrue(confinement.adopt(1002, "cgroup:" + cg));
        assertNull(confinement.ended(1002));
    }

    @Test
    void namesThatAreNotScarabsScopesAreNotAdopted() throws Exception {
        Path other = paneCgroup("user-session", "oom_kill 1\n");
        assertFalse(confinement.adopt(1003, "cgroup:" + other));
        assertFalse(confinement.adopt(1003, "cgroup:relative/scarab-pane-x"));
        assertFalse(confinement.adopt(1003, "cgroup:" + dir + "/../x/scarab-pane-x"));
        assertFalse(confinement.adopt(1003, "systemd:sshd.service"));
        assertFalse(confinement.adopt(1003, "systemd:scarab-x.scope; rm -rf"));
        assertFalse(confinement.adopt(1003, "elsewhere:scarab-x"));
        assertFalse(confinement.adopt(1003, null));
        assertEquals(Map.of(), confinement.handOver());
        assertNull(confinement.ended(1003));
    }

    @Test
    void anAdoptedSystemdUnitWithoutSystemctlIsAnOrdinaryEnd() {
        assertTrue(confinement.adopt(1004, "systemd:scarab-web-p3-1a2b.scope"));
        assertEquals(Map.of(1004L, "systemd:scarab-web-p3-1a2b.scope"), confinement.handOver());
        assertNull(confinement.ended(1004));
    }
}
