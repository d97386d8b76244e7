package scarab.daemon.ipc;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's user and its peer are compared as uids, never by name. */
class PeerCheckTest {
    @TempDir
    Path dir;

    private String refusalOf(UserPrincipal owner) throws Exception {
        Path socket = dir.resolve("s.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket));
                 SocketChannel accepted = server.accept()) {
                return new PeerCheck(owner).refusal(accepted);
            }
        }
    }

    @Test
    void theSameUidIsAccepted() throws Exception {
        assertNull(refusalOf(Files.getOwner(Path.of("/proc/self"))));
    }

    @Test
    void aNameAloneIsNotTheSameUser() throws Exception {
        // Two uids may share a name, and a uid with no passwd entry is named by its number:
        // a principal that only has our name is not us.
        String ourName = Files.getOwner(Path.of("/proc/self")).getName();
        UserPrincipal nameOnly = () -> ourName;
        assertNotNull(refusalOf(nameOnly));
    }
}
