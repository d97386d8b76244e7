package scarab.daemon.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StatusClockTest {
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    @Test
    void theNextTickIsJustPastTheTurnOfTheMinute() {
        Instant start = Instant.parse("2026-12-07T20:41:00Z");
        long atStart = StatusClock.untilNextMinute(start);
        assertTrue(atStart > MINUTE && atStart < MINUTE + TimeUnit.SECONDS.toNanos(1), "a whole minute: " + atStart);
        long margin = atStart - MINUTE;
        for (long intoMinute : new long[] {1, 999_999_999, TimeUnit.SECONDS.toNanos(30) + 7, MINUTE - 1}) {
            Instant now = start.plusNanos(intoMinute);
            assertEquals(MINUTE - intoMinute + margin, StatusClock.untilNextMinute(now), "at " + now);
            // Read after the wait, the clock shows the next minute.
            assertEquals(start.plusSeconds(60).getEpochSecond() / 60,
                    now.plusNanos(StatusClock.untilNextMinute(now)).getEpochSecond() / 60, "at " + now);
        }
    }
}
