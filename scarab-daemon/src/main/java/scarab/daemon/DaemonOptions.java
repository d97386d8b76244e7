package scarab.daemon;

import java.time.Duration;
import java.util.List;
import scarab.daemon.session.RestoreMode;
import scarab.protocol.ScarabConfig;

/**
 * The daemon's command line. Kept free of libraries: the daemon parses a handful of flags.
 *
 * @param foreground        log to stdout (for systemd and terminals) instead of the rolling log file
 * @param socket            explicit socket path ({@code -S}), or null for the usual resolution
 * @param restore           what to do with sessions a previous daemon ran
 * @param snapshotInterval  how often changed screens are written to the store
 * @param scrollback        history lines kept per session ({@code history-limit}, formerly {@code scrollback})
 * @param historyBytes      heap the history lines of a session may hold ({@code history-bytes})
 * @param historyDisk       disk the compressed history lines pushed out of memory may take per session
 *                          ({@code history-disk}); 0: none are kept
 * @param status            the status line: off, on or auto ({@code status})
 * @param remainOnExit      a pane whose program ends stays, dead, until respawned or killed ({@code remain-on-exit})
 * @param cleanupExitedAfter   remove exited sessions this long after they exited; null: never
 * @param cleanupDetachedAfter remove running sessions nobody attached to for this long; null: never
 */
public record DaemonOptions(boolean foreground, String socket, RestoreMode restore, Duration snapshotInterval,
                            int scrollback, Duration cleanupExitedAfter, Duration cleanupDetachedAfter,
                            List<String> defaultCommand, int maxSessions, int maxClientsPerSession, String logLevel,
                            long historyBytes, long historyDisk, String status,
                            boolean remainOnExit) {

    public static final String USAGE = "usage: scarab daemon [--foreground] [-S SOCKET] [--restore=eager|lazy|none]"
            + " [--snapshot-interval=2s] [--history-limit=10000] [--history-bytes=16MB] [--history-disk=256MB]"
            + " [--cleanup-exited-after=DURATION]"
            + " [--cleanup-detached-after=DURATION]";
    public static final int DEFAULT_SCROLLBACK = 10_000;
    public static final int MAX_SCROLLBACK = 1_000_000;
    public static final long DEFAULT_HISTORY_BYTES = ScarabConfig.DEFAULT_HISTORY_BYTES;
    public static final long DEFAULT_HISTORY_DISK = ScarabConfig.DEFAULT_HISTORY_DISK;

    public static final int DEFAULT_MAX_SESSIONS = 2000;
    public static final int DEFAULT_MAX_CLIENTS = 64;

    public static DaemonOptions defaults() {
        return new DaemonOptions(false, null, RestoreMode.EAGER, Duration.ofSeconds(2), DEFAULT_SCROLLBACK, null, null,
                null, DEFAULT_MAX_SESSIONS, DEFAULT_MAX_CLIENTS, "info", DEFAULT_HISTORY_BYTES, DEFAULT_HISTORY_DISK,
                "auto", false);
    }

    /** The defaults with the config file's settings applied (the file has been validated). */
    public static DaemonOptions from(ScarabConfig c) {
        DaemonOptions d = defaults();
        return new DaemonOptions(false, null,
                c.restore() == null ? d.restore : RestoreMode.parse(c.restore()),
                c.snapshotInterval() == null ? d.snapshotInterval : Durations.parse(c.snapshotInterval()),
                c.historyLines() == null ? d.scrollback : c.historyLines(),
                c.cleanupExitedAfter() == null ? null : Durations.parse(c.cleanupExitedAfter()),
                c.cleanupDetachedAfter() == null ? null : Durations.parse(c.cleanupDetachedAfter()),
                c.defaultCommand(),
                c.maxSessions() == null ? d.maxSessions : c.maxSessions(),
                c.maxClientsPerSession() == null ? d.maxClientsPerSession : c.maxClientsPerSession(),
                c.logLevel() == null ? d.logLevel : c.logLevel(),
                c.historyBytes() == null ? d.historyBytes : ScarabConfig.bytes(c.historyBytes()),
                c.historyDisk() == null ? d.historyDisk : ScarabConfig.bytes(c.historyDisk()),
                c.status() == null ? d.status : c.status(),
                c.remainOnExit() == null ? d.remainOnExit : c.remainOnExit());
    }

    public static DaemonOptions parse(List<String> args) {
        return parse(args, defaults());
    }

    /** Command-line flags over {@code base} (the defaults with the config file applied). */
    public static DaemonOptions parse(List<String> args, DaemonOptions base) {
        DaemonOptions o = base;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            switch (name) {
                case "--foreground", "-f" -> o = o.with(true, o.socket, o.restore, o.snapshotInterval, o.scrollback);
                case "-S", "--socket" -> {
                    String v = value != null ? value : next(args, ++i, a);
                    o = o.with(o.foreground, v, o.restore, o.snapshotInterval, o.scrollback);
                }
                case "--restore" -> o = o.with(o.foreground, o.socket, RestoreMode.parse(value != null ? value : next(args, ++i, a)),
                        o.snapshotInterval, o.scrollback);
                case "--snapshot-interval" -> o = o.with(o.foreground, o.socket, o.restore,
                        Durations.parse(value != null ? value : next(args, ++i, a)), o.scrollback);
                case "--scrollback", "--history-limit" -> o = o.with(o.foreground, o.socket, o.restore, o.snapshotInterval,
                        scrollback(name, value != null ? value : next(args, ++i, a)));
                case "--history-bytes" -> {
                    String v = value != null ? value : next(args, ++i, a);
                    Long n = ScarabConfig.bytes(v);
                    if (n == null) {
                        throw new IllegalArgumentException("--history-bytes wants a size like 16MB or 500KB, not \"" + v + "\"");
                    }
                    o = new DaemonOptions(o.foreground, o.socket, o.restore, o.snapshotInterval, o.scrollback,
                            o.cleanupExitedAfter, o.cleanupDetachedAfter, o.defaultCommand, o.maxSessions,
                            o.maxClientsPerSession, o.logLevel, n, o.historyDisk, o.status, o.remainOnExit);
                }
                case "--history-disk" -> {
                    String v = value != null ? value : next(args, ++i, a);
                    Long n = ScarabConfig.bytes(v);
                    if (n == null) {
                        throw new IllegalArgumentException("--history-disk wants a size like 256MB or 0, not \"" + v + "\"");
                    }
                    o = new DaemonOptions(o.foreground, o.socket, o.restore, o.snapshotInterval, o.scrollback,
                            o.cleanupExitedAfter, o.cleanupDetachedAfter, o.defaultCommand, o.maxSessions,
                            o.maxClientsPerSession, o.logLevel, o.historyBytes, n, o.status, o.remainOnExit);
                }
                case "--cleanup-exited-after" -> o = new DaemonOptions(o.foreground, o.socket, o.restore, o.snapshotInterval,
                        o.scrollback, Durations.parse(value != null ? value : next(args, ++i, a)), o.cleanupDetachedAfter,
                        o.defaultCommand, o.maxSessions, o.maxClientsPerSession, o.logLevel, o.historyBytes, o.historyDisk, o.status, o.remainOnExit);
                case "--cleanup-detached-after" -> o = new DaemonOptions(o.foreground, o.socket, o.restore, o.snapshotInterval,
                        o.scrollback, o.cleanupExitedAfter, Durations.parse(value != null ? value : next(args, ++i, a)),
                        o.defaultCommand, o.maxSessions, o.maxClientsPerSession, o.logLevel, o.historyBytes, o.historyDisk, o.status, o.remainOnExit);
                default -> throw new IllegalArgumentException("unknown daemon option " + a + "; " + USAGE);
            }
        }
        return o;
    }

    private DaemonOptions with(boolean fg, String sock, RestoreMode mode, Duration interval, int lines) {
        return new DaemonOptions(fg, sock, mode, interval, lines, cleanupExitedAfter, cleanupDetachedAfter, defaultCommand,
                maxSessions, maxClientsPerSession, logLevel, historyBytes, historyDisk, status, remainOnExit);
    }

    private static String next(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value; " + USAGE);
        }
        return args.get(i);
    }

    private static int scrollback(String option, String text) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n < 0 || n > MAX_SCROLLBACK) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " wants a number of lines from 0 to " + MAX_SCROLLBACK
                    + ", not \"" + text + "\"");
        }
    }
}
