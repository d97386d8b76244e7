package scarab.daemon.session;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Keeps the time on the status lines right when nothing else redraws them: at each turn of the
 * minute (the default status-right shows hours and minutes, so tmux's 15 s status-interval would
 * only redraw the same text) every composed client is asked for a picture, which sends just its
 * status row when that changed. Runs on the picture thread until {@code stopped} says so.
 */
final class StatusClock {
    /** Past the turn of the minute, so that the clock read then already shows the new minute. */
    private static final long MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Supplier<List<ClientLink>> clients;
    private final Clock clock;
    private final BooleanSupplier stopped;

    StatusClock(Supplier<List<ClientLink>> clients, Clock clock, BooleanSupplier stopped) {
        this.clients = clients;
        this.clock = clock;
        this.stopped = stopped;
    }

    void start() {
        PictureScheduler.schedule(this::tick, untilNextMinute(clock.instant()));
    }

    /** Asks each composed client for a picture, then waits for the next minute. */
    void tick() {
        if (stopped.getAsBoolean()) {
            return;
        }
        for (ClientLink c : clients.get()) {
            if (c.view() != null) {
                c.viewDue();
            }
        }
        start();
    }

    /** Nanoseconds from {@code now} to just past the start of the next minute. */
    static long untilNextMinute(Instant now) {
        long intoMinute = TimeUnit.SECONDS.toNanos(now.getEpochSecond() % 60) + now.getNano();
        return TimeUnit.MINUTES.toNanos(1) - intoMinute + MARGIN_NANOS;
    }
}
