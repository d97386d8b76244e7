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
import scarab.daemon.session.SessionId;
import scarab.daemon.session.SessionMeta;
import scarab.daemon.TestNatives;

class SessionStoreTest {
    static {
        TestNatives.keepOutOfTmp();
    }

    @TempDir
    Path dir;

    private static SessionMeta meta(String name) {
        return new SessionMeta(SessionId.random(), name, List.of("sh", "-c", "echo 'a b'"), "/tmp", 100, 30,
                1_764_000_000_123L, 0, SessionMeta.RUNNING, null, "", 0);
    }

    @Test
    void savesLoadsUpdatesAndDeletes() {
        Path db = dir.resolve("sessions.db");
        SessionMeta a = meta("a");
        SessionMeta b = meta("b");
        try (SessionStore store = SessionStore.open(db)) {
            store.save(a).join();
            store.save(b).join();
            store.save(b.withName("renamed").withExit(3).withLastAttached(1_764_000_009_000L)).join();
            assertEquals("ok", store.integrityCheck());
        }
        try (SessionStore store = SessionStore.open(db)) {
            List<SessionMeta> all = store.loadAll();
            assertEquals(2, all.size());
            assertEquals(a, all.stream().filter(m -> m.id().equals(a.id())).findFirst().orElseThrow());
            SessionMeta loaded = all.stream().filter(m -> m.id().equals(b.id())).findFirst().orElseThrow();
            assertEquals("renamed", loaded.name());
            assertEquals(3, loaded.exitCode());
            assertEquals(SessionMeta.EXITED, loaded.state());
            assertEquals(1_764_000_009_000L, loaded.lastAttachedAt());
            assertEquals(List.of("sh", "-c", "echo 'a b'"), loaded.command());
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
            store.save(meta("fresh")).join();
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
                store.save(meta("s" + i)).join();
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
}
