package scarab.daemon;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition with a generous deadline: a test fails only if the thing never happens,
 * never because a busy machine made it slow.
 */
public final class Await {
    private static final long DEADLINE_SECONDS = 60;

    private Await() {}

    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + DEADLINE_SECONDS + " s waiting for " + what);
            }
            Thread.sleep(10); // poll interval, not a wait for an outcome
        }
    }
}
