package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Connections at the very end of an upgrade: once the old program has marked the descriptors that
 * must not cross its exec, it accepts no connection (the JDK opens an accepted socket without
 * close-on-exec, so it would cross, and its client wait for an answer nobody gives). A client that
 * connects then is refused and tries again, reaching the new program; one re-attaching after the
 * upgrade's notice polls the socket all through it, so this is what its pause depends on.
 */
class UpgradeConnectionsIT {
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

    @Test
    void aClientConnectingAtTheExecIsRefusedAndTheNextProgramAnswersIt() throws Exception {
        scarab.ok("new", "-d", "-c", "sh -c 'echo up; sleep 1000'", "s1");
        Scarab.waitFor("the session's output", WAIT, () -> scarab.run("capture", "s1").out().contains("up"));
        long daemon = scarab.daemonPid();
        long pane = Long.parseLong(scarab.ok("display", "-p", "-t", "s1", "#{pane_pid}").strip());

        Files.createFile(faults.resolve("upgrade-hold-at-exec"));
        CompletableFuture<String> upgrade = CompletableFuture.supplyAsync(() -> scarab.ok("daemon", "upgrade"));
        Scarab.waitFor("the old program held at its exec", WAIT, () -> log().contains("upgrade held at its exec for a test"));
        assertThrows(IOException.class, this::connect, "nobody accepts once the descriptors are marked");

        Files.createFile(faults.resolve("upgrade-go"));
        String said = upgrade.get(60, TimeUnit.SECONDS);
        assertTrue(said.startsWith("daemon upgraded in place (pid " + daemon + ")"), said);
        assertEquals(pane, Long.parseLong(scarab.ok("display", "-p", "-t", "s1", "#{pane_pid}").strip()), "the same program");
        try (SocketChannel c = connect()) {
            assertTrue(c.isConnected(), "the new program accepts");
        }
    }

    @Test
    void aFailedExecListensAgain() throws Exception {
        scarab.ok("new", "-d", "-c", "sh -c 'echo up; sleep 1000'", "s1");
        long daemon = scarab.daemonPid();
        Files.createFile(faults.resolve("upgrade-exec-fails"));
        Scarab.Result r = scarab.run("daemon", "upgrade");
        assertEquals(1, r.status(), r.out() + r.err());
        assertEquals(daemon, scarab.daemonPid());
        assertTrue(log().contains("listening again on"), log());
        assertTrue(scarab.ok("ls").contains("s1"), "the old program answers");
    }

    private SocketChannel connect() throws IOException {
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            c.connect(UnixDomainSocketAddress.of(scarab.socket()));
            return c;
        } catch (IOException e) {
            c.close();
            throw e;
        }
    }

    private String log() {
        try {
            return Files.readString(scarab.root.resolve("state/scarab/daemon.log"));
        } catch (IOException e) {
            return "";
        }
    }
}
