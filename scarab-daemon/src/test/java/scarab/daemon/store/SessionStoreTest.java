package scarab.daemon.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scarab.daemon.session.PaneMeta;
import scarab.daemon.session.SessionId;
import scarab.daemon.session.SessionMeta;
import scarab.daemon.TestNatives;

public class SessionStoreTest {
    static {
        TestNatives.keepOutOfTmp();
    }

    @TempDir
    Path dir;

    private static int nextId = 1;

    private static SessionMeta meta(String name) {
        return new SessionMeta(SessionId.random(), name, 1_764_000_000_123L, 0, SessionMeta.RUNNING, null, 0);
    }

    /** A session of one window with one pane, as a new session is stored. */
    public static StoredSession shape(SessionMeta meta) {
        int id = nextId++;
        PaneMeta pane = new PaneMeta(id, List.of("sh", "-c", "echo 'a b'"), "/tmp", 100, 30, SessionMeta.RUNNING, null, "", 0);
        return new StoredSession(meta, id, 0, List.of(new StoredWindow(id, 0, null, "", id, false, List.of(pane))));
    }

    @Test
    void savesLoadsUpdatesAndDeletes() {
        Path db = dir.resolve("sessions.db");
        SessionMeta a = meta("a");
        SessionMeta b = meta("b");
        try (SessionStore store = SessionStore.open(db)) {
            StoredSession shapeA = shape(a);
            store.saveStructure(shapeA).join();
            store.saveStructure(shape(b)).join();
            store.save(b.withName("renamed").withExit(3).withLastAttached(1_764_000_009_000L)).join();
            assertEquals("ok", store.integrityCheck());
            assertEquals(shapeA, store.loadAll().stream().filter(x -> x.meta().id().equals(a.id())).findFirst()
                    .orElseThrow(), "a session's windows and panes come back as they were stored");
        }
        try (SessionStore store = SessionStore.open(db)) {
            List<StoredSession> all = store.loadAll();
            assertEquals(2, all.size());
            assertEquals(a, all.stream().filter(m -> m.meta().id().equals(a.id())).findFirst().orElseThrow().meta());
            StoredSession loaded = all.stream().filter(m -> m.meta().id().equals(b.id())).findFirst().orElseThrow();
            assertEquals("renamed", loaded.meta().name());
            assertEquals(3, loaded.meta().exitCode());
            assertEquals(SessionMeta.EXITED, loaded.meta().state());
            assertEquals(1_764_000_009_000L, loaded.meta().lastAttachedAt());
            assertEquals(List.of("sh", "-c", "echo 'a b'"), loaded.windows().get(0).panes().get(0).command());
            store.delete(a.id()).join();
            assertEquals(1, store.loadAll().size());
            assertTrue(store.recoveryNotice().isEmpty());
        }
    }

    @Test
    void duplicateNamesAreRefusedByTheSchema() {
        try (SessionStore store = SessionStore.open(dir.resolve("sessions.db"))) {
            store.save(meta("same")).join();
            assertThrows(Exception.class, () -> store.save(meta("same")).join());
        }
    }

    @Test
    void databaseFileIsPrivateAndVersioned() throws Exception {
        Path db = dir.resolve("sessions.db");
        SessionStore.open(db).close();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(db)));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            assertEquals(Migrations.LATEST, Migrations.version(c));
        }
    }

    /** A database linked to a shared file (as to /dev/null, run as root) must not change that file. */
    @Test
    void symlinkedDatabaseIsRefusedAndItsTargetLeftAlone() throws Exception {
        Path shared = dir.resolve("shared-by-everyone");
        Files.writeString(shared, "not ours to change");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.createDirectory(dir.resolve("data"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path db = dir.resolve("data/sessions.db");
        Files.createSymbolicLink(db, shared);
        StoreException e = assertThrows(StoreException.class, () -> SessionStore.open(db));
        assertTrue(e.getMessage().contains("the database " + db + " is a symbolic link to " + shared
                + "; Scarab does not follow links for its own files: replace the link with the database file itself"), e.getMessage());
        assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)));
        assertEquals("not ours to change", Files.readString(shared));
    }

    @Test
    void danglingSymlinkedDatabaseIsRefusedSayingSo() throws Exception {
        Path db = dir.resolve("sessions.db");
        Files.createSymbolicLink(db, dir.resolve("gone/sessions.db"));
        StoreException e = assertThrows(StoreException.class, () -> SessionStore.open(db));
        assertTrue(e.getMessage().contains("is a symbolic link to " + dir.resolve("gone/sessions.db") + ", which does not exist"),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("gone")));
    }

    @Test
    void symlinkedDataDirectoryIsRefusedAndItsTargetLeftAlone() throws Exception {
        Path shared = dir.resolve("shared-dir");
        Files.createDirectory(shared);
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = dir.resolve("scarab");
        Files.createSymbolicLink(data, shared);
        StoreException e = assertThrows(StoreException.class, () -> SessionStore.open(data.resolve("sessions.db")));
        assertTrue(e.getMessage().contains("the directory " + data + " is a symbolic link to " + shared), e.getMessage());
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)));
        assertFalse(Files.exists(shared.resolve("sessions.db")));
    }

    @Test
    void garbageFileIsMovedAsideAndAFreshDatabaseStarts() throws Exception {
        Path db = dir.resolve("sessions.db");
        Files.write(db, "this is not a database, just some bytes".repeat(200).getBytes());
        try (SessionStore store = SessionStore.open(db)) {
            assertTrue(store.recoveryNotice().orElseThrow().contains("moved to"));
            assertEquals(List.of(), store.loadAll());
            store.saveStructure(shape(meta("fresh"))).join();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("sessions.db.corrupt-")));
        }
    }

    @Test
    void truncatedDatabaseIsMovedAside() throws Exception {
        Path db = dir.resolve("sessions.db");
        try (SessionStore store = SessionStore.open(db)) {
            for (int i = 0; i < 50; i++) {
                store.saveStructure(shape(meta("s" + i))).join();
            }
        }
        byte[] all = Files.readAllBytes(db);
        Files.write(db, java.util.Arrays.copyOf(all, all.length / 2 + 100));
        try (SessionStore store = SessionStore.open(db)) {
            assertTrue(store.recoveryNotice().isPresent());
        }
    }

    @Test
    void newerSchemaIsRefusedAndLeftUntouched() throws Exception {
        Path db = dir.resolve("sessions.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE future (x)");
            s.execute("PRAGMA user_version = 99");
        }
        byte[] before = Files.readAllBytes(db);
        StoreException e = assertThrows(StoreException.class, () -> SessionStore.open(db));
        assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(db)), "the file must not be rewritten");
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().contains("corrupt")));
        }
    }

    /** A session's shape changes whole: windows and panes it no longer has are deleted, indexes may trade places. */
    @Test
    void structureChangesReplaceWindowsAndPanes() {
        try (SessionStore store = SessionStore.open(dir.resolve("sessions.db"))) {
            SessionMeta m = meta("multi");
            PaneMeta p1 = new PaneMeta(101, List.of("sh"), "/tmp", 40, 20, SessionMeta.RUNNING, null, "one", 0);
            PaneMeta p2 = new PaneMeta(102, List.of("vim"), "/", 39, 20, SessionMeta.RUNNING, null, "", 0);
            PaneMeta p3 = new PaneMeta(103, List.of("top"), "/", 80, 20, SessionMeta.RUNNING, null, "", 0);
            StoredWindow w1 = new StoredWindow(11, 0, null, "", 102, false, List.of(p1, p2));
            StoredWindow w2 = new StoredWindow(12, 1, "logs", "", 103, true, List.of(p3));
            store.saveStructure(new StoredSession(m, 12, 11, List.of(w1, w2))).join();
            assertEquals(new StoredSession(m, 12, 11, List.of(w1, w2)), store.loadAll().get(0));
            // The windows trade indexes, the first loses a pane.
            StoredWindow w1b = new StoredWindow(11, 1, "renamed", "", 101, false, List.of(p1));
            StoredWindow w2b = new StoredWindow(12, 0, null, "", 103, false, List.of(p3));
            StoredSession after = new StoredSession(m, 11, 12, List.of(w2b, w1b));
            store.saveStructure(after).join();
            assertEquals(after, store.loadAll().get(0));
            store.savePane(p1.withTitle("changed").withSize(10, 5)).join();
            assertEquals(p1.withTitle("changed").withSize(10, 5), store.loadAll().get(0).windows().get(1).panes().get(0));
            assertEquals("ok", store.integrityCheck());
        }
    }

    /** A database of the previous release (schema 3): each session becomes window 0 with one pane, nothing lost. */
    @Test
    void aSchema3DatabaseBecomesOneWindowOnePanePerSession() throws Exception {
        Path db = dir.resolve("sessions.db");
        String id = SessionId.random().full();
        byte[] screen = new byte[] {1, 2, 3};
        byte[] chunk = new byte[] {4, 5, 6, 7};
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE sessions (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, command TEXT NOT NULL,"
                    + " cwd TEXT NOT NULL, cols INTEGER NOT NULL, rows INTEGER NOT NULL, created_at INTEGER NOT NULL,"
                    + " last_attached_at INTEGER NOT NULL DEFAULT 0, state TEXT NOT NULL, exit_code INTEGER,"
                    + " title TEXT NOT NULL DEFAULT '', updated_at INTEGER NOT NULL, exited_at INTEGER NOT NULL DEFAULT 0)");
            s.execute("CREATE TABLE snapshots (session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,"
                    + " format INTEGER NOT NULL, taken_at INTEGER NOT NULL, cwd TEXT, data BLOB NOT NULL,"
                    + " history_start INTEGER NOT NULL DEFAULT 0, history_end INTEGER NOT NULL DEFAULT 0)");
            s.execute("CREATE TABLE history_chunks (session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,"
                    + " first_line INTEGER NOT NULL, line_count INTEGER NOT NULL, data BLOB NOT NULL,"
                    + " PRIMARY KEY (session_id, first_line))");
            s.execute("INSERT INTO sessions VALUES ('" + id + "', 'old', '[\"bash\",\"-l\"]', '/srv', 120, 40, 1700000000000,"
                    + " 1700000001000, 'exited', 7, 'a title', 1700000002000, 1700000003000)");
            s.execute("INSERT INTO snapshots VALUES ('" + id + "', 2, 1700000004000, '/srv/app', X'010203', 10, 12)");
            s.execute("INSERT INTO history_chunks VALUES ('" + id + "', 10, 2, X'04050607')");
            s.execute("PRAGMA user_version = 3");
        }
        try (SessionStore store = SessionStore.open(db)) {
            StoredSession loaded = store.loadAll().get(0);
            assertEquals(new SessionMeta(SessionId.parse(id), "old", 1700000000000L, 1700000001000L, SessionMeta.EXITED, 7,
                    1700000003000L), loaded.meta());
            assertEquals(1, loaded.windows().size());
            StoredWindow w = loaded.windows().get(0);
            assertEquals(0, w.index());
            assertEquals(w.id(), loaded.currentWindow());
            PaneMeta pane = w.panes().get(0);
            assertEquals(new PaneMeta(pane.id(), List.of("bash", "-l"), "/srv", 120, 40, SessionMeta.EXITED, 7, "a title",
                    1700000003000L), pane);
            assertEquals(pane.id(), w.activePane());
            Snapshot snap = store.loadSnapshot(pane.id()).orElseThrow();
            assertEquals("/srv/app", snap.cwd());
            assertTrue(java.util.Arrays.equals(screen, snap.data()));
            assertEquals(10, snap.historyStart());
            assertEquals(12, snap.historyEnd());
            assertEquals(1, snap.chunks().size());
            assertTrue(java.util.Arrays.equals(chunk, snap.chunks().get(0).data()));
            assertEquals("ok", store.integrityCheck());
            store.delete(SessionId.parse(id)).join();
            assertTrue(store.loadSnapshot(pane.id()).isEmpty(), "a session's panes and their snapshots go with it");
        }
    }

    /**
     * A database of the release before groups and limits (schema 4, made by that release's own
     * steps): its sessions come back in no group and without limits, and the new columns are written.
     */
    @Test
    void aSchema4DatabaseGainsGroupsAndLimits() throws Exception {
        Path db = dir.resolve("sessions.db");
        String id = SessionId.random().full();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            Migrations.migrate(c, 4);
            assertEquals(4, Migrations.version(c));
            s.execute("INSERT INTO sessions (id, name, created_at, last_attached_at, state, exit_code, updated_at, exited_at,"
                    + " current_window, last_window) VALUES ('" + id + "', 'old', 1700000000000, 0, 'running', NULL,"
                    + " 1700000000000, 0, 7, 0)");
            s.execute("INSERT INTO windows (id, session_id, idx, name, layout, active_pane) VALUES (7, '" + id + "', 0,"
                    + " NULL, '', 9)");
            s.execute("INSERT INTO panes (id, window_id, idx, command, cwd, cols, rows, state) VALUES (9, 7, 0,"
                    + " '[\"sh\"]', '/', 80, 24, 'running')");
        }
        try (SessionStore store = SessionStore.open(db)) {
            StoredSession loaded = store.loadAll().get(0);
            assertEquals(new SessionMeta(SessionId.parse(id), "old", 1700000000000L, 0, SessionMeta.RUNNING, null, 0),
                    loaded.meta());
            assertEquals(null, loaded.meta().group());
            assertTrue(loaded.meta().limits().none());
            store.save(loaded.meta().withExit(137, "out of memory")).join();
            SessionMeta grouped = new SessionMeta(SessionId.random(), "new", 1700000005000L, 0, SessionMeta.RUNNING, null,
                    0, "web", new scarab.daemon.resources.Limits(200L << 20, 50, 64), null);
            store.saveStructure(shape(grouped)).join();
            assertEquals("ok", store.integrityCheck());
        }
        try (SessionStore store = SessionStore.open(db)) {
            List<StoredSession> all = store.loadAll();
            SessionMeta old = all.get(0).meta();
            assertEquals("out of memory", old.exitReason());
            assertEquals(137, old.exitCode());
            SessionMeta fresh = all.get(1).meta();
            assertEquals("web", fresh.group());
            assertEquals(new scarab.daemon.resources.Limits(200L << 20, 50, 64), fresh.limits());
            store.save(fresh.withName("renamed")).join();
            assertEquals("web", store.loadAll().get(1).meta().group(), "a rename keeps the group");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            assertEquals(Migrations.LATEST, Migrations.version(c));
        }
    }
}
