package scarab.daemon.command;

import java.util.concurrent.ScheduledFuture;
import scarab.daemon.watch.WatchAnswer;
import scarab.daemon.watch.Watches;

/** The deadline of an output wait: the error {@code timeout} (exit status 1), with what was awaited. */
final class WaitDeadline {
    private WaitDeadline() {}

    static ScheduledFuture<?> start(Watches watches, long millis, WatchAnswer answer, String message) {
        return watches.after(millis, () -> answer.fail("timeout", message));
    }

    /** "5 s", "0.5 s". */
    static String seconds(long millis) {
        return (millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0)) + " s";
    }
}
