package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An upgrade whose adoption goes wrong halfway, after some panes were already taken over: a
 * process killed during the adoption is adopted dead and its end reported as any program's, and a
 * pane whose check fails sends its whole session back to the ordinary restore. Either way every
 * other session keeps its processes, and no session is left half adopted.
 */
class UpgradeAdoptionFaultsIT {
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

    private List<Long> pids(String target) {
        String[] out = new String[1];
        Scarab.waitFor(target + "'s programs", WAIT, () -> {
            out[0] = scarab.ok("list-panes", "-t", target, "-F", "#{pane_pid}").strip();
            return !out[0].isEmpty() && !out[0].lines().anyMatch(String::isBlank);
        });
        return Arrays.stream(out[0].split("\n")).map(Long::parseLong).toList();
    }

    private String paneNumber(String target) {
        return scarab.ok("display", "-p", "-t", target, "#{pane_id}").strip().substring(1);
    }

    private String status(String name) throws Exception {
        return scarab.sessionsByName().get(name).get("status").asText();
    }

    private static boolean gone(long pid) {
        return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
    }

    @Test
    void aProcessKilledDuringTheAdoptionReportsItsEndAndTheOthersGoOn() throws Exception {
        scarab.ok("new", "-d", "-c", "sleep 100001", "first");
        scarab.ok("new", "-d", "-c", "sleep 100002", "pair");
        scarab.ok("split-window", "-t", "pair", "-c", "sleep 100003");
        scarab.ok("new", "-d", "-c", "sleep 100004", "victim");
        scarab.ok("new", "-d", "-c", "sleep 100005", "last");
        long first = pids("first").get(0);
        List<Long> pair = pids("pair");
        long victim = pids("victim").get(0);
        long last = pids("last").get(0);
        // Killed at their own checks: the second pane of pair (its first one adopted already), and victim.
        Files.createFile(faults.resolve("upgrade-kill-pane-" + paneNumber("pair:0.1")));
        Files.createFile(faults.resolve("upgrade-kill-pane-" + paneNumber("victim")));

        String said = scarab.ok("daemon", "upgrade");

        assertTrue(said.contains("upgraded in place"), said);
        assertFalse(said.contains("problem"), said);
        assertEquals(List.of(first), pids("first"));
        assertEquals(List.of(last), pids("last"));
        Scarab.waitFor("victim's end reported", WAIT, () -> {
            try {
                return status("victim").equals("exited");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(128 + 9, scarab.sessionsByName().get("victim").get("exitCode").asInt(), "killed by SIGKILL");
        assertEquals(137, scarab.run("wait", "victim").status());
        assertTrue(gone(victim));
        // pair was adopted whole: its first pane's program goes on, the killed one's pane went as any ended pane's.
        Scarab.waitFor("the killed pane gone from pair", WAIT, () -> pids("pair").size() == 1);
        assertEquals(List.of(pair.get(0)), pids("pair"));
        assertTrue(gone(pair.get(1)));
        assertEquals("running", status("pair"));
        assertFalse(scarab.ok("capture", "-S", "-", "pair").contains("after daemon restart"), "not restored");
        assertFalse(scarab.ok("ls").contains("restored"), scarab.ok("ls"));
        assertNoZombieChildren(scarab.daemonPid());
    }

    @Test
    void aPaneRefusedHalfwayRestoresItsWholeSessionAndOnlyIt() throws Exception {
        scarab.ok("new", "-d", "-c", "sleep 100001", "kept");
        scarab.ok("new", "-d", "-c", "sleep 100002", "pair");
        scarab.ok("split-window", "-t", "pair", "-c", "sleep 100003");
        long kept = pids("kept").get(0);
        List<Long> pair = pids("pair");
        Files.createFile(faults.resolve("upgrade-refuse-pane-" + paneNumber("pair:0.1")));

        String said = scarab.ok("daemon", "upgrade");

        assertTrue(said.contains("problem:  upgrade: session") && said.contains("pair restarted: pane %"), said);
        assertEquals(List.of(kept), pids("kept"));
        List<Long> restarted = pids("pair");
        assertEquals(2, restarted.size());
        // Both panes of pair started again, the one adopted before the refusal too: never half adopted.
        assertNotEquals(pair.get(0), restarted.get(0));
        assertNotEquals(pair.get(1), restarted.get(1));
        Scarab.waitFor("pair's old programs hung up", WAIT, () -> gone(pair.get(0)) && gone(pair.get(1)));
        assertTrue(scarab.ok("capture", "-S", "-", "pair:0.0").contains("after daemon restart]"), "the restore's marker");
        assertTrue(scarab.ok("daemon", "status").contains("pair restarted"), "said by daemon status");
        String log = Files.readString(scarab.root.resolve("state/scarab/daemon.log"));
        assertTrue(log.contains("refused for a test"), "said in the log");
        // The daemon holds the terminals of kept and of pair's two new programs, and no other.
        Scarab.waitFor("only the live programs' terminals held", WAIT, () -> ptyMasters(scarab.daemonPid()) == 3);
        assertNoZombieChildren(scarab.daemonPid());
    }

    private static long ptyMasters(long pid) {
        try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return fds.filter(fd -> {
                try {
                    String t = Files.readSymbolicLink(fd).toString();
                    return t.equals("/dev/ptmx") || t.equals("/dev/pts/ptmx");
                } catch (java.io.IOException e) {
                    return false;
                }
            }).count();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** Every child of the daemon that ended has been reaped (waitpid works across the exec). */
    private static void assertNoZombieChildren(long daemon) {
        Scarab.waitFor("no unreaped child of the daemon", WAIT, () -> {
            try (var procs = Files.list(Path.of("/proc"))) {
                return procs.filter(p -> p.getFileName().toString().matches("\\d+")).noneMatch(p -> {
                    try {
                        String stat = Files.readString(p.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        return f[0].equals("Z") && Long.parseLong(f[1]) == daemon;
                    } catch (java.io.IOException | RuntimeException e) {
                        return false;
                    }
                });
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }
}
