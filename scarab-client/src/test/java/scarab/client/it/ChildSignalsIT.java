package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A daemon started with signals ignored and blocked (under {@code nohup}, from a shell script
 * that ignores SIGINT and SIGQUIT) starts its sessions' programs with every signal at its default
 * and none blocked, as tmux does: a program is not deaf to the hang-up that {@code kill} sends.
 */
class ChildSignalsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private Scarab scarab;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    /** A line of /proc/PID/status as a bit mask ({@code SigIgn}, {@code SigBlk}). */
    private static long mask(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseUnsignedLong(line.substring(field.length() + 1).strip(), 16);
            }
        }
        throw new AssertionError("no " + field + " in the status of " + pid);
    }

    @Test
    void sessionsStartWithDefaultSignalsWhateverTheDaemonInherited() throws Exception {
        List<String> command = new ArrayList<>(List.of("env", "--ignore-signal=INT,QUIT", "--block-signal=USR1,WINCH",
                "nohup"));
        command.addAll(Arrays.asList(scarab.clientCommand().split(" ")));
        command.addAll(List.of("daemon", "start"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(scarab.env);
        Process starter = pb.start();
        String said = new String(starter.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(starter.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, starter.exitValue(), said);
        long daemon = scarab.daemonPid();
        assertTrue((mask(daemon, "SigIgn") & 1) != 0, "the daemon runs with SIGHUP ignored, as under nohup");

        scarab.ok("new", "-d", "-c", "sleep 1000", "sleeper");
        List<Long> pids = Faults.sessionProcesses(scarab.socket(), "sleeper");
        assertEquals(1, pids.size(), pids.toString());
        long sleep = pids.get(0);
        assertEquals(0, mask(sleep, "SigIgn"), "signals the session's program ignores");
        assertEquals(0, mask(sleep, "SigBlk"), "signals the session's program has blocked");

        scarab.ok("kill", "sleeper");
        assertTrue(ProcessHandle.of(sleep).map(h -> !h.isAlive()).orElse(true), "kill waits for the program to end");
        String log = Files.readString(scarab.root.resolve("state/scarab/daemon.log"));
        assertTrue(log.contains("session killed"), log);
        assertFalse(log.contains("ignored SIGHUP"), "the program ended on SIGHUP, without the SIGKILL:\n" + log);
    }
}
