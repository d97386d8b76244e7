package scarab.daemon;

import java.util.List;

/**
 * The daemon's command line. Kept free of libraries: the daemon parses a handful of flags.
 *
 * @param foreground log to stdout (for systemd and terminals) instead of the rolling log file
 * @param socket     explicit socket path ({@code -S}), or null for the usual resolution
 */
public record DaemonOptions(boolean foreground, String socket) {

    public static final String USAGE = "usage: scarab daemon [--foreground] [-S SOCKET]";

    public static DaemonOptions parse(List<String> args) {
        boolean foreground = false;
        String socket = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--foreground", "-f" -> foreground = true;
                case "-S", "--socket" -> {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException(a + " needs a path; " + USAGE);
                    }
                    socket = args.get(++i);
                }
                default -> {
                    if (a.startsWith("--socket=")) {
                        socket = a.substring("--socket=".length());
                    } else {
                        throw new IllegalArgumentException("unknown daemon option " + a + "; " + USAGE);
                    }
                }
            }
        }
        return new DaemonOptions(foreground, socket);
    }
}
