package scarab.protocol;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The settings of {@code $XDG_CONFIG_HOME/scarab/config.toml}; null where the file does not set a
 * key (or sets it wrong: {@link ConfigCheck} reads the file, keeps the good values and reports
 * the rest, so that a typo costs a default, never the daemon).
 *
 * <pre>
 * default-command = "/bin/zsh -l"         # what new sessions run without -c (or ["/bin/zsh", "-l"])
 * scrollback = 10000                      # history lines per session
 * detach-keys = "ctrl-b,d"
 * snapshot-interval = "2s"                # how often changed screens are saved
 * restore = "eager"                       # eager | lazy | none
 * cleanup-exited-after = "7d"             # remove exited sessions after this long (default: never)
 * cleanup-detached-after = "30d"          # remove unattached running sessions (default: never)
 * log-level = "info"                      # error | warn | info | debug | trace
 * max-sessions = 2000
 * max-clients-per-session = 64
 * </pre>
 */
public record ScarabConfig(
        List<String> defaultCommand,
        Integer scrollback,
        String detachKeys,
        String snapshotInterval,
        String restore,
        String cleanupExitedAfter,
        String cleanupDetachedAfter,
        String logLevel,
        Integer maxSessions,
        Integer maxClientsPerSession) {

    public static final ScarabConfig EMPTY = new ScarabConfig(null, null, null, null, null, null, null, null, null, null);

    /** Every key the file may set, in the order the documentation lists them. */
    public static final List<String> KEYS = List.of("default-command", "scrollback", "detach-keys", "snapshot-interval",
            "restore", "cleanup-exited-after", "cleanup-detached-after", "log-level", "max-sessions",
            "max-clients-per-session");

    public static final List<String> RESTORE_MODES = List.of("eager", "lazy", "none");
    public static final List<String> LOG_LEVELS = List.of("error", "warn", "info", "debug", "trace");

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}; null when not one. */
    public static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            long n;
            if (t.endsWith("ms")) {
                n = Long.parseLong(t.substring(0, t.length() - 2));
                return n > 0 ? Duration.ofMillis(n) : null;
            }
            n = Long.parseLong(t.substring(0, t.length() - 1));
            if (n <= 0) {
                return null;
            }
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> null;
            };
        } catch (RuntimeException e) {
            return null;
        }
    }
}
