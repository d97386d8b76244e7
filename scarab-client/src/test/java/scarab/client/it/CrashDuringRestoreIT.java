package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The daemon is killed -9 while it runs a session, while it restores it, and after it restored it.
 * A session's program that outlives its daemon (it ignores the hang-up) has lost its terminal for
 * good; the next daemon ends it before it starts the command again, so a session never has two.
 */
class CrashDuringRestoreIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private Scarab scarab;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
    }

    @AfterEach
    void stop() throws Exception {
        for (long pid : Faults.sessionProcesses(scarab.socket(), "stubborn")) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        scarab.close();
    }

    private void kill9Daemon() {
        long pid = scarab.daemonPid();
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
        daemon.destroyForcibly();
        daemon.onExit().join();
    }

    private boolean running(String name) {
        try {
            JsonNode s = scarab.sessionsByName().get(name);
            return s != null && "running".equals(s.get("status").asText());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static long parent(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
    }

    @Test
    void aSessionNeverHasTwoProcessesAfterDaemonCrashes() throws Exception {
        scarab.ok("new", "-d", "-c", "sh -c 'trap \"\" HUP; exec sleep 1000'", "stubborn");
        List<Long> first = Faults.sessionProcesses(scarab.socket(), "stubborn");
        assertEquals(1, first.size());

        kill9Daemon(); // while it runs the session: its program ignores the hang-up and lives on
        scarab.ok("ls"); // a new daemon, restoring in the background ...
        kill9Daemon(); // ... killed at once: during its restore
        Scarab.waitFor("the session to be restored", WAIT, () -> running("stubborn"));
        kill9Daemon(); // killed after it restored the session

        Scarab.waitFor("the session to be restored again", WAIT, () -> running("stubborn"));
        long daemon = scarab.daemonPid();
        Scarab.waitFor("one process for the session, the last daemon's", WAIT, () -> {
            List<Long> now = Faults.sessionProcesses(scarab.socket(), "stubborn");
            return now.size() == 1;
        });
        List<Long> now = Faults.sessionProcesses(scarab.socket(), "stubborn");
        assertEquals(1, now.size(), "processes of the session: " + now);
        assertEquals(daemon, parent(now.get(0)), "the one process is the running daemon's child");
    }
}
