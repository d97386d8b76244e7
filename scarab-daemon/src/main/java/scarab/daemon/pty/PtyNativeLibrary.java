package scarab.daemon.pty;

import com.pty4j.unix.PtyHelpers;
import com.pty4j.util.PtyUtil;
import com.sun.jna.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives pty4j its native helper (libpty.so) from a directory of ours. Left to itself, pty4j copies
 * the library out of its jar into a new {@code /tmp/pty4j-*} directory on every daemon start and
 * never removes it (a day of test runs here had left 1,567 of them). Here it is copied once into
 * the cache directory, under a name made of its content's hash, and pty4j is pointed there through
 * its {@code pty4j.preferred.native.folder} property, which it reads as {@code FOLDER/linux/ARCH/}.
 * A new pty4j gets a directory of its own; an older one's is left (27 KB) for a daemon of that
 * version still running, which loads it only when it starts its first session.
 *
 * <p>Best effort: if anything fails, pty4j is left to do as it always did.
 */
public final class PtyNativeLibrary {
    private static final Logger log = LoggerFactory.getLogger(PtyNativeLibrary.class);
    static final String PROPERTY = "pty4j.preferred.native.folder";
    private static final String LIBRARY = "libpty.so";
    private static final String PREFIX = "pty4j-";

    /** The folder this class gave pty4j, if it did (not one given by whoever started the JVM). */
    private static volatile String given;

    private PtyNativeLibrary() {}

    /**
     * Copies the library under {@code nativeDir} (if not there yet) and points pty4j at it.
     * Must run before pty4j first starts a process. Returns the folder given to pty4j, or null.
     */
    public static Path useFrom(Path nativeDir) {
        String preset = System.getProperty(PROPERTY);
        if (preset != null && !preset.equals(given)) {
            return null; // chosen by whoever started us
        }
        String subPath = "linux/" + Platform.ARCH;
        try (InputStream in = PtyHelpers.class.getClassLoader()
                .getResourceAsStream("resources/com/pty4j/native/" + subPath + "/" + LIBRARY)) {
            if (in == null) {
                return null; // no library of pty4j's for this machine: its own loader says so
            }
            byte[] library = in.readAllBytes();
            Path folder = nativeDir.resolve(PREFIX + hash(library));
            Path file = folder.resolve(subPath).resolve(LIBRARY);
            if (!Files.isRegularFile(file) || !java.util.Arrays.equals(Files.readAllBytes(file), library)) {
                write(file, library);
            }
            System.setProperty(PROPERTY, folder.toString());
            given = folder.toString();
            if (!PtyUtil.resolveNativeFile(LIBRARY).toPath().equals(file)) {
                // pty4j lays out its folder otherwise than assumed: let it extract its own copy.
                System.clearProperty(PROPERTY);
                given = null;
                log.warn("pty4j looks for {} elsewhere than {}; leaving it to extract its own copy", LIBRARY, file);
                return null;
            }
            return folder;
        } catch (IOException | RuntimeException e) {
            System.clearProperty(PROPERTY);
            given = null;
            log.warn("cannot keep pty4j's native library in {} ({}); pty4j extracts its own copy", nativeDir,
                    e.toString());
            return null;
        }
    }

    private static void write(Path file, byte[] library) throws IOException {
        Files.createDirectories(file.getParent(),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        // Written aside and moved into place: another daemon (another socket) may be doing the same.
        Path part = Files.createTempFile(file.getParent(), LIBRARY, ".part");
        try {
            Files.write(part, library);
            try {
                Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
