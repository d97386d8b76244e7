package scarab.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Faults that only tests switch on, to make the daemon fail where nothing else can make it fail on
 * demand. With {@code SCARAB_TEST_FAULTS} naming a directory, a fault point fires once when a file
 * of its name appears there (the file is removed: a restarted daemon does not fail again). Without
 * the variable every point is a constant false.
 */
public final class FaultInjection {
    private static final Path DIRECTORY = directory(System.getenv("SCARAB_TEST_FAULTS"));

    private FaultInjection() {}

    private static Path directory(String value) {
        return value == null || value.isEmpty() ? null : Path.of(value);
    }

    /** Runs the heap out, as a restore of too much history would. */
    public static void allocateUntilOutOfMemory() {
        java.util.List<long[]> hog = new java.util.ArrayList<>();
        while (hog.size() >= 0) {
            hog.add(new long[1 << 20]);
        }
    }

    /** Waits (polling, up to {@code millis}) until the test creates the point's file; @return whether it did. */
    public static boolean awaitFault(String point, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!fires(point)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Whether the test asked this point to fail now. */
    public static boolean fires(String point) {
        if (DIRECTORY == null) {
            return false;
        }
        try {
            return Files.deleteIfExists(DIRECTORY.resolve(point));
        } catch (IOException e) {
            return false;
        }
    }
}
