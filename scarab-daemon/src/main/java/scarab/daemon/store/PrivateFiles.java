package scarab.daemon.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scarab.protocol.ScarabPaths;

/**
 * The data directory (0700) and the database (0600): screens hold whatever people typed and
 * saw, passwords echoed by mistake included. SQLite gives {@code -wal} and {@code -shm} the
 * database file's mode, so keeping the database 0600 keeps them 0600. Modes looser than that on
 * files and directories the daemon's user owns (left by an older Scarab, or a umask) are tightened
 * and logged; another user's are left alone.
 */
final class PrivateFiles {
    private static final Logger log = LoggerFactory.getLogger(PrivateFiles.class);
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {}

    /** Creates {@code dir} 0700 (its parents as the umask says), or tightens it if it is ours. */
    static void directory(Path dir) throws IOException {
        refuseLink(dir, "directory", "a directory");
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
                return;
            } catch (FileAlreadyExistsException e) {
                // created meanwhile: checked below like any existing one
            }
        }
        tighten(dir, DIRECTORY);
    }

    /** Creates {@code file} 0600 if missing; tightens it and its {@code -wal}/{@code -shm} if ours. */
    static void file(Path file) throws IOException {
        refuseLink(file, "database", "the database file itself");
        for (String suffix : new String[] {"-wal", "-shm"}) {
            refuseLink(file.resolveSibling(file.getFileName() + suffix), "database file", "the file itself");
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
                return;
            } catch (FileAlreadyExistsException e) {
                // created meanwhile
            }
        }
        tighten(file, FILE);
        for (String suffix : new String[] {"-wal", "-shm"}) {
            Path side = file.resolveSibling(file.getFileName() + suffix);
            if (Files.exists(side, LinkOption.NOFOLLOW_LINKS)) {
                tighten(side, FILE);
            }
        }
    }

    /**
     * Refuses a symbolic link where Scarab keeps its own files: tightening permissions through it
     * would change whatever it points at (a database linked to {@code /dev/null} made
     * {@code /dev/null} 0600 for everyone when run as root), and SQLite would write there.
     */
    private static void refuseLink(Path path, String what, String replacement) throws IOException {
        if (!Files.isSymbolicLink(path)) {
            return;
        }
        Path target = Files.readSymbolicLink(path);
        boolean dangling = !Files.exists(path);
        throw new IOException("the " + what + " " + path + " is a symbolic link to " + target
                + (dangling ? ", which does not exist" : "") + "; Scarab does not follow links for its own files:"
                + " replace the link with " + replacement);
    }

    private static void tighten(Path path, Set<PosixFilePermission> wanted) throws IOException {
        // Never through a link (refused above; NOFOLLOW_LINKS guards a link put there meanwhile).
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> current = view.readAttributes().permissions();
        if (wanted.containsAll(current)) {
            return; // nothing for anyone else
        }
        if (!ours(path)) {
            log.warn("{} has mode {} and belongs to another user; left as it is", path,
                    PosixFilePermissions.toString(current));
            return;
        }
        log.warn("{} had mode {}; set to {}", path, PosixFilePermissions.toString(current),
                PosixFilePermissions.toString(wanted));
        view.setPermissions(wanted);
    }

    /** By uid: a uid with no passwd entry (common in containers) has no name to compare. */
    private static boolean ours(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS) == ScarabPaths.uid();
    }
}
