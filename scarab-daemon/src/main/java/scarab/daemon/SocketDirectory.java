package scarab.daemon;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import scarab.protocol.ScarabPaths;

/**
 * Makes sure the socket's directory is private. The default directories are ours alone: created
 * 0700, refused when another user owns them, tightened when we own them but they are looser.
 * An explicit {@code -S} path's directory is the user's business: it must exist already.
 */
final class SocketDirectory {
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    private SocketDirectory() {}

    static void prepare(Path socket, boolean explicitPath) throws IOException {
        Path dir = socket.getParent();
        if (explicitPath && !Files.isDirectory(dir)) {
            // A typo in -S must not leave a directory tree behind; only our own default directory is made.
            throw new UserError("no-socket-dir", ScarabPaths.missingSocketDirectory(socket));
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir.getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE));
                return;
            } catch (FileAlreadyExistsException raced) {
                // Another daemon starting at the same moment made it: check it like any existing one.
            }
        }
        if (explicitPath) {
            return;
        }
        if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new UserError("unsafe-socket-dir", dir + " is not a plain directory; remove it and try again");
        }
        int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (owner != ScarabPaths.uid()) {
            throw new UserError("unsafe-socket-dir", dir + " belongs to uid " + owner + ", not to you (uid "
                    + ScarabPaths.uid() + "); refusing to use it. Remove it, or pick another socket with -S");
        }
        if (!Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(PRIVATE)) {
            Files.setPosixFilePermissions(dir, PRIVATE);
        }
    }
}
