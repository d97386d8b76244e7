package scarab.protocol;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * The settings of {@code $XDG_CONFIG_HOME/scarab/config.toml}; null where the file does not set a
 * key (or sets it wrong: {@link ConfigCheck} reads the file, keeps the good values and reports
 * the rest, so that a typo costs a default, never the daemon).
 *
 * <pre>
 * default-command = "/bin/zsh -l"         # what new sessions run without -c (or ["/bin/zsh", "-l"])
 * history-limit = 10000                   # history lines per session (also accepted: scrollback)
 * history-bytes = "16MB"                  # and the memory those lines may take (KB, MB, GB: 1024-based)
 * history-disk = "256MB"                  # older lines kept on disk, compressed, per session ("0": none)
 * status = "auto"                         # the status line: off, on, or auto (more than one window or pane)
 * remain-on-exit = false                  # a pane whose program ends stays, dead, until respawn-pane or kill-pane
 * detach-keys = "ctrl-b,d"
 * snapshot-interval = "2s"                # how often changed screens are saved
 * restore = "eager"                       # eager | lazy | none
 * cleanup-exited-after = "7d"             # remove exited sessions after this long (default: never)
 * cleanup-detached-after = "30d"          # remove unattached running sessions (default: never)
 * log-level = "info"                      # error | warn | info | debug | trace
 * max-sessions = 2000
 * max-clients-per-session = 64
 * repeat-time = "500ms"                   # after a repeatable key (C-b Up), more of them need no prefix this long
 * mode-keys = "emacs"                     # copy mode's keys: emacs or vi (default: vi when $VISUAL/$EDITOR has "vi")
 * set-clipboard = true                    # a copy also goes to the outer terminal's clipboard (OSC 52)
 * mouse = "on"                            # clicks select panes and windows, borders drag, the wheel scrolls (default off)
 * hosts = ["build01", "me@build02"]       # the machines of scarab ls --hosts without a list (as ssh names them)
 *
 * [keys]                                  # the prefix table: key (tmux's names) = command line
 * "M-h" = "select-pane -L"
 * "R" = "-r resize-pane -R 3"             # -r: repeatable, as tmux's bind -r
 * "x" = ""                                # unbound
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
        Integer maxClientsPerSession,
        Integer historyLimit,
        String historyBytes,
        String historyDisk,
        String status,
        Boolean remainOnExit,
        String repeatTime,
        Map<String, String> keys,
        String modeKeys,
        Boolean setClipboard,
        Boolean mouse,
        Map<String, String> hooks,
        List<String> hosts) {

    public static final ScarabConfig EMPTY = new ScarabConfig(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null);

    /** 16 MB of history per session unless {@code history-bytes} says otherwise. */
    public static final long DEFAULT_HISTORY_BYTES = 16L << 20;
    /**
     * 256 MB of compressed history lines per session on disk unless {@code history-disk} says
     * otherwise: what {@code history-limit} and {@code history-bytes} push out of memory.
     */
    public static final long DEFAULT_HISTORY_DISK = 256L << 20;
    private static final long MAX_HISTORY_BYTES = 64L << 30;

    /** History lines per session: {@code history-limit} (tmux's name), or the older {@code scrollback}. */
    public Integer historyLines() {
        return historyLimit != null ? historyLimit : scrollback;
    }

    /**
     * A size: a number of bytes, or a number with KB, MB or GB (also K, M, G, KiB, MiB, GiB; all
     * 1024-based, any case); null when not one, or over 64 GB.
     */
    public static Long bytes(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        for (String[] u : new String[][] {{"kib", "1024"}, {"mib", "1048576"}, {"gib", "1073741824"}, {"kb", "1024"},
                {"mb", "1048576"}, {"gb", "1073741824"}, {"k", "1024"}, {"m", "1048576"}, {"g", "1073741824"}, {"b", "1"}}) {
            if (t.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                t = t.substring(0, t.length() - u[0].length()).trim();
                break;
            }
        }
        try {
            long n = Long.parseLong(t);
            if (n < 0 || n > MAX_HISTORY_BYTES / unit) {
                return null;
            }
            return n * unit;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Every key the file may set, in the order the documentation lists them. */
    public static final List<String> KEYS = List.of("default-command", "scrollback", "detach-keys", "snapshot-interval",
            "restore", "cleanup-exited-after", "cleanup-detached-after", "log-level", "max-sessions",
            "max-clients-per-session", "history-limit", "history-bytes", "history-disk", "status", "remain-on-exit",
            "repeat-time", "keys", "mode-keys", "set-clipboard", "mouse", "hooks", "hosts");

    public static final List<String> RESTORE_MODES = List.of("eager", "lazy", "none");
    /** The status line: never, always, or only when a session has more than one window or pane (the default). */
    public static final List<String> STATUS_MODES = List.of("off", "on", "auto");
    /** Copy mode's key tables, as tmux's {@code mode-keys}. */
    public static final List<String> MODE_KEYS = List.of("emacs", "vi");
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
