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

    /**
     * By uid, never by name: two uids can share a name, and a uid with no passwd entry is named by
     * its number. The JDK's principals made from uids ({@code SO_PEERCRED}, a file's owner) compare
     * by uid; a principal made from a name only (no uid known) is never the same user.
     */
    static boolean sameUser(UserPrincipal peer, UserPrincipal owner) {
        return peer.equals(owner) && owner.equals(peer);
    }

    /** @return null when the peer is the daemon's user, else a description of who it is */
    String refusal(SocketChannel channel) {
        try {
            UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (sameUser(peer.user(), owner)) {
                return null;
            }
            return "user " + peer.user().getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "a peer whose credentials cannot be read (" + e.getMessage() + ")";
        }
    }
}
