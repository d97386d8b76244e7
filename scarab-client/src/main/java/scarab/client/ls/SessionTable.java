package scarab.client.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import scarab.protocol.SessionInfo;

/** Renders sessions for people (an aligned table) and for scripts (stable JSON objects). */
final class SessionTable {
    private SessionTable() {}

    static String status(SessionInfo s) {
        if (SessionInfo.EXITED.equals(s.status())) {
            return "exited (" + (s.exitCode() == null ? "?" : s.exitCode()) + ")";
        }
        return s.restored() && SessionInfo.RUNNING.equals(s.status()) ? "running (restored)" : s.status();
    }

    static String table(List<SessionInfo> sessions, Instant now, boolean color) {
        boolean titles = sessions.stream().anyMatch(s -> s.title() != null && !s.title().isEmpty());
        List<String[]> rows = new ArrayList<>();
        rows.add(titles ? new String[] {"ID", "NAME", "STATUS", "SIZE", "CREATED", "ATTACHED", "CLIENTS", "TITLE"}
                : new String[] {"ID", "NAME", "STATUS", "SIZE", "CREATED", "ATTACHED", "CLIENTS"});
        for (SessionInfo s : sessions) {
            String[] row = {s.shortId(), s.name(), status(s), s.cols() + "x" + s.rows(), ago(s.createdAt(), now),
                    s.lastAttachedAt() == null ? "never" : ago(s.lastAttachedAt(), now), String.valueOf(s.clients()),
                    s.title() == null ? "" : s.title()};
            rows.add(titles ? row : java.util.Arrays.copyOf(row, 7));
        }
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String cell = row[i];
                String padded = i == columns - 1 ? cell : cell + " ".repeat(widths[i] - cell.length() + 2);
                if (color && r > 0 && i == 2) {
                    padded = colorFor(sessions.get(r - 1)) + cell + "\033[0m" + padded.substring(cell.length());
                } else if (color && r == 0) {
                    padded = "\033[1m" + cell + "\033[0m" + padded.substring(cell.length());
                }
                line.append(padded);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String colorFor(SessionInfo s) {
        return switch (s.status()) {
            case SessionInfo.RUNNING -> "\033[32m";
            case SessionInfo.STOPPED -> "\033[33m";
            default -> s.exitCode() != null && s.exitCode() == 0 ? "\033[2m" : "\033[31m";
        };
    }

    static String ago(String iso, Instant now) {
        if (iso == null) {
            return "never";
        }
        long seconds = Duration.between(Instant.parse(iso), now).getSeconds();
        if (seconds < 5) {
            return "just now";
        }
        if (seconds < 60) {
            return seconds + " seconds ago";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes == 1 ? "1 minute ago" : minutes + " minutes ago";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return hours == 1 ? "1 hour ago" : hours + " hours ago";
        }
        return (hours / 24) + " days ago";
    }

    /** The stable JSON shape of a session for {@code ls --json}: fields are only ever added. */
    static Map<String, Object> json(SessionInfo s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("shortId", s.shortId());
        m.put("name", s.name());
        m.put("status", s.status());
        m.put("exitCode", s.exitCode());
        m.put("cols", s.cols());
        m.put("rows", s.rows());
        m.put("createdAt", s.createdAt());
        m.put("lastAttachedAt", s.lastAttachedAt());
        m.put("clients", s.clients());
        m.put("title", s.title());
        m.put("command", s.command());
        m.put("cwd", s.cwd());
        m.put("restored", s.restored());
        return m;
    }
}
