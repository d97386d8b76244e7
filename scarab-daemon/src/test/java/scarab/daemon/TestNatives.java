package scarab.daemon;

import java.nio.file.Path;

/**
 * For tests that start processes or open a database in the test JVM itself: pty4j's and SQLite's
 * native libraries are kept in the build directory, as the daemon keeps them in its cache
 * directory, rather than copied into /tmp at every test run.
 */
public final class TestNatives {
    private TestNatives() {}

    public static void keepOutOfTmp() {
        NativeLibraries.keepIn(Path.of(System.getProperty("basedir", "."), "target", "native"));
    }
}
