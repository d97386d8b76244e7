package scarab.client.daemon;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Set;
import jdk.net.ExtendedSocketOptions;
import scarab.client.ClientError;
import scarab.protocol.ScarabPaths;

/**
 * What the client checks before it says a word to a daemon: keys typed, environment variables
 * and commands go to whoever listens on the socket. The default socket directory
 * ({@code /tmp/scarab-UID} when {@code XDG_RUNTIME_DIR} is unset) can be made by another user
 * before we ever run, so, as tmux does with {@code /tmp/tmux-UID}, it must be ours, a real
 * directory and closed to others (tmux lets the group in; the daemon makes it 0700, so any group
 * or other bit here was set by someone else and is refused too). Whatever the path, the process
 * listening must be our own user, by the kernel's word (SO_PEERCRED), which also covers a socket
 * path given with {@code -S}.
 */
public final class DaemonTrust {
    /** The {@link ClientError} code of a refusal: never a reason to start a daemon instead. */
    public static final String UNTRUSTED = "untrusted-daemon";

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private DaemonTrust() {}

    /**
     * Refuses a default socket directory that someone else could have made or can change. A
     * missing one is fine: the daemon creates it 0700.
     */
    public static void checkDirectory(Path dir) {
        PosixFileAttributes attrs;
        try {
            attrs = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw refusal("cannot check the socket directory " + dir + ": " + e.getMessage());
        }
        if (attrs.isSymbolicLink() || !attrs.isDirectory()) {
            throw refusal("the socket directory " + dir + " is " + (attrs.isSymbolicLink() ? "a symbolic link" : "not a directory")
                    + ", which Scarab never makes; remove it (rm " + dir + ") and run scarab again");
        }
        int uid = ScarabPaths.uid();
        int owner;
        try {
            owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw refusal("cannot check the socket directory " + dir + ": " + e.getMessage());
        }
        if (owner != uid) {
            throw refusal("the socket directory " + dir + " belongs to uid " + owner + ", not to you (uid " + uid
                    + "): another user may be posing as your daemon; remove it (rm -r " + dir
                    + " as root or its owner) or set XDG_RUNTIME_DIR");
        }
        Set<PosixFilePermission> open = EnumSet.copyOf(attrs.permissions());
        open.retainAll(OTHERS);
        if (!open.isEmpty()) {
            throw refusal("the socket directory " + dir + " has mode " + PosixFilePermissions.toString(attrs.permissions())
                    + ", open to other users; make it private with: chmod 700 " + dir);
        }
    }

    /** Refuses a listener that is not our own user (checked after connect, before any byte is sent). */
    static void checkPeer(SocketChannel channel, Path socket) {
        UserPrincipal peer;
        try {
            peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user();
        } catch (IOException | UnsupportedOperationException e) {
            throw refusal("cannot tell who listens on " + socket + " (" + e.getMessage() + "); nothing was sent");
        }
        UserPrincipal me = ScarabPaths.user();
        // The JDK's principals from uids compare by uid: a user with no passwd entry works.
        if (!peer.equals(me)) {
            throw refusal("the process listening on " + socket + " runs as user " + peer.getName() + ", not as you ("
                    + me.getName() + "): another user may be posing as your daemon; nothing was sent. Remove "
                    + socket + " (as root or its owner), or use -S with a socket in a directory of your own");
        }
    }

    private static ClientError refusal(String message) {
        return new ClientError(message, 1, UNTRUSTED);
    }
}
