package scarab.daemon;

import java.time.Duration;
import scarab.protocol.ScarabConfig;

/** Parses durations people write: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}. */
public final class Durations {
    private Durations() {}

    public static Duration parse(String text) {
        Duration d = ScarabConfig.duration(text);
        if (d == null) {
            throw new IllegalArgumentException("not a positive duration: \"" + text + "\" (use e.g. 500ms, 30s, 5m, 2h, 7d)");
        }
        return d;
    }
}
