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
import scarab.daemon.session.PaneMeta;
import scarab.daemon.session.SessionMeta;
import scarab.daemon.resources.Limits;
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

        /** Every session with its windows and panes as the daemon has them now. */
        List<StoredSession> sessions();
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
            List<StoredSession> all = from.sessions();
            all.forEach(this::saveStructure);
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

    public List<StoredSession> loadAll() {
        return loadAll(problem -> {});
    }

    /**
     * Every stored session with its windows and panes. A session that cannot be read as one (a
     * command that is not a JSON array, an id that is not one of ours, a missing name, no window)
     * is skipped: one bad row must not keep the other sessions from being served. Each is logged
     * and told to {@code skipped}, in one line that names the row.
     */
    public List<StoredSession> loadAll(java.util.function.Consumer<String> skipped) {
        List<String> problems = new ArrayList<>();
        List<StoredSession> all = call(() -> {
            java.util.Map<Integer, List<PaneMeta>> panesByWindow = new java.util.HashMap<>();
            java.util.Map<Integer, String> badPanes = new java.util.HashMap<>();
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, window_id, command, cwd, cols, rows, state, exit_code, title,"
                         + " exited_at FROM panes ORDER BY window_id, idx")) {
                while (rs.next()) {
                    try {
                        panesByWindow.computeIfAbsent(rs.getInt(2), w -> new ArrayList<>()).add(paneRow(rs));
                    } catch (SQLException | RuntimeException e) {
                        badPanes.put(rs.getInt(2), "its pane %" + rs.getInt(1) + ": " + oneLine(e.getMessage()));
                    }
                }
            }
            java.util.Map<String, List<StoredWindow>> windowsBySession = new java.util.HashMap<>();
            java.util.Map<String, String> badWindows = new java.util.HashMap<>();
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, session_id, idx, name, layout, active_pane, zoomed FROM windows"
                         + " ORDER BY session_id, idx")) {
                while (rs.next()) {
                    int id = rs.getInt(1);
                    List<PaneMeta> panes = panesByWindow.getOrDefault(id, List.of());
                    String bad = badPanes.get(id);
                    if (bad == null && panes.isEmpty()) {
                        bad = "its window @" + id + " has no panes";
                    }
                    if (bad != null) {
                        badWindows.put(rs.getString(2), bad);
                        continue;
                    }
                    windowsBySession.computeIfAbsent(rs.getString(2), x -> new ArrayList<>()).add(new StoredWindow(id,
                            rs.getInt(3), rs.getString(4), rs.getString(5), rs.getInt(6), rs.getInt(7) != 0, panes));
                }
            }
            List<StoredSession> rows = new ArrayList<>();
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, name, created_at, last_attached_at, state, exit_code, exited_at,"
                         + " current_window, last_window, group_name, memory_max, cpu_max, tasks_max, exit_reason"
                         + " FROM sessions ORDER BY created_at, id")) {
                while (rs.next()) {
                    try {
                        String bad = badWindows.get(rs.getString(1));
                        List<StoredWindow> windows = windowsBySession.getOrDefault(rs.getString(1), List.of());
                        if (bad == null && windows.isEmpty()) {
                            bad = "it has no windows";
                        }
                        if (bad != null) {
                            throw new StoreException(bad);
                        }
                        rows.add(new StoredSession(row(rs), rs.getInt(8), rs.getInt(9), windows));
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
        String state = state(rs.getString(5));
        int exit = rs.getInt(6);
        Integer exitCode = rs.wasNull() ? null : exit;
        Limits limits;
        try {
            limits = Limits.of(nullableLong(rs, 11), nullableInt(rs, 12), nullableInt(rs, 13));
        } catch (IllegalArgumentException e) {
            throw new StoreException("its limits: " + e.getMessage());
        }
        return new SessionMeta(SessionId.parse(rs.getString(1)), name, rs.getLong(3), rs.getLong(4), state, exitCode,
                rs.getLong(7), rs.getString(10), limits, rs.getString(14));
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Integer nullableInt(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static PaneMeta paneRow(ResultSet rs) throws SQLException {
        String state = state(rs.getString(7));
        int exit = rs.getInt(8);
        Integer exitCode = rs.wasNull() ? null : exit;
        return new PaneMeta(rs.getInt(1), decodeCommand(rs.getString(3)), rs.getString(4), rs.getInt(5), rs.getInt(6),
                state, exitCode, rs.getString(9), rs.getLong(10));
    }

    private static String state(String state) {
        if (!SessionMeta.RUNNING.equals(state) && !SessionMeta.EXITED.equals(state)) {
            throw new StoreException("its state is \"" + state + "\", not running or exited");
        }
        return state;
    }

    /** Inserts or replaces a session's own row (name, times, state); its windows are {@link #saveStructure}'s. */
    public CompletableFuture<Void> save(SessionMeta meta) {
        return write(c -> upsertSession(c, meta, null));
    }

    /**
     * Writes a session whole: its row, its windows and their panes in order, and deletes the
     * windows and panes it no longer has. For a new session and for every change of its shape
     * (a window or pane created, closed or moved, a layout changed); a pane's own changes go
     * through {@link #savePane}.
     */
    public CompletableFuture<Void> saveStructure(StoredSession session) {
        return write(c -> writeStructure(c, session));
    }

    private static void writeStructure(Connection c, StoredSession session) throws SQLException {
        String sid = session.meta().id().full();
        upsertSession(c, session.meta(), session);
        List<Integer> windowIds = new ArrayList<>();
        List<Integer> paneIds = new ArrayList<>();
        // Indexes are unique per session: park the kept windows' indexes out of the way first, so
        // that windows trading places (swap, renumber) never collide midway.
        try (PreparedStatement p = c.prepareStatement("UPDATE windows SET idx = -1 - idx WHERE session_id = ?")) {
            p.setString(1, sid);
            p.executeUpdate();
        }
        try (PreparedStatement w = c.prepareStatement(
                "INSERT INTO windows (id, session_id, idx, name, layout, active_pane, zoomed) VALUES (?,?,?,?,?,?,?)"
                        + " ON CONFLICT(id) DO UPDATE SET session_id=excluded.session_id, idx=excluded.idx,"
                        + " name=excluded.name, layout=excluded.layout, active_pane=excluded.active_pane,"
                        + " zoomed=excluded.zoomed");
             PreparedStatement p = c.prepareStatement(
                     "INSERT INTO panes (id, window_id, idx, command, cwd, cols, rows, state, exit_code, title, exited_at)"
                             + " VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET window_id=excluded.window_id,"
                             + " idx=excluded.idx, command=excluded.command, cwd=excluded.cwd, cols=excluded.cols,"
                             + " rows=excluded.rows, state=excluded.state, exit_code=excluded.exit_code,"
                             + " title=excluded.title, exited_at=excluded.exited_at")) {
            for (StoredWindow win : session.windows()) {
                w.setInt(1, win.id());
                w.setString(2, sid);
                w.setInt(3, win.index());
                w.setString(4, win.fixedName());
                w.setString(5, win.layout());
                w.setInt(6, win.activePane());
                w.setInt(7, win.zoomed() ? 1 : 0);
                w.executeUpdate();
                windowIds.add(win.id());
                for (int i = 0; i < win.panes().size(); i++) {
                    PaneMeta m = win.panes().get(i);
                    p.setInt(1, m.id());
                    p.setInt(2, win.id());
                    p.setInt(3, i);
                    bindPane(p, 4, m);
                    p.executeUpdate();
                    paneIds.add(m.id());
                }
            }
        }
        deleteOthers(c, "DELETE FROM panes WHERE window_id IN (SELECT id FROM windows WHERE session_id = ?)", sid, paneIds);
        deleteOthers(c, "DELETE FROM windows WHERE session_id = ?", sid, windowIds);
    }

    private static void deleteOthers(Connection c, String delete, String sid, List<Integer> keep) throws SQLException {
        StringBuilder sql = new StringBuilder(delete);
        if (!keep.isEmpty()) {
            sql.append(" AND id NOT IN (");
            for (int i = 0; i < keep.size(); i++) {
                sql.append(i == 0 ? "?" : ",?");
            }
            sql.append(')');
        }
        try (PreparedStatement p = c.prepareStatement(sql.toString())) {
            p.setString(1, sid);
            for (int i = 0; i < keep.size(); i++) {
                p.setInt(i + 2, keep.get(i));
            }
            p.executeUpdate();
        }
    }

    private static void upsertSession(Connection c, SessionMeta meta, StoredSession shape) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO sessions (id, name, created_at, last_attached_at, state, exit_code, updated_at, exited_at,"
                        + " current_window, last_window, group_name, memory_max, cpu_max, tasks_max, exit_reason)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                        + " ON CONFLICT(id) DO UPDATE SET name=excluded.name, last_attached_at=excluded.last_attached_at,"
                        + " state=excluded.state, exit_code=excluded.exit_code, updated_at=excluded.updated_at,"
                        + " exited_at=excluded.exited_at, group_name=excluded.group_name,"
                        + " exit_reason=excluded.exit_reason"
                        + (shape == null ? "" : ", current_window=excluded.current_window, last_window=excluded.last_window"))) {
            p.setString(1, meta.id().full());
            p.setString(2, meta.name());
            p.setLong(3, meta.createdAt());
            p.setLong(4, meta.lastAttachedAt());
            p.setString(5, meta.state());
            if (meta.exitCode() == null) {
                p.setNull(6, java.sql.Types.INTEGER);
            } else {
                p.setInt(6, meta.exitCode());
            }
            p.setLong(7, System.currentTimeMillis());
            p.setLong(8, meta.exitedAt());
            p.setInt(9, shape == null ? 0 : shape.currentWindow());
            p.setInt(10, shape == null ? 0 : shape.lastWindow());
            p.setString(11, meta.group());
            Limits limits = meta.limits();
            p.setObject(12, limits.memoryMax(), java.sql.Types.BIGINT);
            p.setObject(13, limits.cpuMax(), java.sql.Types.INTEGER);
            p.setObject(14, limits.tasksMax(), java.sql.Types.INTEGER);
            p.setString(15, meta.exitReason());
            p.executeUpdate();
        }
    }

    /** Binds command, cwd, cols, rows, state, exit_code, title, exited_at from {@code first} on. */
    private static void bindPane(PreparedStatement p, int first, PaneMeta m) throws SQLException {
        p.setString(first, Json.write(m.command()));
        p.setString(first + 1, m.cwd());
        p.setInt(first + 2, m.cols());
        p.setInt(first + 3, m.rows());
        p.setString(first + 4, m.state());
        if (m.exitCode() == null) {
            p.setNull(first + 5, java.sql.Types.INTEGER);
        } else {
            p.setInt(first + 5, m.exitCode());
        }
        p.setString(first + 6, m.title());
        p.setLong(first + 7, m.exitedAt());
    }

    /** Updates a pane's own row (size, title, exit status); a pane not stored (closed meanwhile) is left alone. */
    public CompletableFuture<Void> savePane(PaneMeta meta) {
        return write(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE panes SET command=?, cwd=?, cols=?, rows=?, state=?,"
                    + " exit_code=?, title=?, exited_at=? WHERE id = ?")) {
                bindPane(p, 1, meta);
                p.setInt(9, meta.id());
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
     * Replaces one pane's snapshot, as a write of its own: one snapshot that cannot be stored
     * (a full disk) fails only itself, and the others queued with it are committed. Its failure is
     * not logged here: the caller reports it, once per episode rather than once per round.
     */
    public CompletableFuture<Void> saveSnapshot(Snapshot snapshot) {
        return write(c -> writeSnapshot(c, snapshot), true);
    }

    private static void writeSnapshot(Connection c, Snapshot s) throws SQLException {
        int id = s.paneId();
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM panes WHERE id = ?")) {
            p.setInt(1, id);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return; // killed meanwhile: nothing of it may come back
                }
            }
        }
        if (s.format() == Snapshot.FORMAT_SCREEN_AND_CHUNKS) {
            // A chunk reaching over keptEnd keeps its lines before it (their data stays, the row says
            // fewer), before the deletes: if those are before diskStart too, it goes with them.
            try (PreparedStatement p = c.prepareStatement("UPDATE pane_history SET line_count = ? - first_line"
                    + " WHERE pane_id = ? AND first_line < ? AND first_line + line_count > ?")) {
                p.setLong(1, s.keptEnd());
                p.setInt(2, id);
                p.setLong(3, s.keptEnd());
                p.setLong(4, s.keptEnd());
                p.executeUpdate();
            }
        }
        try (PreparedStatement p = c.prepareStatement(s.format() == Snapshot.FORMAT_SCREEN_AND_CHUNKS
                ? "DELETE FROM pane_history WHERE pane_id = ? AND (first_line + line_count <= ? OR first_line >= ?)"
                : "DELETE FROM pane_history WHERE pane_id = ?")) {
            p.setInt(1, id);
            if (s.format() == Snapshot.FORMAT_SCREEN_AND_CHUNKS) {
                p.setLong(2, s.diskStart());
                p.setLong(3, s.keptEnd());
            }
            p.executeUpdate();
        }
        if (!s.chunks().isEmpty()) {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT OR REPLACE INTO pane_history (pane_id, first_line, line_count, data) VALUES (?,?,?,?)")) {
                for (HistoryChunk chunk : s.chunks()) {
                    p.setInt(1, id);
                    p.setLong(2, chunk.firstLine());
                    p.setInt(3, chunk.lineCount());
                    p.setBytes(4, chunk.data());
                    p.addBatch();
                }
                p.executeBatch();
            }
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO pane_snapshots (pane_id, format, taken_at, cwd, data, history_start, history_end)"
                        + " VALUES (?,?,?,?,?,?,?)"
                        + " ON CONFLICT(pane_id) DO UPDATE SET format=excluded.format, taken_at=excluded.taken_at,"
                        + " cwd=excluded.cwd, data=excluded.data, history_start=excluded.history_start,"
                        + " history_end=excluded.history_end")) {
            p.setInt(1, id);
            p.setInt(2, s.format());
            p.setLong(3, s.takenAt());
            p.setString(4, s.cwd());
            p.setBytes(5, s.data());
            p.setLong(6, s.historyStart());
            p.setLong(7, s.historyEnd());
            p.executeUpdate();
        }
    }

    /** The stored snapshot of a pane, if any, with the history chunks of its range. */
    public Optional<Snapshot> loadSnapshot(int paneId) {
        return call(() -> {
            Snapshot row;
            try (PreparedStatement p = connection.prepareStatement(
                    "SELECT format, taken_at, cwd, data, history_start, history_end FROM pane_snapshots WHERE pane_id = ?")) {
                p.setInt(1, paneId);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    row = new Snapshot(paneId, rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getBytes(4), rs.getLong(5),
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
                            + " THEN data END FROM pane_history WHERE pane_id = ? ORDER BY first_line")) {
                p.setLong(1, row.historyStart());
                p.setLong(2, row.historyEnd());
                p.setInt(3, paneId);
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
            return Optional.of(new Snapshot(paneId, row.format(), row.takenAt(), row.cwd(), row.data(), row.historyStart(),
                    row.historyEnd(), row.keptEnd(), chunks, row.historyStart(), extents));
        });
    }

    /**
     * The stored history chunks of a pane holding any of the lines {@code [from, to)}, oldest
     * first: what a capture reads of the history that left memory ({@code history-disk}).
     */
    public List<HistoryChunk> loadHistoryChunks(int paneId, long from, long to) {
        return call(() -> {
            List<HistoryChunk> chunks = new ArrayList<>();
            try (PreparedStatement p = connection.prepareStatement(
                    "SELECT first_line, line_count, data FROM pane_history WHERE pane_id = ?"
                            + " AND first_line + line_count > ? AND first_line < ? ORDER BY first_line")) {
                p.setInt(1, paneId);
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

    /** A read by another class of this package, on the thread that owns the connection. */
    <T> T read(ConnectionWork<T> work) {
        return call(() -> work.run(connection));
    }

    interface ConnectionWork<T> {
        T run(Connection c) throws SQLException;
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
