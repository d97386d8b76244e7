package scarab.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders sessions for people (an aligned table) and for scripts (stable JSON objects). Written
 * with plain loops, jackson-core's generator and no java.time formatter on purpose: this runs on
 * the start-up path of every {@code scarab ls}, where each library first touched costs time.
 */
public final class SessionTable {
    private SessionTable() {}

    /** The STATUS column's words: {@code running (restored)}, {@code exited (N)}, {@code exited: out of memory}. */
    public static String status(SessionInfo s) {
        if (SessionInfo.EXITED.equals(s.status())) {
            if (s.exitReason() != null) {
                return "exited: " + s.exitReason();
            }
            return "exited (" + (s.exitCode() == null ? "?" : s.exitCode()) + ")";
        }
        return s.restored() && SessionInfo.RUNNING.equals(s.status()) ? "running (restored)" : s.status();
    }

    /**
     * The table people read. With groups, a GROUP column, and each group's sessions together:
     * sessions of no group first, then the groups by name, each oldest first as the list came.
     */
    public static String table(List<SessionInfo> sessions, Instant now, boolean color) {
        boolean titles = false;
        boolean groups = false;
        for (SessionInfo s : sessions) {
            titles |= s.title() != null && !s.title().isEmpty();
            groups |= s.group() != null;
        }
        if (groups) {
            sessions = new ArrayList<>(sessions);
            sessions.sort((a, b) -> a.group() == null ? (b.group() == null ? 0 : -1)
                    : b.group() == null ? 1 : a.group().compareTo(b.group()));
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(columns(groups, titles, "ID", "NAME", "GROUP", "STATUS", "WINDOWS", "PANES", "CPU", "MEM", "SIZE",
                "CREATED", "ATTACHED", "CLIENTS", "TITLE"));
        for (SessionInfo s : sessions) {
            rows.add(columns(groups, titles, s.shortId(), s.name(), s.group() == null ? "-" : s.group(), status(s),
                    count(s.windows()), count(s.panes()), cpu(s.cpuMillis()), memory(s.memoryBytes()),
                    s.cols() + "x" + s.rows(), ago(s.createdAt(), now),
                    s.lastAttachedAt() == null ? "never" : ago(s.lastAttachedAt(), now), String.valueOf(s.clients()),
                    s.title() == null ? "" : s.title()));
        }
        int statusColumn = groups ? 3 : 2;
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
                if (color && r > 0 && i == statusColumn) {
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

    /** The cells shown: GROUP only when some session has one, TITLE only when some has one. */
    private static String[] columns(boolean groups, boolean titles, String... cells) {
        List<String> kept = new ArrayList<>(cells.length);
        for (int i = 0; i < cells.length; i++) {
            if ((i != 2 || groups) && (i != cells.length - 1 || titles)) {
                kept.add(cells[i]);
            }
        }
        return kept.toArray(new String[0]);
    }

    /** CPU time as {@code 4.20s}, {@code 3m07s} or {@code 2h05m}; "-" when unknown. */
    public static String cpu(Long millis) {
        if (millis == null) {
            return "-";
        }
        long ms = millis;
        if (ms < 60_000) {
            return ms / 1000 + "." + two(ms % 1000 / 10) + "s";
        }
        long seconds = ms / 1000;
        if (seconds < 3600) {
            return seconds / 60 + "m" + two(seconds % 60) + "s";
        }
        return seconds / 3600 + "h" + two(seconds / 60 % 60) + "m";
    }

    /** Bytes in binary units, as {@code ps}/{@code top} people read them: {@code 812K}, {@code 23.4M}, {@code 1.2G}. */
    public static String memory(Long bytes) {
        if (bytes == null) {
            return "-";
        }
        long b = bytes;
        if (b < 1024 * 1024) {
            return (b + 1023) / 1024 + "K";
        }
        // Tenths by integer arithmetic: no Formatter (start-up cost) and no locale's decimal comma.
        long tenthsOfMiB = b * 10 / (1024 * 1024);
        if (tenthsOfMiB < 1000) {
            return tenthsOfMiB / 10 + "." + tenthsOfMiB % 10 + "M";
        }
        if (b < 1024L * 1024 * 1024) {
            return b / (1024 * 1024) + "M";
        }
        long tenthsOfGiB = b * 10 / (1024L * 1024 * 1024);
        return tenthsOfGiB / 10 + "." + tenthsOfGiB % 10 + "G";
    }

    private static String two(long n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }

    private static String count(Integer n) {
        return n == null ? "1" : String.valueOf(n);
    }

    private static String colorFor(SessionInfo s) {
        switch (s.status()) {
            case SessionInfo.RUNNING:
                return "\033[32m";
            case SessionInfo.STOPPED:
                return "\033[33m";
            default:
                return s.exitCode() != null && s.exitCode() == 0 ? "\033[2m" : "\033[31m";
        }
    }

    static String ago(String iso, Instant now) {
        if (iso == null) {
            return "never";
        }
        long seconds = Duration.between(instant(iso), now).getSeconds();
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

    /**
     * {@link Instant#parse}, without java.time's formatter machinery for the one shape the daemon
     * writes ({@link Instant#toString}: {@code 2026-11-25T05:05:00.674Z}); any other text goes to
     * {@link Instant#parse} itself, which accepts or rejects it as it always did.
     */
    static Instant instant(String iso) {
        int n = iso.length();
        if (n >= 20 && n <= 30 && iso.charAt(4) == '-' && iso.charAt(7) == '-' && iso.charAt(10) == 'T'
                && iso.charAt(13) == ':' && iso.charAt(16) == ':' && iso.charAt(n - 1) == 'Z') {
            int year = digits(iso, 0, 4);
            int month = digits(iso, 5, 7);
            int day = digits(iso, 8, 10);
            int hour = digits(iso, 11, 13);
            int minute = digits(iso, 14, 16);
            int second = digits(iso, 17, 19);
            int nano = 0;
            boolean ok = year >= 0 && month >= 1 && month <= 12 && day >= 1 && hour >= 0 && hour <= 23
                    && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
            if (ok && n > 20) {
                int fraction = n - 21; // between '.' and 'Z'
                ok = iso.charAt(19) == '.' && fraction >= 1 && fraction <= 9;
                int value = ok ? digits(iso, 20, n - 1) : -1;
                ok &= value >= 0;
                for (int i = fraction; ok && i < 9; i++) {
                    value *= 10;
                }
                nano = value;
            }
            if (ok && day <= LocalDate.of(year, month, 1).lengthOfMonth()) {
                long epochDay = LocalDate.of(year, month, day).toEpochDay();
                return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nano);
            }
        }
        return Instant.parse(iso);
    }

    /** The decimal number in {@code s[from, to)}, or -1 when it is not all ASCII digits. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * {@code ls --json}: an array of objects with stable fields (only ever added to), pretty
     * printed exactly as databind's default pretty printer did before this class wrote it.
     */
    public static String json(List<SessionInfo> sessions) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartArray();
            for (SessionInfo s : sessions) {
                g.writeStartObject();
                g.writeStringField("id", s.id());
                g.writeStringField("shortId", s.shortId());
                g.writeStringField("name", s.name());
                g.writeStringField("status", s.status());
                g.writeFieldName("exitCode");
                if (s.exitCode() == null) {
                    g.writeNull();
                } else {
                    g.writeNumber(s.exitCode());
                }
                g.writeNumberField("cols", s.cols());
                g.writeNumberField("rows", s.rows());
                g.writeStringField("createdAt", s.createdAt());
                g.writeStringField("lastAttachedAt", s.lastAttachedAt());
                g.writeNumberField("clients", s.clients());
                g.writeStringField("title", s.title());
                g.writeFieldName("command");
                if (s.command() == null) {
                    g.writeNull();
                } else {
                    g.writeStartArray();
                    for (String word : s.command()) {
                        g.writeString(word);
                    }
                    g.writeEndArray();
                }
                g.writeStringField("cwd", s.cwd());
                g.writeBooleanField("restored", s.restored());
                g.writeNumberField("windows", s.windows() == null ? 1 : s.windows());
                g.writeNumberField("panes", s.panes() == null ? 1 : s.panes());
                g.writeStringField("group", s.group());
                nullableNumber(g, "cpuMillis", s.cpuMillis());
                nullableNumber(g, "memoryBytes", s.memoryBytes());
                g.writeStringField("exitReason", s.exitReason());
                nullableNumber(g, "memoryMax", s.memoryMax());
                nullableNumber(g, "cpuMax", s.cpuMax() == null ? null : Long.valueOf(s.cpuMax()));
                nullableNumber(g, "tasksMax", s.tasksMax() == null ? null : Long.valueOf(s.tasksMax()));
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write to memory", e);
        }
        return text.toString();
    }

    private static void nullableNumber(JsonGenerator g, String name, Long value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }
}
