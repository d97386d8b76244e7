package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A command that comes while the daemon is stopping: the socket is already gone but the old
 * daemon still holds the lock, so the daemon the client starts finds it taken and exits. The
 * client waits for the old one to finish and starts again, instead of waiting for an answer that
 * never comes. The old daemon is frozen (SIGSTOP) mid-stop so that the new one surely meets it.
 */
class StartDuringStopIT {
    private Scarab scarab;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    private static void signal(long pid, String signal) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor());
    }

    @Test
    void aCommandDuringStopWaitsForTheOldDaemonAndStartsANewOne() throws Exception {
        // A session that ignores SIGHUP keeps the stop busy for the kill grace period, lock held.
        scarab.ok("new", "-d", "-c", "sh -c \"trap '' HUP; sleep 1000\"", "work");
        long old = scarab.daemonPid();
        Path console = scarab.root.resolve("state/scarab/daemon.out");
        CompletableFuture<Scarab.Result> stop = CompletableFuture.supplyAsync(() -> scarab.run("daemon", "stop"));
        Scarab.waitFor("the old daemon's socket to go", Duration.ofSeconds(60), () -> !Files.exists(scarab.socket()));
        signal(old, "STOP");
        CompletableFuture<Scarab.Result> ls;
        try {
            assertTrue(Files.exists(Path.of(scarab.socket() + ".lock")), "the frozen daemon still holds the lock");
            long before = Files.size(console);
            ls = CompletableFuture.supplyAsync(() -> scarab.run("ls"));
            Scarab.waitFor("the new daemon to find the lock taken", Duration.ofSeconds(60), () -> {
                try {
                    return Files.readString(console).substring((int) before).contains("is already serving");
                } catch (java.io.IOException e) {
                    return false;
                }
            });
        } finally {
            signal(old, "CONT");
        }
        Scarab.Result r = ls.get(120, TimeUnit.SECONDS);
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("work"), r.out());
        assertEquals(0, stop.get(120, TimeUnit.SECONDS).status());
        assertTrue(scarab.daemonPid() > 0 && scarab.daemonPid() != old, "a new daemon serves");
    }
}
