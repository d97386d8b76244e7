package scarab.daemon.resources;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every process of the machine at one moment, from one pass over {@code /proc/PID/stat}: its
 * parent, its CPU time and its resident memory, so that the use of a process tree (a pane's
 * process and all its descendants) is a walk down by parent pid. A process that ends during the
 * pass is simply not there.
 */
public final class ProcessTable {
    /** USER_HZ: what {@code /proc} counts CPU time in; 100 on every Linux ABI in use. */
    private static final long TICKS_PER_SECOND = 100;

    private final Map<Long, Entry> byPid;
    private final Map<Long, List<Long>> children;
    private final long pageSize;

    /**
     * @param cpuTicks utime + stime of the process, plus cutime + cstime: its waited-for children's,
     *                 so that what a shell's finished commands used stays counted
     * @param rssPages resident pages
     */
    record Entry(long pid, long ppid, long cpuTicks, long rssPages) {}

    private ProcessTable(Map<Long, Entry> byPid, long pageSize) {
        this.byPid = byPid;
        this.pageSize = pageSize;
        this.children = new HashMap<>();
        for (Entry e : byPid.values()) {
            children.computeIfAbsent(e.ppid(), p -> new ArrayList<>()).add(e.pid());
        }
    }

    /** The processes now. */
    public static ProcessTable read() {
        return read(Path.of("/proc"), PageSize.BYTES);
    }

    static ProcessTable read(Path proc, long pageSize) {
        Map<Long, Entry> all = new HashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (name.isEmpty() || name.charAt(0) < '0' || name.charAt(0) > '9') {
                    continue;
                }
                Entry e = entry(dir.resolve("stat"));
                if (e != null) {
                    all.put(e.pid(), e);
                }
            }
        } catch (IOException e) {
            // No /proc (not Linux): nothing is known, and the figures are left out.
        }
        return new ProcessTable(all, pageSize);
    }

    /** One {@code /proc/PID/stat}, or null when the process ended or the line cannot be read. */
    static Entry entry(Path stat) {
        String line;
        try {
            line = new String(Files.readAllBytes(stat), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return null;
        }
        return parse(line);
    }

    /**
     * Parses a stat line. The command name (field 2) is in parentheses and may hold spaces and
     * parentheses itself: the fields are counted from the last ')'.
     */
    static Entry parse(String line) {
        int close = line.lastIndexOf(')');
        int open = line.indexOf(' ');
        if (close < 0 || open < 0) {
            return null;
        }
        String[] f = line.substring(close + 2).trim().split(" ");
        // f[0] is field 3 (state): field N is f[N - 3].
        if (f.length < 22) {
            return null;
        }
        try {
            long pid = Long.parseLong(line.substring(0, open));
            long ppid = Long.parseLong(f[1]);
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            long rss = Long.parseLong(f[21]);
            return new Entry(pid, ppid, ticks, Math.max(0, rss));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** What {@code pid} and all its descendants use now; null when {@code pid} is not running. */
    public Usage treeUsage(long pid) {
        Entry root = byPid.get(pid);
        if (root == null) {
            return null;
        }
        long ticks = 0;
        long pages = 0;
        java.util.ArrayDeque<Long> todo = new java.util.ArrayDeque<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        todo.add(pid);
        while (!todo.isEmpty()) {
            long p = todo.poll();
            Entry e = byPid.get(p);
            if (e == null || !seen.add(p)) {
                continue;
            }
            ticks += e.cpuTicks();
            pages += e.rssPages();
            todo.addAll(children.getOrDefault(p, List.of()));
        }
        return new Usage(ticks * 1000 / TICKS_PER_SECOND, pages * pageSize);
    }

    /** The system's page size, from the ELF auxiliary vector as the JVM knows it. */
    static final class PageSize {
        static final long BYTES = pageSize();

        private static long pageSize() {
            // /proc/self/smaps gives KernelPageSize; its first entry is enough.
            try (var lines = Files.lines(Path.of("/proc/self/smaps"))) {
                return lines.filter(l -> l.startsWith("KernelPageSize:")).findFirst()
                        .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024).orElse(4096L);
            } catch (IOException | RuntimeException e) {
                return 4096;
            }
        }
    }
}
