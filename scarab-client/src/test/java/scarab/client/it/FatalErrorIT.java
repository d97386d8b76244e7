package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A daemon that meets an Error it cannot handle (here one a test fault throws in a daemon thread)
 * exits with status 70 instead of living on half dead with the lock, and the next command starts
 * a new daemon that has every session.
 */
class FatalErrorIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private Scarab scarab;
    private Path faults;
    private Process daemon;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        faults = scarab.faultDirectory();
        Files.createDirectories(scarab.root.resolve("config/scarab"));
        Files.writeString(scarab.root.resolve("config/scarab/config.toml"), "snapshot-interval = \"200ms\"\n");
        // Started here rather than by the client, so that its exit status can be seen.
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xss512k", "-cp", System.getProperty("java.class.path"), "scarab.daemon.Daemon");
        pb.environment().clear();
        pb.environment().putAll(scarab.env);
        pb.redirectErrorStream(true).redirectOutput(scarab.root.resolve("daemon-console.txt").toFile());
        pb.redirectInput(new File("/dev/null"));
        daemon = pb.start();
        Scarab.waitFor("the daemon to listen", WAIT, () -> Files.exists(scarab.socket()) && scarab.run("ls").status() == 0);
        scarab.ok("new", "-d", "-e", "PS1=$ ", "-c", "/bin/sh", "work");
        scarab.ok("send-keys", "work", "echo marker-$((6*7))", "Enter");
        Scarab.waitFor("the marker on the screen", WAIT, () -> scarab.ok("capture", "work").contains("marker-42"));
    }

    @AfterEach
    void stop() throws Exception {
        daemon.destroyForcibly();
        scarab.close();
    }

    private void awaitExit(long pid) throws Exception {
        assertTrue(daemon.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "the daemon did not exit after the fault");
        assertEquals(70, daemon.exitValue(), "exit status of a daemon that met an Error");
        String log = Files.readString(scarab.root.resolve("state/scarab/daemon.log"));
        assertTrue(log.contains("fatal:"), log);
    }

    private void assertNewDaemonHasTheSession(long oldPid) throws Exception {
        String listing = scarab.ok("ls");
        assertTrue(listing.contains("work"), listing);
        assertNotEquals(oldPid, scarab.daemonPid(), "a new daemon answered");
        // Started by the client, with a bounded heap and an out-of-memory that ends it too.
        String cmdline = new String(Files.readAllBytes(Path.of("/proc", String.valueOf(scarab.daemonPid()), "cmdline")),
                java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
        assertTrue(cmdline.contains("-Xmx1g") && cmdline.contains("-XX:+ExitOnOutOfMemoryError"), cmdline);
        Scarab.waitFor("the restored history", WAIT, () -> scarab.ok("capture", "-S", "-", "work").contains("marker-42"));
    }

    @Test
    void anErrorInAScheduledTaskEndsTheDaemon() throws Exception {
        long pid = scarab.daemonPid();
        Files.createFile(faults.resolve("snapshot-error"));
        awaitExit(pid);
        assertTrue(Files.readString(scarab.root.resolve("state/scarab/daemon.log")).contains("the snapshot task"));
        assertNewDaemonHasTheSession(pid);
    }

    @Test
    void anErrorInAConnectionThreadEndsTheDaemon() throws Exception {
        long pid = scarab.daemonPid();
        Files.createFile(faults.resolve("request-error"));
        Scarab.Result r = scarab.run("ls");
        assertEquals(1, r.status(), r.out());
        awaitExit(pid);
        assertTrue(Files.readString(scarab.root.resolve("state/scarab/daemon.log")).contains("thread scarab-conn-"));
        assertNewDaemonHasTheSession(pid);
    }

    /** Without its epoll loop no session's output is read: the daemon stops loudly instead of freezing them. */
    @Test
    void aFailedEpollWaitEndsTheDaemon() throws Exception {
        long pid = scarab.daemonPid();
        Files.createFile(faults.resolve("epoll-wait"));
        scarab.run("send-keys", "work", "echo wake the poller", "Enter");
        awaitExit(pid);
        assertTrue(Files.readString(scarab.root.resolve("state/scarab/daemon.log"))
                .contains("fatal: the PTY poller failed"));
        assertNewDaemonHasTheSession(pid);
    }
}
