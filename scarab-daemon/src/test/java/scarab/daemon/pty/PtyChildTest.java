package scarab.daemon.pty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scarab.daemon.TestNatives;

/** How PtyChild keeps the daemon's descriptors from its programs where glibc cannot close them for it. */
class PtyChildTest {
    static {
        TestNatives.keepOutOfTmp();
    }

    private static final int O_CLOEXEC = 02000000;

    @TempDir
    Path dir;

    /** The descriptors open on {@code file}. */
    private static Set<String> descriptorsOf(Path file) throws Exception {
        Set<String> fds = new HashSet<>();
        try (var list = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) list::iterator) {
                try {
                    if (Files.readSymbolicLink(fd).equals(file)) {
                        fds.add(fd.getFileName().toString());
                    }
                } catch (java.io.IOException e) {
                    // closed meanwhile
                }
            }
        }
        return fds;
    }

    private static boolean closeOnExec(String fd) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo", fd))) {
            if (line.startsWith("flags:")) {
                return (Integer.parseInt(line.substring(6).strip(), 8) & O_CLOEXEC) != 0;
            }
        }
        throw new AssertionError("no flags for descriptor " + fd);
    }

    /** The fallback for glibc before 2.34 (no posix_spawn_file_actions_addclosefrom_np). */
    @Test
    void everyDescriptorFromThreeIsMarkedCloseOnExec() throws Exception {
        Path file = Files.writeString(dir.resolve("open"), "x");
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            Set<String> opened = descriptorsOf(file.toRealPath());
            assertEquals(1, opened.size(), opened.toString());
            String fd = opened.iterator().next();
            assertFalse(closeOnExec(fd), "the JVM opened it without close-on-exec");
            PtyChild.closeOnExecFromThree();
            assertTrue(closeOnExec(fd));
        }
    }
}
