package scarab.daemon.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the user is working in a session: the current directory of the terminal's foreground
 * process group (the {@code tpgid} field of the session leader's {@code /proc/PID/stat}), which is
 * the shell itself at a prompt or e.g. vim while it runs; the leader's own directory otherwise.
 */
public final class ForegroundCwd {
    private ForegroundCwd() {}

    /** @return the directory, or null when the processes are gone or unreadable */
    public static String of(long leaderPid) {
        if (leaderPid <= 0) {
            return null;
        }
        long foreground = foregroundGroup(leaderPid);
        String cwd = foreground > 0 ? cwd(foreground) : null;
        return cwd != null ? cwd : cwd(leaderPid);
    }

    /** The terminal's foreground process group of the session led by {@code pid} (tcgetpgrp), or -1. */
    static long foregroundGroup(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"), StandardCharsets.UTF_8);
            // The command name (field 2) is in parentheses and may contain spaces: parse after the last ')'.
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // rest[0] is field 3 (state); tpgid is field 8.
            return Long.parseLong(rest[5]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String cwd(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "cwd")).toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
