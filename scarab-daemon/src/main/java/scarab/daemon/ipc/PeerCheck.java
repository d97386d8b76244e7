package scarab.daemon.ipc;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.attribute.UserPrincipal;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * Who is on the other end of a connection, from the kernel ({@code SO_PEERCRED}): only the user
 * running the daemon may talk to it, whatever the socket file's permissions say.
 */
final class PeerCheck {
    private final UserPrincipal owner;

    PeerCheck(UserPrincipal owner) {
        this.owner = owner;
    }

    /** @return null when the peer is the daemon's user, else a description of who it is */
    String refusal(SocketChannel channel) {
        try {
            UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (peer.user().getName().equals(owner.getName())) {
                return null;
            }
            return "user " + peer.user().getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "a peer whose credentials cannot be read (" + e.getMessage() + ")";
        }
    }
}
