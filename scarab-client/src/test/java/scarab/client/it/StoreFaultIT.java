package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.client.daemon.DaemonConnection;
import scarab.protocol.Frame;
import scarab.protocol.Request;
import scarab.protocol.Response;

/**
 * The disk under the session database fails: it fills up, it turns read-only, another process
 * locks the database. The daemon keeps serving the sessions it has, refuses what it cannot store
 * with one clear line (and leaves nothing half-made), and catches up once the fault clears.
 */
class StoreFaultIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private Scarab scarab;
    private Path data;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        data = scarab.root.resolve("data");
        Files.createDirectories(scarab.root.resolve("config/scarab"));
        Files.writeString(scarab.root.resolve("config/scarab/config.toml"), "snapshot-interval = \"200ms\"\n");
    }

    @AfterEach
    void stop() throws Exception {
        try {
            scarab.run("daemon", "stop");
            if (Faults.mounted(data)) {
                Faults.unmount(data);
            }
        } finally {
            scarab.close();
        }
    }

    private Map<String, JsonNode> sessions() throws Exception {
        return scarab.sessionsByName();
    }

    private void awaitCapture(String name, String text) {
        Scarab.waitFor("\"" + text + "\" in " + name, WAIT, () -> scarab.ok("capture", "-S", "-", name).contains(text));
    }

    private void awaitSnapshot(String name, String text) {
        Scarab.waitFor("a stored snapshot of " + name + " with \"" + text + "\"", WAIT, () -> {
            try {
                return Faults.storedSnapshot(scarab.database(), name).contains(text);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    /** A shell that printed a line and whose screen is in the store. */
    private String keeper() throws Exception {
        scarab.ok("new", "-d", "-e", "PS1=$ ", "-c", "/bin/sh", "keeper");
        scarab.ok("send-keys", "keeper", "echo before-$((6*7))", "Enter");
        awaitCapture("keeper", "before-42\n");
        awaitSnapshot("keeper", "before-42");
        return sessions().get("keeper").get("id").asText();
    }

    /** A command the daemon cannot store fails with one line naming the fault, and leaves nothing. */
    private void assertRefused(Scarab.Result r, String what, String fault) {
        System.out.println("refused: " + r.err().strip());
        assertEquals(1, r.status(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains(what), r.err());
        assertTrue(r.err().contains(fault), r.err());
    }

    /** While the store fails: no half-made session, and the existing one is served as before. */
    private void assertServesDespite(String fault) throws Exception {
        assertRefused(scarab.run("new", "-d", "-c", "sleep 1000", "victim"), "session \"victim\" not created", fault);
        assertFalse(sessions().containsKey("victim"), "a session that could not be stored is not listed");
        Scarab.waitFor("the process of the session not created to be gone", WAIT,
                () -> Faults.sessionProcesses(scarab.socket(), "victim").isEmpty());

        assertRefused(scarab.run("rename", "keeper", "kept"), "session \"keeper\" not renamed", fault);
        assertRefused(scarab.run("kill", "keeper"), "session \"keeper\" not killed", fault);
        assertEquals("running", sessions().get("keeper").get("status").asText(), "a kill that was refused kills nothing");
        assertFalse(Faults.sessionProcesses(scarab.socket(), "keeper").isEmpty());

        scarab.ok("send-keys", "keeper", "echo during-$((6*7))", "Enter");
        awaitCapture("keeper", "during-42\n");
        try (DaemonConnection c = DaemonConnection.open(scarab.socket())) {
            assertInstanceOf(Response.Attached.class, c.call(new Request.Attach(c.nextId(), "keeper", false, false, 80, 24, null)));
            StringBuilder seen = new StringBuilder();
            c.sendInput("echo attached-$((6*7))\r".getBytes(StandardCharsets.US_ASCII), 0, 23);
            while (seen.indexOf("attached-42") < 0) {
                Frame f = c.readFrame();
                assertTrue(f != null, "the daemon hung up on an attached client");
                if (f.kind() == Frame.OUTPUT) {
                    seen.append(new String(f.payload(), StandardCharsets.UTF_8));
                }
            }
            c.send(new Request.Detach(c.nextId(), null));
        }
    }

    /** After the fault: writes succeed again and the snapshots catch up without any new output. */
    private void assertRecovers(String keeperId) throws Exception {
        awaitSnapshot("keeper", "attached-42");
        scarab.ok("new", "-d", "-c", "sleep 1000", "victim");
        scarab.ok("rename", "keeper", "kept");
        String victimId = sessions().get("victim").get("id").asText();
        scarab.ok("daemon", "stop");
        Map<String, JsonNode> after = sessions();
        assertEquals(keeperId, after.get("kept").get("id").asText());
        assertEquals(victimId, after.get("victim").get("id").asText());
        String history = scarab.ok("capture", "-S", "-", "kept");
        assertTrue(history.contains("before-42\n") && history.contains("during-42\n") && history.contains("attached-42\n"),
                "the history written during the fault was stored once it cleared:\n" + history);
        assertEquals("ok", Faults.integrityCheck(scarab.database()));
    }

    @Test
    void fullDisk() throws Exception {
        Faults.mountTmpfs(data, "512k");
        String keeperId = keeper();
        Path filler = data.resolve("filler");
        Faults.fill(filler);

        assertServesDespite("is full");
        Path log = scarab.root.resolve("state/scarab/daemon.log");
        Scarab.waitFor("a failed snapshot in the log", WAIT, () -> {
            try {
                return Files.readString(log).contains("failed: ") && Files.readString(log).contains("snapshot of");
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });

        Files.delete(filler);
        assertRecovers(keeperId);
    }

    /** Another process holds the write lock: each write waits out the busy timeout (5 s) and fails. */
    @Test
    void databaseLockedByAnotherProcess() throws Exception {
        String keeperId = keeper();
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + scarab.database());
             Statement s = other.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            s.execute("BEGIN IMMEDIATE");
            s.execute("UPDATE sessions SET name = name");
            assertServesDespite("is locked by another process");
            s.execute("ROLLBACK");
        }
        assertRecovers(keeperId);
    }

    /**
     * The filesystem turns read-only under the running daemon, as ext4 does on a disk error
     * ({@code errors=remount-ro}). A plain {@code mount -o remount,ro} cannot do this: the kernel
     * refuses it (EBUSY) while the daemon holds the database open for writing. A filesystem that
     * went read-only this way cannot be made writable again while mounted, so here the fault
     * "clears" the way it does for a person: stop the daemon, remount, start again, and every
     * acknowledged change is there.
     */
    @Test
    void diskTurnsReadOnly() throws Exception {
        Path image = scarab.root.resolve("disk.img");
        try (var f = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(16 << 20);
        }
        Faults.sh("mkfs.ext4", "-q", "-F", image.toString());
        Files.createDirectories(data);
        try {
            Faults.sh("mount", "-o", "loop,errors=remount-ro", image.toString(), data.toString());
        } catch (AssertionError e) {
            throw new AssertionError("this test needs to loop-mount an ext4 image as root: " + e.getMessage(), e);
        }
        String device = Faults.sh("findmnt", "-n", "-o", "SOURCE", data.toString()).strip();
        Path trigger = Path.of("/sys/fs/ext4", Path.of(device).getFileName().toString(), "trigger_fs_error");
        assertTrue(Files.exists(trigger), "this test needs ext4's " + trigger + " to make the disk fail");

        String keeperId = keeper();
        scarab.ok("new", "-d", "-c", "sleep 1000", "acknowledged");
        Files.writeString(trigger, "1");
        assertThrows(java.io.IOException.class, () -> Files.writeString(data.resolve("probe"), "x"),
                "the filesystem is read-only now");

        assertServesDespite(scarab.database().toString());

        scarab.ok("daemon", "stop");
        Faults.unmount(data);
        Faults.sh("mount", "-o", "loop", image.toString(), data.toString());
        Map<String, JsonNode> after = sessions();
        assertEquals(keeperId, after.get("keeper").get("id").asText());
        assertTrue(after.containsKey("acknowledged"));
        assertFalse(after.containsKey("victim"));
        assertTrue(scarab.ok("capture", "-S", "-", "keeper").contains("before-42\n"));
        scarab.ok("new", "-d", "-c", "sleep 1000", "victim");
        assertEquals("ok", Faults.integrityCheck(scarab.database()));
    }

    /**
     * One session's screen is too big for what is left of the disk: its snapshot fails, alone.
     * Every other session's history is still stored (and survives a kill -9), and the failure is
     * reported once, naming the session, not once per round.
     */
    @Test
    void aSnapshotThatDoesNotFitFailsAloneAndIsReportedOnce() throws Exception {
        Faults.mountTmpfs(data, "512k");
        keeper();
        // About 1.2 MB of random text, which no compression brings under 512 KB.
        scarab.ok("new", "-d", "--size", "1000x1000", "-c",
                "sh -c 'head -c 900000 /dev/urandom | base64 -w 1000; echo big-$((6*7)); exec sleep 1000'", "big");
        awaitCapture("big", "big-42");

        for (int i = 1; i <= 3; i++) {
            scarab.ok("send-keys", "keeper", "echo during-" + i + "-$((6*7))", "Enter");
            awaitSnapshot("keeper", "during-" + i + "-42");
        }
        // Each round since the big screen was drawn tried its snapshot again.
        assertEquals(1, bigFailures(scarab.root.resolve("state/scarab/daemon.log")), "the full disk is reported once for the session, not every round");

        long pid = scarab.daemonPid();
        assertEquals(0, new ProcessBuilder("kill", "-9", String.valueOf(pid)).start().waitFor());
        Scarab.waitFor("the daemon to die", WAIT, () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        String history = scarab.ok("capture", "-S", "-", "keeper");
        assertTrue(history.contains("during-3-42\n"), "the other session's history survived the kill -9:\n" + history);
    }

    private static long bigFailures(Path log) {
        try {
            return Files.readAllLines(log).stream()
                    .filter(l -> l.contains("snapshot of session big pane %") && l.contains("failed") && l.contains("is full"))
                    .count();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
