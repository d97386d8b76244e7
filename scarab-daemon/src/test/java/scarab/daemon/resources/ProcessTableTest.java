package scarab.daemon.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading /proc/PID/stat lines and summing a process tree by parent pid. */
class ProcessTableTest {
    @TempDir
    Path proc;

    /** A stat line: pid, comm, then fields 3.. with ppid, utime, stime, cutime, cstime and rss where they go. */
    private static String stat(long pid, String comm, long ppid, long utime, long stime, long cutime, long cstime, long rss) {
        StringBuilder b = new StringBuilder().append(pid).append(" (").append(comm).append(") S ").append(ppid);
        for (int field = 5; field <= 52; field++) {
            long v = switch (field) {
                case 14 -> utime;
                case 15 -> stime;
                case 16 -> cutime;
                case 17 -> cstime;
                case 24 -> rss;
                default -> 7;
            };
            b.append(' ').append(v);
        }
        return b.append('\n').toString();
    }

    private void process(long pid, String comm, long ppid, long utime, long stime, long cutime, long cstime, long rss)
            throws Exception {
        Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(proc.resolve(pid + "/stat"), stat(pid, comm, ppid, utime, stime, cutime, cstime, rss));
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        ProcessTable.Entry e = ProcessTable.parse(stat(42, "a) b (c", 7, 100, 50, 3, 2, 1000));
        assertEquals(new ProcessTable.Entry(42, 7, 155, 1000), e);
        assertNull(ProcessTable.parse("42 (truncated"));
        assertNull(ProcessTable.parse("x (y) S 1 2"));
    }

    @Test
    void aTreeIsItsProcessAndEveryDescendantAndNothingElse() throws Exception {
        process(10, "bash", 1, 100, 0, 40, 0, 100);     // the pane's shell, its finished jobs in cutime
        process(11, "make", 10, 10, 10, 0, 0, 200);
        process(12, "cc1", 11, 300, 0, 0, 0, 1000);
        process(20, "other", 1, 999, 999, 0, 0, 9999);  // not in the tree
        process(13, "sleep", 20, 1, 1, 0, 0, 1);        // another tree's child
        Files.createDirectories(proc.resolve("self"));  // not a pid
        ProcessTable table = ProcessTable.read(proc, 4096);
        assertEquals(new Usage((100 + 40 + 20 + 300) * 10, (100 + 200 + 1000) * 4096L), table.treeUsage(10));
        assertEquals(new Usage(3000, 1000 * 4096L), table.treeUsage(12));
        assertNull(table.treeUsage(99), "not running");
    }
}
