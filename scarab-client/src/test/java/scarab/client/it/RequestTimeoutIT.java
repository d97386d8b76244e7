package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A daemon that accepts connections and never answers (stuck, or anything else listening on the
 * socket): every command gives up with a clear message instead of hanging forever.
 */
class RequestTimeoutIT {
    private Scarab scarab;
    private ServerSocketChannel server;
    private final List<SocketChannel> accepted = new CopyOnWriteArrayList<>();
    private Thread acceptor;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        Files.createDirectories(scarab.socket().getParent(), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(scarab.socket()));
        acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(server.accept()); // and never a word
                }
            } catch (IOException e) {
                // closed by the test
            }
        }, "silent-daemon");
        acceptor.start();
        scarab.env.put("SCARAB_REQUEST_TIMEOUT", "1");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        for (SocketChannel c : accepted) {
            c.close();
        }
        acceptor.join();
        Files.deleteIfExists(scarab.socket());
        scarab.close();
    }

    /** Runs a command on another thread; its end is what is checked, with a deadline far beyond the timeout. */
    private Scarab.Result runToTheEnd(String... args) throws Exception {
        return CompletableFuture.supplyAsync(() -> scarab.run(args)).get(120, TimeUnit.SECONDS);
    }

    @Test
    void everyRequestGivesUpWithAClearMessage() throws Exception {
        for (String[] command : List.of(new String[] {"ls"}, new String[] {"send-keys", "work", "x"},
                new String[] {"kill", "work"}, new String[] {"capture", "work"})) {
            Scarab.Result r = runToTheEnd(command);
            assertEquals(1, r.status(), String.join(" ", command) + ": " + r.err());
            assertTrue(r.err().contains("did not answer within 1 s"), String.join(" ", command) + ": " + r.err());
            assertTrue(r.err().lines().count() == 1, r.err());
        }
    }

    @Test
    void aBadTimeoutIsRefused() throws Exception {
        scarab.env.put("SCARAB_REQUEST_TIMEOUT", "soon");
        Scarab.Result r = runToTheEnd("ls");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("SCARAB_REQUEST_TIMEOUT=\"soon\" is not a number of seconds"), r.err());
    }
}
