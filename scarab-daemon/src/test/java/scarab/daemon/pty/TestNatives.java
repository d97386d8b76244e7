package scarab.daemon.pty;

import java.nio.file.Path;

/**
 * For tests that start processes in the test JVM itself: pty4j's native helper is kept in the
 * build directory, as the daemon keeps it in its cache directory, rather than in a new
 * /tmp/pty4j-* directory at every test run.
 */
public final class TestNatives {
    private TestNatives() {}

    public static void keepOutOfTmp() {
        PtyNativeLibrary.useFrom(Path.of(System.getProperty("basedir", "."), "target", "pty4j-native"));
    }
}
