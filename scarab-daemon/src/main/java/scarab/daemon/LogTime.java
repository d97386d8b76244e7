package scarab.daemon;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.TimeZone;

/**
 * The time of a line of the daemon's log ({@code %isotime}): local time with its offset, as
 * logback's {@code %d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}} writes it, but with the offset taken from
 * {@link TimeZone} for each line. logback's converter asks java.time for the system zone, whose
 * rules provider looks for others with a ServiceLoader: that opened every jar of the daemon's class
 * path while its log was being set up, most of the CPU the set-up still cost a cold start.
 */
public final class LogTime extends ClassicConverter {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT);
    private final TimeZone zone = TimeZone.getDefault();

    @Override
    public String convert(ILoggingEvent event) {
        long millis = event.getTimeStamp();
        return FORMAT.format(Instant.ofEpochMilli(millis).atOffset(ZoneOffset.ofTotalSeconds(zone.getOffset(millis) / 1000)));
    }
}
