package scarab.daemon;

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
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the native libraries that pty4j (its helper, libpty.so), sqlite-jdbc (the SQLite
 * driver, 1 MB) and JNA (libjnidispatch.so) carry in their jars in a directory of ours. Left to themselves, each copies its
 * library into {@code /tmp} at every daemon start: pty4j into a new {@code pty4j-*} directory it
 * never removes, sqlite-jdbc into a file it removes only after a clean exit. A day of test runs
 * here had left 1,567 of the first, and every daemon killed left a megabyte of the second.
 *
 * <p>Here each is copied once into {@code NATIVE_DIR/NAME-KEY/} (the CRC-32 and size of its jar
 * entry: a new version gets a directory of its own, and an older one's is left for a daemon of that version
 * still running) and its library is pointed there through its own properties. Best effort: if
 * anything fails, the library is left to do as it always did. Must run before either is used.
 */
public final class NativeLibraries {
    private static final Logger log = LoggerFactory.getLogger(NativeLibraries.class);
    static final String PTY4J_FOLDER = "pty4j.preferred.native.folder";
    static final String SQLITE_PATH = "org.sqlite.lib.path";
    static final String SQLITE_NAME = "org.sqlite.lib.name";
    static final String JNA_PATH = "jna.boot.library.path";
    private static final String PTY4J_LIBRARY = "libpty.so";
    private static final String SQLITE_LIBRARY = "libsqlitejdbc.so";
    private static final String JNA_LIBRARY = "libjnidispatch.so";

    /** The values this class set, to tell them from values given by whoever started the JVM. */
    private static volatile String ptyFolder;
    private static volatile String sqliteFolder;
    private static volatile String jnaFolder;

    private NativeLibraries() {}

    public static void keepIn(Path nativeDir) {
        ptyFolder = keepPty4j(nativeDir);
        sqliteFolder = keepSqlite(nativeDir);
        jnaFolder = keepJna(nativeDir);
    }

    /**
     * JNA loads its {@code libjnidispatch.so} from {@code jna.boot.library.path} when it is there;
     * else it copies it out of its jar into a temporary file at every start.
     */
    private static String keepJna(Path nativeDir) {
        if (givenByOthers(JNA_PATH, jnaFolder)) {
            return null;
        }
        try {
            Path folder = copy(nativeDir, "jna-", Platform.class, "com/sun/jna/" + Platform.RESOURCE_PREFIX + "/" + JNA_LIBRARY,
                    JNA_LIBRARY);
            if (folder == null) {
                return null;
            }
            System.setProperty(JNA_PATH, folder.toString());
            return folder.toString();
        } catch (IOException | RuntimeException e) {
            System.clearProperty(JNA_PATH);
            log.warn("cannot keep JNA's native library in {} ({}); it extracts its own copy", nativeDir, e.toString());
            return null;
        }
    }

    /** pty4j reads its folder as {@code FOLDER/linux/ARCH/libpty.so}. */
    private static String keepPty4j(Path nativeDir) {
        if (givenByOthers(PTY4J_FOLDER, ptyFolder)) {
            return null;
        }
        String subPath = "linux/" + Platform.ARCH;
        try {
            Path folder = copy(nativeDir, "pty4j-", PtyHelpers.class,
                    "resources/com/pty4j/native/" + subPath + "/" + PTY4J_LIBRARY, subPath + "/" + PTY4J_LIBRARY);
            if (folder == null) {
                return null; // no library of pty4j's for this machine: its own loader says so
            }
            System.setProperty(PTY4J_FOLDER, folder.toString());
            if (!PtyUtil.resolveNativeFile(PTY4J_LIBRARY).toPath().equals(folder.resolve(subPath).resolve(PTY4J_LIBRARY))) {
                // pty4j lays out its folder otherwise than assumed: let it extract its own copy.
                System.clearProperty(PTY4J_FOLDER);
                log.warn("pty4j looks for {} elsewhere than {}; it extracts its own copy", PTY4J_LIBRARY, folder);
                return null;
            }
            return folder.toString();
        } catch (IOException | RuntimeException e) {
            System.clearProperty(PTY4J_FOLDER);
            log.warn("cannot keep pty4j's native library in {} ({}); it extracts its own copy", nativeDir, e.toString());
            return null;
        }
    }

    /** sqlite-jdbc loads {@code org.sqlite.lib.path/org.sqlite.lib.name} when it is there. */
    private static String keepSqlite(Path nativeDir) {
        if (givenByOthers(SQLITE_PATH, sqliteFolder)) {
            return null;
        }
        try {
            String subPath = org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS();
            Path folder = copy(nativeDir, "sqlite-", org.sqlite.JDBC.class,
                    "org/sqlite/native/" + subPath + "/" + SQLITE_LIBRARY, SQLITE_LIBRARY);
            if (folder == null) {
                return null;
            }
            System.setProperty(SQLITE_PATH, folder.toString());
            System.setProperty(SQLITE_NAME, SQLITE_LIBRARY);
            return folder.toString();
        } catch (IOException | RuntimeException e) {
            System.clearProperty(SQLITE_PATH);
            System.clearProperty(SQLITE_NAME);
            log.warn("cannot keep SQLite's native library in {} ({}); it extracts its own copy", nativeDir, e.toString());
            return null;
        }
    }

    private static boolean givenByOthers(String property, String ours) {
        String value = System.getProperty(property);
        return value != null && !value.equals(ours);
    }

    /**
     * Copies the resource to {@code nativeDir/PREFIX-KEY/file} unless a copy of its size is there;
     * returns {@code nativeDir/PREFIX-KEY}, or null when there is no such resource. The key is the
     * entry's CRC-32 and size from the jar's central directory: nothing is read or hashed when the
     * copy is there. The entry is read from the jar of {@code owner} itself: the class loader would
     * open every jar before it on the class path to look for it (reading their central directories
     * in interpreted code, a large part of a cold start's CPU).
     */
    private static Path copy(Path nativeDir, String prefix, Class<?> owner, String resource, String file)
            throws IOException {
        Path jar = jarOf(owner);
        if (jar == null) {
            return copyFromLoader(nativeDir, prefix, owner.getClassLoader(), resource, file);
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(resource);
            if (entry == null || entry.getSize() < 0 || entry.getCrc() < 0) {
                return null;
            }
            Path folder = nativeDir.resolve(prefix + key(entry.getCrc(), entry.getSize()));
            Path target = folder.resolve(file);
            if (!Files.isRegularFile(target) || Files.size(target) != entry.getSize()) {
                try (InputStream in = zip.getInputStream(entry)) {
                    write(target, in.readAllBytes());
                }
            }
            return folder;
        }
    }

    /** The jar a class was loaded from, or null (a directory of classes, or no code source). */
    private static Path jarOf(Class<?> owner) {
        try {
            var source = owner.getProtectionDomain().getCodeSource();
            Path path = source == null ? null : Path.of(source.getLocation().toURI());
            return path != null && Files.isRegularFile(path) ? path : null;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** As {@link #copy}, for a library that is not in a jar: keyed by its content's hash. */
    private static Path copyFromLoader(Path nativeDir, String prefix, ClassLoader loader, String resource, String file)
            throws IOException {
        byte[] library;
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            library = in.readAllBytes();
        }
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(library);
        Path folder = nativeDir.resolve(prefix + key(crc.getValue(), library.length));
        Path target = folder.resolve(file);
        if (!Files.isRegularFile(target) || !Arrays.equals(Files.readAllBytes(target), library)) {
            write(target, library);
        }
        return folder;
    }

    private static String key(long crc, long size) {
        return HexFormat.of().toHexDigits((int) crc) + HexFormat.of().toHexDigits((int) size);
    }

    private static void write(Path file, byte[] library) throws IOException {
        Files.createDirectories(file.getParent(),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        // Written aside and moved into place: another daemon (another socket) may be doing the same.
        Path part = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".part");
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
}
