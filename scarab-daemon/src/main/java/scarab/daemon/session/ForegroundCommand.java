package scarab.daemon.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a pane is running now, as tmux's {@code #{pane_current_command}} names it: the first word
 * of the command line of the terminal's foreground process group (the shell at a prompt, vim
 * while it runs), cleaned up as tmux's parse_window_name does (a login shell's {@code -bash} is
 * {@code bash}, {@code /usr/bin/vim} is {@code vim}).
 */
public final class ForegroundCommand {
    private ForegroundCommand() {}

    /** @return the name, or null when the processes are gone or unreadable */
    public static String of(long leaderPid) {
        if (leaderPid <= 0) {
            return null;
        }
        long group = ForegroundCwd.foregroundGroup(leaderPid);
        String name = group > 0 ? firstWord(group) : null;
        return name != null ? name : firstWord(leaderPid);
    }

    private static String firstWord(long pid) {
        try {
            byte[] cmdline = Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline"));
            int end = 0;
            while (end < cmdline.length && cmdline[end] != 0) {
                end++;
            }
            String name = parse(new String(cmdline, 0, end, StandardCharsets.UTF_8));
            return name.isEmpty() ? null : name;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** tmux's parse_window_name: no quotes, no {@code exec }, no leading blanks or dashes, the first word, its base name. */
    static String parse(String in) {
        String name = in;
        if (name.startsWith("\"")) {
            name = name.substring(1);
        }
        int quote = name.indexOf('"');
        if (quote >= 0) {
            name = name.substring(0, quote);
        }
        if (name.startsWith("exec ")) {
            name = name.substring(5);
        }
        int start = 0;
        while (start < name.length() && (name.charAt(start) == ' ' || name.charAt(start) == '-')) {
            start++;
        }
        name = name.substring(start);
        int space = name.indexOf(' ');
        if (space >= 0) {
            name = name.substring(0, space);
        }
        int end = name.length();
        while (end > 1 && !isPrintableNonBlank(name.charAt(end - 1))) {
            end--;
        }
        name = name.substring(0, end);
        if (name.startsWith("/")) {
            String trimmed = name.replaceAll("/+$", "");
            name = trimmed.isEmpty() ? "/" : trimmed.substring(trimmed.lastIndexOf('/') + 1);
        }
        return name;
    }

    private static boolean isPrintableNonBlank(char c) {
        return c > 0x20 && c != 0x7f;
    }
}
