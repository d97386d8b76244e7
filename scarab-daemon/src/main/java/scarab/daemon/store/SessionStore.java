package scarab.daemon.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scarab.daemon.session.SessionId;
import scarab.daemon.session.SessionMeta;
import scarab.daemon.terminal.ChunkExtent;
import scarab.daemon.terminal.HistoryChunk;
import scarab.protocol.Json;

/**
 * Session metadata in SQLite. One thread owns the JDBC connection and runs every statement, so
 * the connection needs no lock and no write ever runs on a PTY reader's thread. Each change is
 * one transaction; callers that promise durability to a user wait for the returned future.
 */
public final class SessionStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SessionStore.class);
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};

    private final Path file;
    /** The store thread's own: replaced only there, when the file has to be made again. */
    private Connection connection;
    private final ExecutorService writer;
    private final String recoveryNotice;
    /** The file the connection writes to (device and inode), to notice it being deleted or replaced. */
    private Object fileKey;
    private volatile Rebuild rebuild;
    private volatile String rebuildNote;
    private final java.util.concurrent.atomic.AtomicBoolean rebuiltSinceAsked = new java.util.concurrent.atomic.AtomicBoolean();

    private SessionStore(Path file, Connection connection, ExecutorService writer, String recoveryNotice) {
        this.file = file;
        this.connection = connection;
        this.writer = writer;
        this.recoveryNotice = recoveryNotice;
        this.fileKey = fileKey(file);
    }

    /**
     * What the daemon holds that the database should hold too, for when the file is deleted under
     * the running daemon ({@code rm -rf} of the data directory): SQLite would go on committing to
     * the unlinked file, every answer would say "stored", and the next start would find nothing.
     */
    public interface Rebuild {
        /** On the store's thread, before the file is made again: may it be (the daemon re-takes its lock)? */
        boolean mayRecreate();

        /** Every session's metadata as the daemon has it now. */
        List<SessionMeta> sessions();
    }

    /** Enables rebuilding the database from the daemon's memory when its file goes missing. */
    public void rebuildFrom(Rebuild rebuild) {
        this.rebuild = rebuild;
    }

    /** Says when and why the database was made again, if it was. */
    public Optional<String> rebuildNote() {
        return Optional.ofNullable(rebuildNote);
    }

    /**
     * Checks that the database file is still the one being written (the snapshot round calls it;
     * every write batch checks too), making it again from memory if not. Returns true once after
     * each such rebuild: the snapshots are then all to be taken again.
     */
    public boolean checkInPlace() {
        return call(() -> {
            ensureInPlace();
            return rebuiltSinceAsked.getAndSet(false);
        });
    }

    private static Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** Store thread only. */
    private void ensureInPlace() {
        Rebuild from = rebuild;
        if (from == null || (fileKey != null && fileKey.equals(fileKey(file)))) {
            return;
        }
        log.error("the session database {} was deleted or replaced under the running daemon; making it again from"
                + " the daemon's memory", file);
        if (!from.mayRecreate()) {
            log.error("not making {} again: another daemon has taken it", file);
            return;
        }
        try {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("closing the lost database: {}", e.getMessage());
            }
            PrivateFiles.directory(file.getParent());
            PrivateFiles.file(file);
            connection = connect(file);
            fileKey = fileKey(file);
            // Queued ahead of whatever this flush takes (see flush): the rows go in first.
            List<SessionMeta> all = from.sessions();
            all.forEach(this::save);
            rebuildNote = "made again at " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
                    .withZone(ZoneOffset.UTC).format(Instant.now()) + " after it was deleted under the running daemon; "
                    + all.size() + " sessions written back from memory, their screens at the next snapshot";
            rebuiltSinceAsked.set(true);
            log.warn("the session database {} was {}", file, rebuildNote);
        } catch (IOException | SQLException | RuntimeException e) {
            log.error("cannot make the session database {} again: {}", file, oneLine(e.getMessage()));
        }
    }

    /**
     * Opens (creating if needed) the database. A file that is not a usable SQLite database, or
     * fails its integrity check, is moved aside to {@code sessions.db.corrupt-<time>} and a fresh
     * one is started; {@link #recoveryNotice()} then says so. A newer schema is refused.
     */
    public static SessionStore open(Path file) {
        ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "scarab-store");
            t.setDaemon(true);
            return t;
        });
        try {
            return CompletableFuture.supplyAsync(() -> openOnWriter(file, writer), writer).join();
        } catch (CompletionException e) {
            writer.shutdownNow();
            throw e.getCause() instanceof StoreException se ? se : new StoreException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** Creates the database's directory 0700 (or tightens it) before anything else is put in it. */
    public static void prepareDirectory(Path file) throws IOException {
        PrivateFiles.directory(file.toAbsolutePath().getParent());
    }

    private static SessionStore openOnWriter(Path file, ExecutorService writer) {
        try {
            PrivateFiles.directory(file.getParent());
            PrivateFiles.file(file);
        } catch (IOException e) {
            throw new StoreException("cannot create database " + file + ": " + e.getMessage(), e);
        }
        String notice = null;
        Connection c;
        try {
            c = connect(file);
            String problem = integrityProblem(c);
            if (problem != null) {
                c.close();
                throw new SQLException(problem, null, SqliteFaults.CORRUPT);
            }
        } catch (SQLException e) {
            if (!SqliteFaults.corruption(e)) {
                // Locked by another process, on a read-only or full disk, unreadable for now: the
                // data may be perfectly good, so it is left where it is and the daemon does not start.
                throw new StoreException("cannot open the session database: " + SqliteFaults.describe(e, file), e);
            }
            Path aside = moveAside(file);
            notice = "the session database " + file + " was unreadable (" + oneLine(e.getMessage())
                    + "); it was moved to " + aside + " and a new one was started";
            log.error(notice);
            try {
                PrivateFiles.file(file);
                c = connect(file);
            } catch (SQLException | IOException again) {
                throw new StoreException("cannot open a fresh database " + file + ": " + again.getMessage(), again);
            }
        }
        return new SessionStore(file, c, writer, notice);
    }

    private static Connection connect(Path file) throws SQLException {
        // The driver itself, not DriverManager, which looks for every driver with a ServiceLoader
        // (opening every jar of the class path) at its first use.
        Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, new java.util.Properties());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
            // Before anything that writes (journal_mode does): a newer schema must stay byte-for-byte untouched.
            int version = Migrations.version(c);
            if (version > Migrations.LATEST) {
                c.close();
                throw new StoreException("database " + file + " has schema version " + version
                        + ", newer than this Scarab understands (" + Migrations.LATEST + "); upgrade Scarab,"
                        + " or move the file aside to start afresh");
            }
            s.execute("PRAGMA journal_mode = WAL");
            // FULL: a commit that a user was told about survives power loss, not just a crash.
            s.execute("PRAGMA synchronous = FULL");
            s.execute("PRAGMA foreign_keys = ON");
        }
        Migrations.migrate(c);
        return c;
    }

    private static String integrityProblem(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
            String first = rs.next() ? rs.getString(1) : "no answer";
            return "ok".equals(first) ? null : "integrity check failed: " + first;
        }
    }

    private static Path moveAside(Path file) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + stamp);
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            for (String suffix : new String[] {"-wal", "-shm"}) {
                Path side = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(side)) {
                    Files.move(side, aside.resolveSibling(aside.getFileName() + suffix), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new StoreException("the database " + file + " is unreadable and could not be moved aside: " + e.getMessage(), e);
        }
        return aside;
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    public Path file() {
        return file;
    }

    /** A message for the user when the database had to be replaced at open, else empty. */
    public Optional<String> recoveryNotice() {
        return Optional.ofNullable(recoveryNotice);
    }

    public List<SessionMeta> loadAll() {
        return loadAll(problem -> {});
    }

    /**
     * Every stored session. A row that cannot be read as one (a command that is not a JSON array,
     * an id that is not one of ours, a missing name) is skipped: one bad row must not keep the
     * other sessions from being served. Each is logged and told to {@code skipped}, in one line
     * that names the row.
     */
    public List<SessionMeta> loadAll(java.util.function.Consumer<String> skipped) {
        List<String> problems = new ArrayList<>();
        List<SessionMeta> all = call(() -> {
            List<SessionMeta> rows = new ArrayList<>();
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, name, command, cwd, cols, rows, created_at, last_attached_at,"
                         + " state, exit_code, title, exited_at FROM sessions ORDER BY created_at, id")) {
                while (rs.next()) {
                    try {
                        rows.add(row(rs));
                    } catch (SQLException | RuntimeException e) {
                        problems.add("session row " + rs.getString(1) + " (\"" + rs.getString(2) + "\") in " + file
                                + " skipped: " + oneLine(e.getMessage()));
                    }
                }
            }
            return rows;
        });
        for (String problem : problems) {
            log.error(problem);
            skipped.accept(problem);
        }
        return all;
    }

    private static SessionMeta row(ResultSet rs) throws SQLException {
        String name = rs.getString(2);
        if (name == null || name.isEmpty()) {
            throw new StoreException("it has no name");
        }
        String state = rs.getString(9);
        if (!SessionMeta.RUNNING.equals(state) && !SessionMeta.EXITED.equals(state)) {
            throw new StoreException("its state is \"" + state + "\", not running or exited");
        }
        int exit = rs.getInt(10);
        Integer exitCode = rs.wasNull() ? null : exit;
        return new SessionMeta(SessionId.parse(rs.getString(1)), name, decodeCommand(rs.getString(3)), rs.getString(4),
                rs.getInt(5), rs.getInt(6), rs.getLong(7), rs.getLong(8), state, exitCode, rs.getString(11), rs.getLong(12));
    }

    /** Inserts or replaces a session's row. */
    public CompletableFuture<Void> save(SessionMeta meta) {
        return write(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO sessions (id, name, command, cwd, cols, rows, created_at, last_attached_at, state,"
                            + " exit_code, title, updated_at, exited_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
                            + " ON CONFLICT(id) DO UPDATE SET name=excluded.name, command=excluded.command,"
                            + " cwd=excluded.cwd, cols=excluded.cols, rows=excluded.rows,"
                            + " last_attached_at=excluded.last_attached_at, state=excluded.state,"
                            + " exit_code=excluded.exit_code, title=excluded.title, updated_at=excluded.updated_at,"
                            + " exited_at=excluded.exited_at")) {
                p.setString(1, meta.id().full());
                p.setString(2, meta.name());
                p.setString(3, Json.write(meta.command()));
                p.setString(4, meta.cwd());
                p.setInt(5, meta.cols());
                p.setInt(6, meta.rows());
                p.setLong(7, meta.createdAt());
                p.setLong(8, meta.lastAttachedAt());
                p.setString(9, meta.state());
                if (meta.exitCode() == null) {
                    p.setNull(10, java.sql.Types.INTEGER);
                } else {
                    p.setInt(10, meta.exitCode());
                }
                p.setString(11, meta.title());
                p.setLong(12, System.currentTimeMillis());
                p.setLong(13, meta.exitedAt());
                p.executeUpdate();
            }
        });
    }

    public CompletableFuture<Void> delete(SessionId id) {
        return write(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM sessions WHERE id = ?")) {
                p.setString(1, id.full());
                p.executeUpdate();
            }
        });
    }

    /**
     * Replaces one session's snapshot, as a write of its own: one snapshot that cannot be stored
     * (a full disk) fails only itself, and the others queued with it are committed. Its failure is
     * not logged here: the caller reports it, once per episode rather than once per round.
     */
    public CompletableFuture<Void> saveSnapshot(Snapshot snapshot) {
        return write(c -> writeSnapshot(c, snapshot), true);
    }

    private static void writeSnapshot(Connection c, Snapshot s) throws SQLException {
        String id = s.sessionId().full();
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM sessions WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return; // killed meanwhile: nothing of it may come back
                }
            }
        }
        if (s.format() == Snapshot.FORMAT_SCREEN_AND_CHUNKS) {
            // A chunk reaching over keptEnd keeps its lines before it (their data stays, the row says
            // fewer), before the deletes: if those are before diskStart too, it goes with them.
            try (PreparedStatement p = c.prepareStatement("UPDATE history_chunks SET line_count = ? - first_line"
                    + " WHERE session_id = ? AND first_line < ? AND first_line + line_count > ?")) {
                p.setLong(1, s.keptEnd());
                p.setString(2, id);
                p.setLong(3, s.keptEnd());
                p.setLong(4, s.keptEnd());
                p.executeUpdate();
            }
        }
        try (PreparedStatement p = c.prepareStatement(s.format() == Snapshot.FORMAT_SCREEN_AND_CHUNKS
                ? "DELETE FROM history_chunks WHERE session_id = ? AND (first_line + line_count <= ? OR first_line >= ?)"
                : "DELETE FROM history_chunks WHERE session_id = ?")) {
            p.setString(1, id);
            if (s.format() == Snapshot.FORMAT_SCREEN_AND_CHUNKS) {
                p.setLong(2, s.diskStart());
                p.setLong(3, s.keptEnd());
            }
            p.executeUpdate();
        }
        if (!s.chunks().isEmpty()) {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT OR REPLACE INTO history_chunks (session_id, first_line, line_count, data) VALUES (?,?,?,?)")) {
                for (HistoryChunk chunk : s.chunks()) {
                    p.setString(1, id);
                    p.setLong(2, chunk.firstLine());
                    p.setInt(3, chunk.lineCount());
                    p.setBytes(4, chunk.data());
                    p.addBatch();
                }
                p.executeBatch();
            }
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO snapshots (session_id, format, taken_at, cwd, data, history_start, history_end)"
                        + " VALUES (?,?,?,?,?,?,?)"
                        + " ON CONFLICT(session_id) DO UPDATE SET format=excluded.format, taken_at=excluded.taken_at,"
                        + " cwd=excluded.cwd, data=excluded.data, history_start=excluded.history_start,"
                        + " history_end=excluded.history_end")) {
            p.setString(1, id);
            p.setInt(2, s.format());
            p.setLong(3, s.takenAt());
            p.setString(4, s.cwd());
            p.setBytes(5, s.data());
            p.setLong(6, s.historyStart());
            p.setLong(7, s.historyEnd());
            p.executeUpdate();
        }
    }

    /** The stored snapshot of a session, if any, with the history chunks of its range. */
    public Optional<Snapshot> loadSnapshot(SessionId id) {
        return call(() -> {
            Snapshot row;
            try (PreparedStatement p = connection.prepareStatement(
                    "SELECT format, taken_at, cwd, data, history_start, history_end FROM snapshots WHERE session_id = ?")) {
                p.setString(1, id.full());
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    row = new Snapshot(id, rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getBytes(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(6), List.of(), rs.getLong(5), List.of());
                }
            }
            if (row.format() != Snapshot.FORMAT_SCREEN_AND_CHUNKS) {
                return Optional.of(row);
            }
            List<HistoryChunk> chunks = new ArrayList<>();
            List<ChunkExtent> extents = new ArrayList<>();
            // Every chunk's extent (the history on disk too), and the data of those in memory's range.
            try (PreparedStatement p = connection.prepareStatement(
                    "SELECT first_line, line_count, length(data), CASE WHEN first_line + line_count > ? AND first_line < ?"
                            + " THEN data END FROM history_chunks WHERE session_id = ? ORDER BY first_line")) {
                p.setLong(1, row.historyStart());
                p.setLong(2, row.historyEnd());
                p.setString(3, id.full());
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        extents.add(new ChunkExtent(rs.getLong(1), rs.getInt(2), rs.getLong(3)));
                        byte[] data = rs.getBytes(4);
                        if (data != null) {
                            chunks.add(new HistoryChunk(rs.getLong(1), rs.getInt(2), data));
                        }
                    }
                }
            }
            return Optional.of(new Snapshot(id, row.format(), row.takenAt(), row.cwd(), row.data(), row.historyStart(),
                    row.historyEnd(), row.keptEnd(), chunks, row.historyStart(), extents));
        });
    }

    /**
     * The stored history chunks of a session holding any of the lines {@code [from, to)}, oldest
     * first: what a capture reads of the history that left memory ({@code history-disk}).
     */
    public List<HistoryChunk> loadHistoryChunks(SessionId id, long from, long to) {
        return call(() -> {
            List<HistoryChunk> chunks = new ArrayList<>();
            try (PreparedStatement p = connection.prepareStatement(
                    "SELECT first_line, line_count, data FROM history_chunks WHERE session_id = ?"
                            + " AND first_line + line_count > ? AND first_line < ? ORDER BY first_line")) {
                p.setString(1, id.full());
                p.setLong(2, from);
                p.setLong(3, to);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        chunks.add(new HistoryChunk(rs.getLong(1), rs.getInt(2), rs.getBytes(3)));
                    }
                }
            }
            return chunks;
        });
    }

    /** Result of {@code PRAGMA integrity_check}: "ok" when healthy. */
    public String integrityCheck() {
        return call(() -> {
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                return rs.next() ? rs.getString(1) : "no answer";
            }
        });
    }

    @Override
    public void close() {
        writer.submit(() -> {
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (SQLException e) {
                log.warn("checkpoint at close failed: {}", e.getMessage());
            }
            try {
                connection.close();
            } catch (SQLException e) {
                log.warn("closing the database failed: {}", e.getMessage());
            }
        });
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("the store did not finish its writes within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** One write; it gets the store's connection and runs on the store thread. */
    interface SqlAction {
        void run(Connection c) throws SQLException;
    }

    /** A write waiting for the writer thread, and the caller waiting for its commit. */
    private record PendingWrite(SqlAction action, CompletableFuture<Void> done, boolean callerReports) {}

    private final java.util.concurrent.ConcurrentLinkedQueue<PendingWrite> pending =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    /**
     * Queues a write. The writer thread commits everything queued so far in one transaction (group
     * commit: one fsync for many callers under load), each write inside a savepoint so that a write
     * that is wrong in itself fails only its own caller. A future completes normally only after a
     * commit that holds its write; every future completes. Package-private for the store's tests,
     * which queue writes of their own.
     */
    CompletableFuture<Void> write(SqlAction action) {
        return write(action, false);
    }

    /** As {@link #write(SqlAction)}; with {@code callerReports} a failure is logged at debug level only. */
    private CompletableFuture<Void> write(SqlAction action, boolean callerReports) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        PendingWrite w = new PendingWrite(action, done, callerReports);
        pending.add(w);
        try {
            writer.execute(this::flush);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            pending.remove(w);
            done.completeExceptionally(new StoreException("the database is closed"));
        }
        return done;
    }

    /** Runs on the writer thread: commits every queued write, together if it can. */
    private void flush() {
        ensureInPlace();
        List<PendingWrite> batch = new ArrayList<>();
        PendingWrite w;
        while ((w = pending.poll()) != null) {
            batch.add(w);
        }
        if (batch.isEmpty()) {
            return; // an earlier flush took these writes along
        }
        try {
            List<PendingWrite> again = commitTogether(batch);
            commitOneByOne(again);
        } finally {
            // Whatever went wrong, no caller waits forever, and none is told "stored" without a commit.
            for (PendingWrite p : batch) {
                p.done().completeExceptionally(new StoreException("database write failed: the store stopped"));
            }
        }
    }

    /**
     * One transaction for the whole batch. Returns the writes still to be done: none when the
     * commit went through; when the transaction as a whole failed (the disk, a lock, the commit
     * itself, or SQLite rolling everything back), it was rolled back and every write not yet
     * answered is returned, to be tried alone, so that one write's trouble is not everyone's.
     */
    private List<PendingWrite> commitTogether(List<PendingWrite> batch) {
        List<PendingWrite> applied = new ArrayList<>();
        try {
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                for (PendingWrite p : batch) {
                    s.execute("SAVEPOINT w");
                    try {
                        p.action().run(connection);
                    } catch (SQLException e) {
                        if (SqliteFaults.environmental(e)) {
                            throw e;
                        }
                        undoOne(s, p, e);
                        continue;
                    } catch (RuntimeException e) {
                        undoOne(s, p, e);
                        continue;
                    }
                    s.execute("RELEASE w");
                    applied.add(p);
                }
            }
            connection.commit();
            applied.forEach(p -> p.done().complete(null));
            return List.of();
        } catch (SQLException | RuntimeException e) {
            rollback();
            List<PendingWrite> again = batch.stream().filter(p -> !p.done().isDone()).toList();
            if (e instanceof SQLException sql && SqliteFaults.stopsEveryWrite(sql)) {
                // Each write alone would meet it too: for a lock, one more busy timeout on top of
                // the one just waited out, so a caller would wait twice the documented 5 s.
                again.forEach(p -> fail(p, sql));
                return List.of();
            }
            if (again.size() > 1 && again.stream().anyMatch(p -> !p.callerReports())) {
                log.warn("database commit of {} writes failed ({}); trying them one by one", again.size(),
                        oneLine(e.getMessage()));
            }
            return again;
        } finally {
            autoCommit();
        }
    }

    private void undoOne(Statement s, PendingWrite p, Exception e) throws SQLException {
        s.execute("ROLLBACK TO w");
        s.execute("RELEASE w");
        fail(p, e);
    }

    /** Each write in its own transaction; a fault that would stop any write fails the rest at once. */
    private void commitOneByOne(List<PendingWrite> writes) {
        for (int i = 0; i < writes.size(); i++) {
            PendingWrite p = writes.get(i);
            try {
                connection.setAutoCommit(false);
                p.action().run(connection);
                connection.commit();
                p.done().complete(null);
            } catch (SQLException e) {
                rollback();
                fail(p, e);
                if (SqliteFaults.stopsEveryWrite(e)) {
                    for (PendingWrite rest : writes.subList(i + 1, writes.size())) {
                        fail(rest, e);
                    }
                    return;
                }
            } catch (RuntimeException e) {
                rollback();
                fail(p, e);
            } finally {
                autoCommit();
            }
        }
    }

    private void fail(PendingWrite p, Exception e) {
        String why = e instanceof SQLException sql ? SqliteFaults.describe(sql, file) : oneLine(e.getMessage());
        if (p.callerReports()) {
            log.debug("database write failed: {}", why);
        } else {
            log.error("database write failed: {}", why);
        }
        p.done().completeExceptionally(new StoreException("cannot write the session database: " + why, e));
    }

    private void rollback() {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            // SQLite may have rolled back already (it does on some full-disk and I/O errors)
            log.debug("rollback: {}", e.getMessage());
        }
    }

    private void autoCommit() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            log.warn("could not restore autocommit: {}", e.getMessage());
        }
    }

    private <T> T call(SqlWork<T> work) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return work.run();
                } catch (SQLException e) {
                    throw new StoreException("database read failed: " + oneLine(e.getMessage()), e);
                }
            }, writer).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof StoreException se ? se : new StoreException(e.getMessage(), e);
        }
    }

    private static List<String> decodeCommand(String json) {
        List<String> command;
        try {
            command = json == null ? null : Json.mapper().readValue(json, STRING_LIST);
        } catch (JsonProcessingException e) {
            throw new StoreException("its command is not a JSON array of strings: " + json, e);
        }
        if (command == null || command.isEmpty() || command.contains(null)) {
            throw new StoreException("its command is not a JSON array of strings: " + json);
        }
        return command;
    }
}
