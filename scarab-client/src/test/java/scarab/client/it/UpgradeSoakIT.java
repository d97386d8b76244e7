package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #16's soak: 50 upgrades in a row while three panes print counters. Nothing is lost or
 * repeated (every counter's whole output is 1, 2, 3, ... in {@code capture -S -}), every program
 * keeps its pid, and nothing piles up in the process: the descriptors kept across exec (terminals,
 * pidfds, sockets, lock files), threads, resident memory, unreaped children. The daemon runs as an
 * installed one does, from jars with its class-data archive (ArchivedClassPath), which every
 * upgrade maps again: without it each upgrade is a cold JVM start loading some 2,000 classes.
 */
class UpgradeSoakIT {
    private static final int UPGRADES = 50;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern COUNT = Pattern.compile("(?m)^c(\\d+)$");
    private static final String COUNTER = "sh -c 'i=0; while :; do i=$((i+1)); echo c$i; sleep 0.05; done'";
    private static final List<String> TARGETS = List.of("one", "two:0.0", "two:0.1");
    private Scarab scarab;
    private Path archive;

    @BeforeEach
    void start() throws Exception {
        ArchivedClassPath classes = ArchivedClassPath.get();
        scarab = new Scarab();
        archive = scarab.root.resolve("dist/scarab-daemon.jsa");
        Files.createDirectories(archive.getParent());
        Files.copy(classes.recorded, archive);
        classes.startDaemon(scarab, archive);
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    private List<Integer> counts(String target) {
        List<Integer> out = new ArrayList<>();
        Matcher m = COUNT.matcher(scarab.ok("capture", "-S", "-", target));
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }

    private int last(String target) {
        List<Integer> c = counts(target);
        return c.isEmpty() ? 0 : c.get(c.size() - 1);
    }

    private List<Long> pids() {
        List<Long> out = new ArrayList<>();
        for (String t : TARGETS) {
            out.add(Long.parseLong(scarab.ok("display", "-p", "-t", t, "#{pane_pid}").strip()));
        }
        return out;
    }

    private static List<String> kept(long pid) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String t = Files.readSymbolicLink(fd).toString();
                    if (t.startsWith("/dev/pt") || t.equals("anon_inode:[pidfd]") || t.startsWith("socket:")
                            || t.endsWith(".lock")) {
                        out.add(t);
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    private static long threads(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return tasks.count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static long rssKb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static long zombieChildren(long parent) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    return f[0].equals("Z") && Long.parseLong(f[1]) == parent;
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void fiftyUpgradesUnderOutputLoseNothingAndLeakNothing() throws Exception {
        scarab.ok("new", "-d", "--size", "80x24", "-c", COUNTER, "one");
        scarab.ok("new", "-d", "--size", "80x24", "-c", COUNTER, "two");
        scarab.ok("split-window", "-t", "two", "-c", COUNTER);
        for (String t : TARGETS) {
            Scarab.waitFor(t + " counting", WAIT, () -> last(t) >= 5);
        }
        long daemon = scarab.daemonPid();
        List<Long> pids = pids();
        scarab.ok("daemon", "upgrade");
        List<String> settledFds = kept(daemon);
        long settledThreads = threads(daemon);
        long settledRss = rssKb(daemon);

        long t0 = System.nanoTime();
        for (int i = 1; i < UPGRADES; i++) {
            String said = scarab.ok("daemon", "upgrade");
            assertTrue(said.startsWith("daemon upgraded in place (pid " + daemon + ")") && !said.contains("problem"),
                    "upgrade " + (i + 1) + ": " + said);
        }
        System.out.printf("UpgradeSoakIT: %d upgrades in %.1f s (%.0f ms each, client's request to the new program"
                + " answering)%n", UPGRADES - 1, (System.nanoTime() - t0) / 1e9, (System.nanoTime() - t0) / 1e6 / (UPGRADES - 1));

        assertEquals(daemon, scarab.daemonPid());
        assertTrue(Files.readString(Path.of("/proc/" + daemon + "/maps")).contains(archive.toString()),
                "the last program maps the class-data archive");
        assertEquals(pids, pids(), "the same programs");
        for (long pid : pids) {
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "alive: " + pid);
        }
        Scarab.waitFor(() -> "no more kept descriptors than after the first upgrade: " + settledFds + " then, "
                + kept(daemon) + " now", WAIT, () -> kept(daemon).size() <= settledFds.size());
        // A new program each time: what the old one had cannot pile up, and the new one settles
        // where the first did (a connection's thread may come and go meanwhile).
        Scarab.waitFor(() -> "threads back to " + settledThreads + "; " + threads(daemon) + " now", WAIT,
                () -> threads(daemon) <= settledThreads + 2);
        Scarab.waitFor(() -> "resident memory near " + settledRss + " kB; " + rssKb(daemon) + " kB now", WAIT,
                () -> rssKb(daemon) <= 2 * settledRss);
        Scarab.waitFor(() -> zombieChildren(daemon) + " unreaped children", WAIT, () -> zombieChildren(daemon) == 0);
        for (String t : TARGETS) {
            int before = last(t);
            Scarab.waitFor(t + " counting on", WAIT, () -> last(t) >= before + 10);
            List<Integer> counts = counts(t);
            for (int i = 0; i < counts.size(); i++) {
                assertEquals(i + 1, counts.get(i), t + ": the counter's output has a gap or a repeat at line " + i);
            }
        }
    }
}
