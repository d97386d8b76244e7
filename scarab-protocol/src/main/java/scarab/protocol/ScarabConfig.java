package scarab.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code $XDG_CONFIG_HOME/scarab/config.toml}. Every key is optional; a missing file means all
 * defaults. Unknown keys and bad values are errors naming the file, line and key: a daemon with a
 * mistyped setting refuses to start rather than silently ignore what the user asked for.
 *
 * <pre>
 * default-command = ["/bin/zsh", "-l"]   # what new sessions run without -c
 * history-limit = 10000                   # history lines per session (also accepted: scrollback)
 * history-bytes = "16MB"                  # and the memory those lines may take (KB, MB, GB: 1024-based)
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
        @JsonProperty("default-command") List<String> defaultCommand,
        @JsonProperty("scrollback") Integer scrollback,
        @JsonProperty("detach-keys") String detachKeys,
        @JsonProperty("snapshot-interval") String snapshotInterval,
        @JsonProperty("restore") String restore,
        @JsonProperty("cleanup-exited-after") String cleanupExitedAfter,
        @JsonProperty("cleanup-detached-after") String cleanupDetachedAfter,
        @JsonProperty("log-level") String logLevel,
        @JsonProperty("max-sessions") Integer maxSessions,
        @JsonProperty("max-clients-per-session") Integer maxClientsPerSession,
        @JsonProperty("history-limit") Integer historyLimit,
        @JsonProperty("history-bytes") String historyBytes) {

    public static final ScarabConfig EMPTY = new ScarabConfig(null, null, null, null, null, null, null, null, null, null,
            null, null);

    /** 16 MB of history per session unless {@code history-bytes} says otherwise. */
    public static final long DEFAULT_HISTORY_BYTES = 16L << 20;
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

    /** Built on first use only: without a config file (the usual case) no client pays for databind. */
    private static final class Toml {
        static final ObjectMapper MAPPER = TomlMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    /** Reads the file; a missing file is the empty config. */
    public static ScarabConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return EMPTY;
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        ScarabConfig c;
        try {
            c = Toml.MAPPER.readValue(text, ScarabConfig.class);
        } catch (UnrecognizedPropertyException e) {
            // The TOML backend reads a tree first, so Jackson has no line: find the key's own line.
            throw new ConfigException(file + ":" + lineOf(text, e.getPropertyName()) + ": unknown key \""
                    + e.getPropertyName() + "\"; known keys: " + String.join(", ", KEYS));
        } catch (JsonMappingException e) {
            String key = e.getPath().isEmpty() ? "?" : e.getPath().get(e.getPath().size() - 1).getFieldName();
            throw new ConfigException(file + ":" + lineOf(text, key) + ": bad value for \"" + key + "\": "
                    + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            JsonLocation at = e instanceof com.fasterxml.jackson.core.JsonProcessingException p ? p.getLocation() : null;
            throw new ConfigException(where(file, at) + "not valid TOML: " + firstLine(e.getMessage()));
        }
        return c == null ? EMPTY : c.validated(file, text);
    }

    static final List<String> KEYS = List.of("default-command", "scrollback", "detach-keys", "snapshot-interval", "restore",
            "cleanup-exited-after", "cleanup-detached-after", "log-level", "max-sessions", "max-clients-per-session",
            "history-limit", "history-bytes");

    /** Checks values Jackson cannot: each problem names its key and the line it is on. */
    private ScarabConfig validated(Path file, String text) {
        check(file, text, "default-command", defaultCommand == null || (!defaultCommand.isEmpty()
                && defaultCommand.stream().noneMatch(s -> s == null || s.isEmpty())), "a non-empty array of words");
        check(file, text, "scrollback", scrollback == null || (scrollback >= 0 && scrollback <= 1_000_000), "0 to 1000000 lines");
        check(file, text, "history-limit", historyLimit == null || (historyLimit >= 0 && historyLimit <= 1_000_000),
                "0 to 1000000 lines");
        check(file, text, "history-limit", historyLimit == null || scrollback == null,
                "only one of history-limit and scrollback (its older name)");
        check(file, text, "history-bytes", historyBytes == null || bytes(historyBytes) != null,
                "a size like 16MB or 500KB, at most 64GB");
        check(file, text, "snapshot-interval", snapshotInterval == null || duration(snapshotInterval) != null,
                "a duration like 500ms, 2s, 1m");
        check(file, text, "restore", restore == null || List.of("eager", "lazy", "none").contains(restore.toLowerCase(Locale.ROOT)),
                "eager, lazy or none");
        check(file, text, "cleanup-exited-after", cleanupExitedAfter == null || duration(cleanupExitedAfter) != null,
                "a duration like 12h or 7d");
        check(file, text, "cleanup-detached-after", cleanupDetachedAfter == null || duration(cleanupDetachedAfter) != null,
                "a duration like 12h or 7d");
        check(file, text, "log-level", logLevel == null
                || List.of("error", "warn", "info", "debug", "trace").contains(logLevel.toLowerCase(Locale.ROOT)),
                "error, warn, info, debug or trace");
        check(file, text, "max-sessions", maxSessions == null || (maxSessions >= 1 && maxSessions <= 100_000), "1 to 100000");
        check(file, text, "max-clients-per-session", maxClientsPerSession == null
                || (maxClientsPerSession >= 1 && maxClientsPerSession <= 10_000), "1 to 10000");
        check(file, text, "detach-keys", detachKeys == null || !detachKeys.isBlank(), "keys like ctrl-b,d");
        return this;
    }

    private static void check(Path file, String text, String key, boolean ok, String expected) {
        if (!ok) {
            throw new ConfigException(file + ":" + lineOf(text, key) + ": bad value for \"" + key + "\": expected " + expected);
        }
    }

    private static int lineOf(String text, String key) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.startsWith(key) && l.substring(key.length()).stripLeading().startsWith("=")) {
                return i + 1;
            }
        }
        return 0;
    }

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

    private static String where(Path file, JsonLocation at) {
        return file + (at != null && at.getLineNr() > 0 ? ":" + at.getLineNr() : "") + ": ";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** A config file that cannot be used; the message names the file, line and key. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message, null, false, false);
        }
    }
}
