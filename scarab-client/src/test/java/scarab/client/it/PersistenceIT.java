package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.daemon.session.SessionId;
import scarab.daemon.store.Snapshot;
import scarab.daemon.terminal.CaptureOptions;
import scarab.daemon.terminal.Renderer;
import scarab.daemon.terminal.Screen;

/** Sessions, their history and their directories survive a daemon stop and a daemon kill -9. */
class PersistenceIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private Scarab scarab;
    private Path workDir;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        Files.createDirectories(scarab.root.resolve("config/scarab"));
        Files.writeString(scarab.root.resolve("config/scarab/config.toml"), "snapshot-interval = \"200ms\"\n");
        workDir = Files.createDirectories(scarab.root.resolve("project dir"));
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    private Map<String, JsonNode> sessions() throws Exception {
        return scarab.sessionsByName();
    }

    private String capture(String name, String... flags) {
        String[] args = new String[flags.length + 2];
        args[0] = "capture";
        System.arraycopy(flags, 0, args, 1, flags.length);
        args[args.length - 1] = name;
        return scarab.ok(args);
    }

    private void awaitCapture(String name, String text, String... flags) {
        Scarab.waitFor("\"" + text + "\" in " + name, WAIT, () -> capture(name, flags).contains(text));
    }

    /** A shell that printed 100 numbered lines (most now in history) and changed directory. */
    private void prepare() {
        scarab.ok("new", "-d", "--size", "80x20", "-e", "PS1=$ ", "-c", "/bin/sh", "worker");
        scarab.ok("send-keys", "worker", "cd '" + workDir + "'; for i in $(seq 1 100); do echo history-line-$i; done", "Enter");
        awaitCapture("worker", "history-line-100");
        scarab.ok("new", "-d", "-c", "sh -c 'echo finished-output; exit 5'", "done-job");
        awaitCapture("done-job", "finished-output");
        Scarab.waitFor("done-job to exit", WAIT, () -> scarab.ok("ls").contains("exited (5)"));
        scarab.ok("rename", "worker", "renamed-worker");
    }

    private void assertRestored(Map<String, JsonNode> before) throws Exception {
        Map<String, JsonNode> after = sessions();
        assertEquals(before.keySet(), after.keySet());
        for (String name : before.keySet()) {
            assertEquals(before.get(name).get("id"), after.get(name).get("id"), name);
            assertEquals(before.get(name).get("cols"), after.get(name).get("cols"), name);
            assertEquals(before.get(name).get("rows"), after.get(name).get("rows"), name);
            assertEquals(before.get(name).get("createdAt"), after.get(name).get("createdAt"), name);
        }
        // Commands are started again in the background once the daemon serves: wait for it.
        Scarab.waitFor("the worker to run again", WAIT, () -> {
            try {
                return "running".equals(sessions().get("renamed-worker").get("status").asText());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        JsonNode worker = sessions().get("renamed-worker");
        assertTrue(worker.get("restored").asBoolean());
        String history = capture("renamed-worker", "-S", "-");
        for (int i = 1; i <= 100; i++) {
            assertTrue(history.contains("history-line-" + i + "\n"), "line " + i + " is back:\n" + history);
        }
        assertTrue(history.contains("after daemon restart]"), history);
        assertTrue(history.indexOf("history-line-100") < history.indexOf("after daemon restart]"));

        scarab.ok("send-keys", "renamed-worker", "pwd", "Enter");
        awaitCapture("renamed-worker", "\n" + workDir + "\n");

        JsonNode job = after.get("done-job");
        assertEquals("exited", job.get("status").asText());
        assertEquals(5, job.get("exitCode").asInt());
        assertTrue(capture("done-job").contains("finished-output"), "an exited session keeps its screen");
        assertFalse(capture("done-job").contains("after daemon restart"), "an exited session is not restarted");
        assertEquals("ok", integrityCheck());
    }

    private String integrityCheck() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + scarab.database());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The stored snapshot of a session, decompressed, with its directory on the first line. */
    private String storedSnapshot(String name) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + scarab.database());
             java.sql.PreparedStatement p = c.prepareStatement("SELECT cwd FROM pane_snapshots WHERE " + Faults.PANES_OF)) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return "";
                }
                return rs.getString(1) + "\n" + Faults.storedSnapshot(c, name);
            }
        }
    }

    @Test
    void everythingComesBackAfterACleanStop() throws Exception {
        prepare();
        Map<String, JsonNode> before = sessions();
        scarab.ok("daemon", "stop");
        assertRestored(before);
    }

    @Test
    void everythingComesBackAfterKill9() throws Exception {
        prepare();
        Map<String, JsonNode> before = sessions();
        // The snapshot interval is 200 ms: wait until the snapshots hold the last output of both
        // sessions and the new directory (what changed since the last one is lost to a kill -9).
        Scarab.waitFor("snapshots with the output and the directory", WAIT, () -> {
            try {
                String snap = storedSnapshot("renamed-worker");
                return snap.startsWith(workDir + "\n") && snap.contains("history-line-100")
                        && storedSnapshot("done-job").contains("finished-output");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        long pid = scarab.daemonPid();
        assertEquals(0, new ProcessBuilder("kill", "-9", String.valueOf(pid)).start().waitFor());
        Scarab.waitFor("the daemon to die", WAIT, () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        assertRestored(before);
    }

    /**
     * A long, coloured history with wide and combining characters and wrapped lines, written in
     * rounds (each stored incrementally) until it went past its limit several times, comes back
     * exactly after a kill -9, twice: the restored history goes on being stored after a restart.
     * Restore mode lazy, so that nothing is added to the screen until the session is used.
     */
    @Test
    void aLongHistoryComesBackExactlyAfterKill9() throws Exception {
        Files.writeString(scarab.root.resolve("config/scarab/config.toml"),
                "snapshot-interval = \"200ms\"\nscrollback = 2000\nrestore = \"lazy\"\n");
        Path gen = scarab.root.resolve("gen.sh");
        Files.writeString(gen, """
                r=$1; i=0
                while [ $i -lt 1500 ]; do
                  i=$((i+1))
                  if [ $((i % 7)) = 0 ]; then w=WIDE; else w=; fi
                  printf '\\033[3%dmround %s line %d \\316\\261\\314\\200 \\344\\270\\255 %s\\033[0m\\n' $((i % 8)) "$r" "$i" "$w"
                done
                echo round-$r-done-$((6*7))
                """.replace("WIDE", "w".repeat(150)));
        // No prompt after the marker: once a snapshot holds the marker, it holds the final state.
        scarab.ok("new", "-d", "--size", "120x30", "-c", "sh -c 'while read r; do sh " + gen + " $r; done'", "long");
        for (int round = 1; round <= 4; round++) {
            scarab.ok("send-keys", "long", String.valueOf(round), "Enter");
            awaitStored("long", "round-" + round + "-done-42");
            if (round == 2) {
                assertSameAfterKill9("long");
            }
        }
        assertSameAfterKill9("long");
    }

    private void awaitStored(String name, String marker) {
        Scarab.waitFor("a stored snapshot with " + marker, WAIT, () -> {
            try {
                return storedSnapshot(name).contains(marker);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    private void assertSameAfterKill9(String name) throws Exception {
        String before = capture(name, "-e", "-S", "-");
        assertTrue(before.lines().count() > 1500, "the history is long: " + before.lines().count());
        long pid = scarab.daemonPid();
        assertEquals(0, new ProcessBuilder("kill", "-9", String.valueOf(pid)).start().waitFor());
        Scarab.waitFor("the daemon to die", WAIT, () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        String after = capture(name, "-e", "-S", "-");
        assertEquals(before, after, "the history and screen after kill -9 and restart");
    }

    /**
     * A database of the version before incremental snapshots (schema 2, the whole history in one
     * format 1 row) is migrated, and its snapshot restored exactly.
     */
    @Test
    void aSnapshotOfTheOlderFormatIsRestored() throws Exception {
        Screen old = new Screen(80, 20, 10000);
        for (int i = 1; i <= 300; i++) {
            old.feed("\033[3" + (i % 8) + "mold-line-" + i + (i % 9 == 0 ? " \u4e2d\u03b1\u0300 " + "w".repeat(90) : "") + "\033[0m\r\n");
        }
        SessionId id = SessionId.random();
        Snapshot snapshot = Snapshot.of(0, "/", // the pane id is not part of the stored row
                Renderer.renderHistoryAndScreen(old));
        Files.createDirectories(scarab.database().getParent());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + scarab.database());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE sessions (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, command TEXT NOT NULL,"
                    + " cwd TEXT NOT NULL, cols INTEGER NOT NULL, rows INTEGER NOT NULL, created_at INTEGER NOT NULL,"
                    + " last_attached_at INTEGER NOT NULL DEFAULT 0, state TEXT NOT NULL, exit_code INTEGER,"
                    + " title TEXT NOT NULL DEFAULT '', updated_at INTEGER NOT NULL)");
            s.execute("CREATE TABLE snapshots (session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,"
                    + " format INTEGER NOT NULL, taken_at INTEGER NOT NULL, cwd TEXT, data BLOB NOT NULL)");
            s.execute("ALTER TABLE sessions ADD COLUMN exited_at INTEGER NOT NULL DEFAULT 0");
            s.execute("PRAGMA user_version = 2");
            s.execute("INSERT INTO sessions VALUES ('" + id.full() + "', 'oldie', '[\"true\"]', '/', 80, 20,"
                    + " 1764000000000, 0, 'exited', 0, '', 1764000000000, 1764000000000)");
            try (var p = c.prepareStatement("INSERT INTO snapshots VALUES (?, 1, 1764000000000, '/', ?)")) {
                p.setString(1, id.full());
                p.setBytes(2, snapshot.data());
                p.executeUpdate();
            }
        }
        String expected = String.join("\n", old.capture(new CaptureOptions(true, Integer.MIN_VALUE,
                null, false, false))) + "\n";
        assertEquals(expected, capture("oldie", "-e", "-S", "-"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + scarab.database());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            rs.next();
            assertEquals(6, rs.getInt(1), "the database was migrated");
        }
    }

    @Test
    void corruptDatabaseIsMovedAsideAndReported() throws Exception {
        scarab.ok("new", "-d", "-c", "sleep 1000", "doomed");
        scarab.ok("daemon", "stop");
        Files.write(scarab.database(), "garbage, not a database".repeat(100).getBytes());
        Files.deleteIfExists(Path.of(scarab.database() + "-wal"));
        Scarab.Result r = scarab.run("ls");
        assertEquals(0, r.status());
        assertTrue(r.err().contains("moved to"), r.err());
        assertFalse(r.out().contains("doomed"));
        assertFalse(scarab.run("ls").err().contains("moved to"), "the notice is shown once");
        try (var files = Files.list(scarab.database().getParent())) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("sessions.db.corrupt-")));
        }
    }

    /** One row the daemon cannot read is skipped and reported; every other session is served. */
    @Test
    void aMalformedRowIsSkippedAndReported() throws Exception {
        scarab.ok("new", "-d", "-c", "sleep 1000", "fine");
        String badId = scarab.ok("new", "-d", "-c", "sleep 1000", "broken").strip();
        scarab.ok("daemon", "stop");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + scarab.database()); Statement s = c.createStatement()) {
            s.execute("UPDATE panes SET command = 'sleep 1000' WHERE window_id IN (SELECT w.id FROM windows w"
                    + " JOIN sessions s ON s.id = w.session_id WHERE s.name = 'broken')"); // not a JSON array
        }
        Scarab.Result r = scarab.run("ls");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("fine") && !r.out().contains("broken"), r.out());
        assertTrue(r.err().contains(badId) && r.err().contains("broken") && r.err().contains("not a JSON array"),
                "ls tells once: " + r.err());
        Scarab.waitFor("fine to be restarted", WAIT, () -> {
            try {
                return "running".equals(sessions().get("fine").get("status").asText());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        String status = scarab.ok("daemon", "status");
        assertTrue(status.contains("skipped") && status.contains(badId) && status.contains("not a JSON array"), status);
        String log = Files.readString(scarab.root.resolve("state/scarab/daemon.log"));
        assertTrue(log.contains(badId) && log.contains("not a JSON array"), log);
    }

    @Test
    void newerSchemaIsRefused() throws Exception {
        scarab.ok("daemon", "start");
        scarab.ok("daemon", "stop");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + scarab.database()); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 999");
        }
        Scarab.Result r = scarab.run("ls");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("daemon failed to start"), r.err());
        String log = Files.readString(scarab.root.resolve("state/scarab/daemon.out"));
        assertTrue(log.contains("schema version 999"), log);
    }
}
