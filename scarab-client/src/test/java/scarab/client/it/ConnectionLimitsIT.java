package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.protocol.Protocol;
import scarab.protocol.Request;
import scarab.protocol.Response;

/**
 * Many connections at once: idle ones cost no thread, one that never says hello is closed, and
 * past the limit a newcomer is told why; the owner's commands still get through. The daemon runs
 * with 1024 descriptors (so at most 256 connections), small enough to reach here.
 */
class ConnectionLimitsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int LIMIT = 256;
    private Scarab scarab;
    private Process daemon;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "ulimit -n 1024 && exec \"$0\" -XX:+UseSerialGC -Xss512k"
                + " -cp \"$1\" scarab.daemon.Daemon", java, System.getProperty("java.class.path"));
        pb.environment().clear();
        pb.environment().putAll(scarab.env);
        pb.redirectErrorStream(true).redirectOutput(scarab.root.resolve("daemon-console.txt").toFile());
        pb.redirectInput(new File("/dev/null"));
        daemon = pb.start();
        Scarab.waitFor("the daemon to listen", WAIT, () -> Files.exists(scarab.socket()) && scarab.run("ls").status() == 0);
        scarab.ok("new", "-d", "-c", "sleep 1000", "work");
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        scarab.close();
        daemon.destroyForcibly();
    }

    private static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new AssertionError("no VmRSS for " + pid);
    }

    @Test
    void thousandsOfIdleConnectionsAndLsStillAnswers() throws Exception {
        long pid = scarab.daemonPid();
        int threadsBefore = Faults.threads(pid);
        long rssBefore = rssKb(pid);
        for (int i = 0; i < 3000; i++) {
            SocketChannel idle = SocketChannel.open(StandardProtocolFamily.UNIX);
            idle.connect(UnixDomainSocketAddress.of(scarab.socket()));
            opened.add(idle);
        }
        Scarab.Result ls = CompletableFuture.supplyAsync(() -> scarab.run("ls")).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(0, ls.status(), ls.err());
        assertTrue(ls.out().contains("work"), ls.out());
        int threadsAfter = Faults.threads(pid);
        System.out.printf("3000 idle connections: daemon threads %d -> %d, RSS %d -> %d KB%n", threadsBefore,
                threadsAfter, rssBefore, rssKb(pid));
        assertTrue(threadsAfter < threadsBefore + 20, "idle connections got threads: " + threadsBefore + " -> "
                + threadsAfter);
    }

    @Test
    void aConnectionThatNeverSaysHelloIsToldAndClosed() throws Exception {
        RawConnection silent = new RawConnection(scarab.socket());
        opened.add(silent);
        List<Response> got = CompletableFuture.supplyAsync(() -> {
            try {
                List<Response> all = new ArrayList<>();
                Response r;
                while ((r = silent.next()) != null) {
                    all.add(r);
                }
                return all;
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }).get(WAIT.toSeconds() * 2, TimeUnit.SECONDS);
        assertEquals(1, got.size(), got.toString());
        assertEquals("hello-timeout", assertInstanceOf(Response.Error.class, got.get(0)).code());
    }

    @Test
    void pastTheLimitANewcomerIsToldWhyAndTheRestAreServed() throws Exception {
        Response.Error refusal = null;
        for (int i = 0; i <= LIMIT && refusal == null; i++) {
            RawConnection c = new RawConnection(scarab.socket());
            opened.add(c);
            try {
                c.send(new Request.Hello(1, Protocol.VERSION, "test", List.of()));
            } catch (java.io.IOException refusedFirst) {
                // Past the limit the daemon may refuse and close before our hello is written (a
                // broken pipe): its refusal is still there to read.
            }
            Response r = c.next();
            if (r instanceof Response.Error e) {
                refusal = e;
                try {
                    assertNull(c.next(), "closed after the refusal");
                } catch (java.net.SocketException reset) {
                    // closed with our hello unread: the kernel reports a reset, an end all the same
                }
            } else {
                assertInstanceOf(Response.Welcome.class, r);
            }
        }
        assertTrue(refusal != null, "no refusal after " + LIMIT + " connections");
        assertEquals("too-many-connections", refusal.code());
        assertTrue(refusal.message().contains("serves " + LIMIT + " connections"), refusal.message());
        Scarab.Result ls = scarab.run("ls");
        assertEquals(1, ls.status());
        assertTrue(ls.err().contains("serves " + LIMIT + " connections"), ls.err());
        ((RawConnection) opened.get(0)).close();
        Scarab.waitFor("ls to be served again", WAIT, () -> scarab.run("ls").status() == 0);
    }
}
