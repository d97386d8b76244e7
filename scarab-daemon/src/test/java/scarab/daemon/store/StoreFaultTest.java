package scarab.daemon.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scarab.daemon.session.SessionId;
import scarab.daemon.session.SessionMeta;
import scarab.daemon.TestNatives;

/**
 * The store under faults: what group commit tells each caller when part of a batch, or the batch
 * as a whole, fails; a locked database at start; the modes of the files it creates.
 */
class StoreFaultTest {
    static {
        TestNatives.keepOutOfTmp();
    }

    private static final long WAIT_SECONDS = 30;

    @TempDir
    Path dir;

    private static SessionMeta meta(String name) {
        return new SessionMeta(SessionId.random(), name, 1_764_000_000_000L, 0, SessionMeta.RUNNING, null, 0);
    }

    /** Holds the store thread until released, so that the writes queued meanwhile form one batch. */
    private static CountDownLatch holdWriter(SessionStore store) {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        store.write(c -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertTrue(holding.await(WAIT_SECONDS, TimeUnit.SECONDS), "the store thread never ran the holding write");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return release;
    }

    /** Waits for a write's answer: null when it was committed, else the failure. Never hangs the test. */
    private static Throwable outcome(CompletableFuture<Void> f) throws Exception {
        try {
            f.get(WAIT_SECONDS, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("a write was never answered: its caller would wait forever");
        }
    }

    private static Set<String> storedNames(Path db) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM sessions")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    @Test
    void aWrongWriteFailsAloneInItsBatch() throws Exception {
        Path db = dir.resolve("sessions.db");
        try (SessionStore store = SessionStore.open(db)) {
            store.save(meta("taken")).join();
            CountDownLatch release = holdWriter(store);
            CompletableFuture<Void> a = store.save(meta("a"));
            CompletableFuture<Void> duplicate = store.save(meta("taken"));
            CompletableFuture<Void> b = store.save(meta("b"));
            release.countDown();
            assertEquals(null, outcome(a));
            assertInstanceOf(StoreException.class, outcome(duplicate));
            assertEquals(null, outcome(b));
        }
        assertEquals(Set.of("taken", "a", "b"), storedNames(db));
    }

    /**
     * SQLite answers some full-disk and I/O errors by rolling back the whole transaction, not just
     * the statement: the batch's savepoint is gone. The writes before it were undone too and must
     * not be reported as stored; the writes after it must still be answered (they used to wait
     * forever); and none of them should fail for another write's trouble.
     */
    @Test
    void aWriteThatEndsTheTransactionFailsAloneAndEveryoneIsAnswered() throws Exception {
        Path db = dir.resolve("sessions.db");
        try (SessionStore store = SessionStore.open(db)) {
            CountDownLatch release = holdWriter(store);
            CompletableFuture<Void> before = store.save(meta("before"));
            CompletableFuture<Void> wrecker = store.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("ROLLBACK");
                }
                throw new SQLException("database or disk is full (simulated)", null, SqliteFaults.FULL);
            });
            CompletableFuture<Void> after = store.save(meta("after"));
            release.countDown();
            assertEquals(null, outcome(before));
            Throwable failure = outcome(wrecker);
            assertInstanceOf(StoreException.class, failure);
            assertTrue(failure.getMessage().contains("is full"), failure.getMessage());
            assertEquals(null, outcome(after));
            assertEquals("ok", store.integrityCheck());
        }
        assertEquals(Set.of("before", "after"), storedNames(db));
    }

    /** A commit that fails tells no one "stored", and the writes that did nothing wrong are stored alone. */
    @Test
    void aFailedCommitIsNotReportedAsSuccessAndDoesNotTakeTheOthersDown() throws Exception {
        Path db = dir.resolve("sessions.db");
        try (SessionStore store = SessionStore.open(db)) {
            // A deferred foreign key is checked at COMMIT: a child without a parent makes the commit fail.
            store.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)");
                    s.execute("CREATE TABLE child (p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)");
                }
            }).join();
            CountDownLatch release = holdWriter(store);
            CompletableFuture<Void> a = store.save(meta("a"));
            CompletableFuture<Void> orphan = store.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO child (p) VALUES (42)");
                }
            });
            CompletableFuture<Void> b = store.save(meta("b"));
            release.countDown();
            assertEquals(null, outcome(a), "a write that did nothing wrong is stored");
            assertInstanceOf(StoreException.class, outcome(orphan), "the write whose commit failed is told so");
            assertEquals(null, outcome(b));
        }
        assertEquals(Set.of("a", "b"), storedNames(db));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM child")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "nothing of the failed commit is in the database");
        }
    }

    /** A full database (max_page_count stands in for the disk): the big write fails, small ones still fit. */
    @Test
    void whenTheDatabaseIsFullBigWritesFailAndSmallOnesStillSucceed() throws Exception {
        Path db = dir.resolve("sessions.db");
        SessionMeta a = meta("a");
        try (SessionStore store = SessionStore.open(db)) {
            StoredSession shape = SessionStoreTest.shape(a);
            int pane = shape.windows().get(0).panes().get(0).id();
            store.saveStructure(shape).join();
            store.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA max_page_count = " + pageCount(c));
                }
            }).join();
            byte[] noise = new byte[256 * 1024];
            new Random(7).nextBytes(noise);
            CountDownLatch release = holdWriter(store);
            CompletableFuture<Void> big = store.saveSnapshot(new Snapshot(pane, Snapshot.FORMAT_VT_DEFLATE, 1, "/", noise));
            CompletableFuture<Void> small = store.save(a.withName("renamed"));
            release.countDown();
            Throwable failure = outcome(big);
            assertInstanceOf(StoreException.class, failure);
            assertTrue(failure.getMessage().contains("is full"), failure.getMessage());
            assertEquals(null, outcome(small), "an update that fits is not failed by the big write");
            assertTrue(store.loadSnapshot(pane).isEmpty());
        }
        assertEquals(Set.of("renamed"), storedNames(db));
    }

    private static long pageCount(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA page_count")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Another process holds the database: writes fail with a clear message, and succeed once it lets go. */
    @Test
    void aLockedDatabaseFailsWritesClearlyAndRecovers() throws Exception {
        Path db = dir.resolve("sessions.db");
        try (SessionStore store = SessionStore.open(db)) {
            store.save(meta("first")).join();
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = other.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                s.execute("INSERT INTO sessions (id, name, created_at, state, updated_at)"
                        + " VALUES ('x', 'intruder', 0, 'running', 0)");
                Throwable failure = outcome(store.save(meta("while-locked")));
                assertInstanceOf(StoreException.class, failure);
                assertTrue(failure.getMessage().contains("locked by another process"), failure.getMessage());
                s.execute("ROLLBACK");
            }
            assertEquals(null, outcome(store.save(meta("after-lock"))));
        }
        assertEquals(Set.of("first", "after-lock"), storedNames(db));
    }

    /**
     * A lock held by another process costs a batch one busy timeout (5 s, as documented), not one
     * for the batch and another for its first write tried again alone: each write meets the lock once.
     */
    @Test
    void aLockedDatabaseIsWaitedForOncePerBatch() throws Exception {
        Path db = dir.resolve("sessions.db");
        try (SessionStore store = SessionStore.open(db)) {
            CompletableFuture<Integer> timeout = new CompletableFuture<>();
            store.write(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA busy_timeout")) {
                    rs.next();
                    timeout.complete(rs.getInt(1));
                }
            });
            assertEquals(5000, timeout.get(WAIT_SECONDS, TimeUnit.SECONDS), "the busy timeout the docs give");
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = other.createStatement()) {
                CountDownLatch release = holdWriter(store);
                s.execute("BEGIN IMMEDIATE");
                s.execute("INSERT INTO sessions (id, name, created_at, state, updated_at)"
                        + " VALUES ('x', 'intruder', 0, 'running', 0)");
                java.util.concurrent.atomic.AtomicInteger tries = new java.util.concurrent.atomic.AtomicInteger();
                List<CompletableFuture<Void>> writes = new java.util.ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    SessionMeta m = meta("locked-" + i);
                    writes.add(store.write(c -> {
                        tries.incrementAndGet();
                        try (java.sql.PreparedStatement p = c.prepareStatement(
                                "UPDATE sessions SET name = ? WHERE id = ?")) {
                            p.setString(1, m.name());
                            p.setString(2, m.id().full());
                            p.executeUpdate();
                        }
                    }));
                }
                release.countDown();
                for (CompletableFuture<Void> w : writes) {
                    Throwable failure = outcome(w);
                    assertInstanceOf(StoreException.class, failure);
                    assertTrue(failure.getMessage().contains("locked by another process"), failure.getMessage());
                }
                assertEquals(1, tries.get(), "the lock was met by the batch's first write only, and only once");
                s.execute("ROLLBACK");
            }
        }
    }

    /** A database locked at start-up may be perfectly good: it is not "moved aside" as if corrupt. */
    @Test
    void aDatabaseLockedAtStartIsLeftAlone() throws Exception {
        Path db = dir.resolve("sessions.db");
        try (SessionStore store = SessionStore.open(db)) {
            store.save(meta("precious")).join();
        }
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = other.createStatement()) {
            s.execute("PRAGMA locking_mode = EXCLUSIVE");
            s.execute("BEGIN EXCLUSIVE");
            StoreException e = assertThrows(StoreException.class, () -> SessionStore.open(db));
            assertTrue(e.getMessage().contains("locked by another process"), e.getMessage());
            s.execute("COMMIT");
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().contains("corrupt")), "nothing was moved aside");
        }
        assertEquals(Set.of("precious"), storedNames(db));
    }

    @Test
    void theDataDirectoryAndEveryDatabaseFileArePrivate() throws Exception {
        Path data = dir.resolve("xdg-data/scarab");
        Path db = data.resolve("sessions.db");
        try (SessionStore store = SessionStore.open(db)) {
            store.save(meta("a")).join();
            assertEquals("rwx------", mode(data));
            for (String name : new String[] {"sessions.db", "sessions.db-wal", "sessions.db-shm"}) {
                assertTrue(Files.exists(data.resolve(name)), name + " exists while the store is open");
                assertEquals("rw-------", mode(data.resolve(name)), name);
            }
        }
        // Left looser by an older version or a umask: tightened at the next open.
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        try (SessionStore store = SessionStore.open(db)) {
            store.save(meta("b")).join();
            assertEquals("rwx------", mode(data));
            assertEquals("rw-------", mode(db));
            assertEquals("rw-------", mode(data.resolve("sessions.db-wal")));
            assertEquals("rw-------", mode(data.resolve("sessions.db-shm")));
        }
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
