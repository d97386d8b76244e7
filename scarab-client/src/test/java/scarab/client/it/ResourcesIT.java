package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.protocol.Json;

/**
 * Each session's resource use in {@code ls}, {@code ls --json}, {@code list-panes --json} and
 * {@code top}, checked against {@code /proc} read here: a busy loop's CPU time lies between two
 * readings of its process taken before and after the listing, and grows; a pane holding 200 MB
 * shows at least 150 MB, close to its process's own VmRSS. No figure is compared with a clock.
 */
class ResourcesIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long MB = 1024 * 1024;

    private Scarab scarab;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    private JsonNode session(String name) throws IOException {
        return scarab.sessionsByName().get(name);
    }

    private long panePid(String target) throws IOException {
        return Json.mapper().readTree(scarab.ok("list-panes", "-t", target, "--json")).get(0).get("pid").asLong();
    }

    /** utime + stime + cutime + cstime of {@code pid} and its descendants, in ms (USER_HZ is 100). */
    private static long procCpuMillis(long pid) throws IOException {
        long ticks = 0;
        for (long p : tree(pid)) {
            String stat = Files.readString(Path.of("/proc/" + p + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        }
        return ticks * 10;
    }

    /** VmRSS of {@code pid} and its descendants, from /proc/PID/status. */
    private static long procRssBytes(long pid) throws IOException {
        long kb = 0;
        for (long p : tree(pid)) {
            for (String line : Files.readAllLines(Path.of("/proc/" + p + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    kb += Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        }
        return kb * 1024;
    }

    private static List<Long> tree(long pid) {
        List<Long> all = new ArrayList<>(List.of(pid));
        ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> all.add(d.pid())));
        return all;
    }

    @Test
    void lsShowsEachSessionsCpuTimeAndMemoryAsProcHasThem() throws Exception {
        scarab.ok("new", "-d", "-c", "sh -c 'while :; do :; done'", "busy");
        scarab.ok("new", "-d", "-c", "python3 -c \"import time; x = b'x' * (200 << 20); time.sleep(100000)\"", "big");
        scarab.ok("new", "-d", "-c", "sleep 100000", "idle");
        long busyPid = panePid("busy");
        long bigPid = panePid("big");

        Scarab.waitFor("big to hold 150 MB", WAIT, () -> {
            try {
                JsonNode s = session("big");
                return s.get("memoryBytes").isNumber() && s.get("memoryBytes").asLong() >= 150 * MB;
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        long listed = session("big").get("memoryBytes").asLong();
        long own = procRssBytes(bigPid);
        assertTrue(own >= 150 * MB, "VmRSS of the python process: " + own);
        assertTrue(Math.abs(listed - own) <= 16 * MB, "ls: " + listed + ", /proc: " + own);

        // CPU time only grows: a reading before the listing is at most what it says, one after at least.
        long before = procCpuMillis(busyPid);
        long busyCpu = session("busy").get("cpuMillis").asLong();
        long after = procCpuMillis(busyPid);
        assertTrue(before <= busyCpu && busyCpu <= after, before + " <= " + busyCpu + " <= " + after);
        Scarab.waitFor("busy's CPU time to grow", WAIT, () -> {
            try {
                return session("busy").get("cpuMillis").asLong() > busyCpu;
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });

        // The same per pane, and a dead pane has none.
        JsonNode pane = Json.mapper().readTree(scarab.ok("list-panes", "-t", "big", "--json")).get(0);
        assertTrue(pane.get("memoryBytes").asLong() >= 150 * MB, pane.toString());
        assertTrue(pane.get("cpuMillis").isNumber(), pane.toString());

        // The table has CPU and MEM columns: big's memory in MiB, at least 150.
        String table = scarab.ok("ls");
        List<String> header = List.of(table.lines().findFirst().orElseThrow().split(" +"));
        assertTrue(header.containsAll(List.of("CPU", "MEM")), table);
        String[] big = table.lines().filter(l -> l.split(" +")[1].equals("big")).findFirst().orElseThrow().split(" +");
        String mem = big[header.indexOf("MEM")];
        assertTrue(mem.endsWith("M") && Double.parseDouble(mem.substring(0, mem.length() - 1)) >= 150, table);
        assertTrue(big[header.indexOf("CPU")].matches("[0-9]+\\.[0-9]{2}s|[0-9]+m[0-9]{2}s"), table);

        // top, one table: the busy loop first, its pane named as the busiest; the idle one used nothing.
        String top = scarab.ok("top", "-b", "-n", "1", "-d", "0.5");
        System.out.println(table + "\n" + top);
        List<String> lines = top.lines().toList();
        assertTrue(lines.get(0).startsWith("scarab top - ") && lines.get(0).contains("3 sessions"), top);
        assertTrue(lines.get(1).matches("NAME +GROUP +STATUS +%CPU +TIME +MEM +PANES +BUSIEST PANE"), top);
        assertTrue(lines.get(2).matches("busy +- +running +[0-9.]+ .* busy:0\\.0 sh \\([0-9.]+%\\)"), top);
        double busyPercent = Double.parseDouble(lines.get(2).split(" +")[3]);
        assertTrue(busyPercent > 0, top);
        String idle = lines.stream().filter(l -> l.startsWith("idle ")).findFirst().orElseThrow();
        assertTrue(idle.matches("idle +- +running +0\\.0 .* -"), top);
        assertEquals(5, lines.size(), top);
    }

    @Test
    void topOnATerminalRedrawsUntilQ() throws Exception {
        scarab.ok("new", "-d", "-c", "sh -c 'while :; do :; done'", "spin");
        try (Tmux tmux = new Tmux(scarab.root)) {
            tmux.start(120, 30, "env -i " + scarab.envLine(false, Map.of("PS1", "outer$ ")) + " /bin/sh");
            tmux.awaitText(null, "outer$");
            tmux.type(null, "env " + scarab.envLine(false, Map.of()) + " " + scarab.clientCommand() + " top; echo top-ended-$?",
                    "Enter");
            String screen = tmux.await(null, "top's table", WAIT, s -> s.contains("BUSIEST PANE") && s.contains("spin:0.0 sh"));
            assertTrue(screen.contains("(q quits)"), screen);
            assertTrue(!screen.contains("outer$"), "on the alternate screen:\n" + screen);
            tmux.type(null, "q");
            screen = tmux.await(null, "top to end", WAIT, s -> s.contains("top-ended-0"));
            assertTrue(!screen.contains("BUSIEST PANE"), "the alternate screen left:\n" + screen);
            tmux.type(null, "stty -a | grep -o ' icanon\\| echo ' | tr -d ' ' | sort | tr '\\n' , ; echo", "Enter");
            tmux.await(null, "the terminal's settings back", WAIT, s -> s.contains("echo,icanon,"));
        }
    }
}
