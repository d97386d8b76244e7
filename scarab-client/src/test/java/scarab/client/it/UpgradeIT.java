package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import scarab.protocol.Version;

/**
 * {@code scarab daemon upgrade}: the daemon re-executes itself (the same jars: the test has one
 * build) and keeps every session's process, screen and history; a hand-over it cannot use, or an
 * exec that fails, leaves the sessions working (restored the old way, or not touched at all).
 */
class UpgradeIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern COUNT = Pattern.compile("(?m)^c(\\d+)$");
    private static final String COUNTER = "sh -c 'i=0; while :; do i=$((i+1)); echo c$i; sleep 0.05; done'";
    private Scarab scarab;
    private Path faults;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        faults = scarab.faultDirectory();
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    private void counters(String... names) {
        for (String name : names) {
            scarab.ok("new", "-d", "--size", "80x24", "-c", COUNTER, name);
        }
        for (String name : names) {
            awaitCount(name, 10);
        }
    }

    /** The counter's numbers in the pane's whole history and screen, in order. */
    private List<Integer> counts(String name) {
        List<Integer> out = new ArrayList<>();
        Matcher m = COUNT.matcher(scarab.ok("capture", "-S", "-", name));
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }

    private int last(String name) {
        List<Integer> c = counts(name);
        return c.isEmpty() ? 0 : c.get(c.size() - 1);
    }

    private void awaitCount(String name, int atLeast) {
        Scarab.waitFor(name + " counting to " + atLeast, WAIT, () -> last(name) >= atLeast);
    }

    /** 1, 2, 3, ... with no number missing and none twice. */
    private static void assertNoGapNoRepeat(String name, List<Integer> counts) {
        for (int i = 0; i < counts.size(); i++) {
            assertEquals(i + 1, counts.get(i), name + ": the counter's output " + counts);
        }
    }

    /** The pane's program's pid, once it has one (a restored session's command starts in the background). */
    private long panePid(String name) {
        String[] pid = new String[1];
        Scarab.waitFor(name + "'s program", WAIT, () -> {
            pid[0] = scarab.ok("list-panes", "-t", name, "-F", "#{pane_pid}").strip();
            return !pid[0].isEmpty();
        });
        return Long.parseLong(pid[0]);
    }

    private String log() throws IOException {
        return Files.readString(scarab.root.resolve("state/scarab/daemon.log"));
    }

    private static List<String> fdTargets(long pid) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    out.add(Files.readSymbolicLink(fd).toString());
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        return out;
    }

    /** The descriptors open now that were not in {@code before}, and those gone, for a failure's message. */
    private static String added(List<String> before, long pid) {
        try {
            List<String> now = crossing(fdTargets(pid));
            List<String> added = new ArrayList<>(now);
            before.forEach(added::remove);
            List<String> gone = new ArrayList<>(before);
            now.forEach(gone::remove);
            return before.size() + " then, " + now.size() + " now; added " + added + ", gone " + gone;
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** The kinds of descriptor an upgrade keeps open across exec: terminals, pidfds, sockets, locks. */
    private static List<String> crossing(List<String> targets) {
        return targets.stream()
                .filter(t -> t.startsWith("/dev/pt") || t.equals("anon_inode:[pidfd]") || t.startsWith("socket:")
                        || t.endsWith(".lock"))
                .toList();
    }

    private static long count(List<String> targets, String... kinds) {
        return targets.stream().filter(t -> List.of(kinds).contains(t)).count();
    }

    @Test
    void processesScreensAndHistoriesSurviveTheUpgrade() throws Exception {
        counters("one", "two");
        long daemon = scarab.daemonPid();
        long one = panePid("one");
        long two = panePid("two");

        String said = scarab.ok("daemon", "upgrade");
        assertTrue(said.contains("daemon upgraded in place (pid " + daemon + ")"), said);

        assertEquals(daemon, scarab.daemonPid(), "the same daemon process");
        assertEquals(one, panePid("one"), "the same program in one");
        assertEquals(two, panePid("two"), "the same program in two");
        assertTrue(ProcessHandle.of(one).map(ProcessHandle::isAlive).orElse(false));
        assertTrue(ProcessHandle.of(two).map(ProcessHandle::isAlive).orElse(false));
        for (String name : List.of("one", "two")) {
            int before = last(name);
            awaitCount(name, before + 20);
            assertNoGapNoRepeat(name, counts(name));
        }
        String log = log();
        assertTrue(log.contains("upgraded in place: 2 processes handed over"), log);
        assertTrue(log.contains("session adopted"), log);
        String version = scarab.ok("--version");
        assertTrue(version.contains("\ndaemon " + Version.get() + " (pid " + daemon + ")"), version);
        String status = scarab.ok("daemon", "status");
        assertTrue(status.contains("client:   " + Version.get()), status);
        assertTrue(scarab.ok("ls").contains("running"), "listed as running");
        assertTrue(!scarab.ok("ls").contains("restored"), "not restored: the processes went on");
    }

    /**
     * A full-screen program on the alternate screen (as vim is) goes on drawing there after the
     * upgrade, and leaving it shows the main screen as it was (the snapshot alone keeps the main one).
     */
    @Test
    void aFullScreenProgramKeepsItsAlternateScreen() throws Exception {
        scarab.ok("new", "-d", "--size", "80x24", "-c",
                "sh -c 'echo main-text; printf \"\\033[?1049halt-text\"; read x; printf \"\\033[?1049l\"; echo left-$x; sleep 1000'",
                "full");
        Scarab.waitFor("the alternate screen", WAIT, () -> scarab.ok("capture", "full").contains("alt-text"));
        long pid = panePid("full");

        scarab.ok("daemon", "upgrade");

        assertEquals(pid, panePid("full"));
        String shown = scarab.ok("capture", "full");
        assertTrue(shown.contains("alt-text") && !shown.contains("main-text"), "the alternate screen shown: " + shown);
        scarab.ok("send-keys", "full", "42", "Enter");
        Scarab.waitFor("the main screen back", WAIT, () -> scarab.ok("capture", "full").contains("left-42"));
        String main = scarab.ok("capture", "full");
        assertTrue(main.contains("main-text"), "the main screen as it was: " + main);
        assertTrue(!main.contains("alt-text"), main);
    }

    @Test
    void aDamagedHandOverRestoresTheSessionsTheOrdinaryWay() throws Exception {
        counters("one");
        long daemon = scarab.daemonPid();
        long old = panePid("one");
        Files.createFile(faults.resolve("upgrade-damaged-handover"));

        String said = scarab.ok("daemon", "upgrade");

        assertTrue(said.contains("cannot be read"), said);
        assertEquals(daemon, scarab.daemonPid());
        long restarted = panePid("one");
        assertNotEquals(old, restarted, "the command was started again");
        Scarab.waitFor("the old program hung up", WAIT, () -> ProcessHandle.of(old).map(h -> !h.isAlive()).orElse(true));
        assertTrue(scarab.ok("capture", "-S", "-", "one").contains("after daemon restart]"), "the restore's marker");
        assertTrue(log().contains("the hand-over file"), "said in the log");
        // Only the restarted program's terminal is held: the old one's was let go.
        List<String> fds = fdTargets(daemon);
        assertEquals(1, count(fds, "/dev/ptmx", "/dev/pts/ptmx"), fds.toString());
    }

    @Test
    void aHandOverOfAnUnknownFormatRestoresTheSessionsTheOrdinaryWay() throws Exception {
        counters("one");
        long old = panePid("one");
        Files.createFile(faults.resolve("upgrade-unknown-format"));

        String said = scarab.ok("daemon", "upgrade");

        assertTrue(said.contains("is of format 2"), said);
        assertNotEquals(old, panePid("one"));
        Scarab.waitFor("the old program hung up", WAIT, () -> ProcessHandle.of(old).map(h -> !h.isAlive()).orElse(true));
    }

    @Test
    void aFailedExecLeavesTheDaemonGoingOn() throws Exception {
        counters("one");
        long daemon = scarab.daemonPid();
        long pid = panePid("one");
        Files.createFile(faults.resolve("upgrade-exec-fails"));

        Scarab.Result r = scarab.run("daemon", "upgrade");

        assertEquals(1, r.status(), r.out());
        assertTrue(r.err().contains("the daemon was not upgraded: exec /nonexistent/scarab-test-fault"), r.err());
        assertEquals(daemon, scarab.daemonPid());
        assertEquals(pid, panePid("one"));
        awaitCount("one", last("one") + 20);
        assertNoGapNoRepeat("one", counts("one"));
    }

    @Test
    void fiveUpgradesInARowLeakNoDescriptor() throws Exception {
        counters("one", "two");
        long daemon = scarab.daemonPid();
        scarab.ok("daemon", "upgrade");
        List<String> settledFds = crossing(fdTargets(daemon));
        for (int i = 0; i < 4; i++) {
            scarab.ok("daemon", "upgrade");
        }
        List<String> fds = fdTargets(daemon);
        assertEquals(2, count(fds, "/dev/ptmx", "/dev/pts/ptmx"), fds.toString());
        assertEquals(2, count(fds, "anon_inode:[pidfd]"), fds.toString());
        // The lock files' locks crossed every exec on the old program's descriptor, then the new
        // program's own took over: one descriptor each, not one per upgrade.
        assertEquals(1, fds.stream().filter(t -> t.endsWith("/scarab.sock.lock")).count(), fds.toString());
        assertEquals(1, fds.stream().filter(t -> t.endsWith("/sessions.db.lock")).count(), fds.toString());
        assertEquals(String.valueOf(daemon), Files.readString(scarab.root.resolve("run/scarab/scarab.sock.lock")).strip());
        // Only the descriptors kept across exec can pile up: the JVM's own (jars, the database,
        // its pipes) close at every exec and are opened again as the new program needs them.
        Scarab.waitFor(() -> "no more kept descriptors than after the first upgrade: " + added(settledFds, daemon), WAIT,
                () -> {
                    try {
                        return crossing(fdTargets(daemon)).size() <= settledFds.size();
                    } catch (IOException e) {
                        return false;
                    }
                });
        for (String name : List.of("one", "two")) {
            awaitCount(name, last(name) + 10);
            assertNoGapNoRepeat(name, counts(name));
        }
    }
}
