package scarab.daemon.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Forward-only schema migrations, tracked in {@code PRAGMA user_version}. Step N takes a
 * database at version N-1 to N inside one transaction. A database newer than this code knows
 * is refused, never rewritten: an older daemon must not damage a newer one's data.
 */
final class Migrations {

    private static final List<String[]> STEPS = List.<String[]>of(
            // 1: session metadata
            new String[] {
                """
                CREATE TABLE sessions (
                    id               TEXT PRIMARY KEY,
                    name             TEXT NOT NULL UNIQUE,
                    command          TEXT NOT NULL,
                    cwd              TEXT NOT NULL,
                    cols             INTEGER NOT NULL,
                    rows             INTEGER NOT NULL,
                    created_at       INTEGER NOT NULL,
                    last_attached_at INTEGER NOT NULL DEFAULT 0,
                    state            TEXT NOT NULL,
                    exit_code        INTEGER,
                    title            TEXT NOT NULL DEFAULT '',
                    updated_at       INTEGER NOT NULL
                )
                """
            },
            // 2: screen and history snapshots, one per session, replaced on each change
            new String[] {
                """
                CREATE TABLE snapshots (
                    session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
                    format     INTEGER NOT NULL,
                    taken_at   INTEGER NOT NULL,
                    cwd        TEXT,
                    data       BLOB NOT NULL
                )
                """,
                "ALTER TABLE sessions ADD COLUMN exited_at INTEGER NOT NULL DEFAULT 0"
            },
            // 3: incremental snapshots (format 2): history in append-only chunks, stored once; the
            // snapshot row keeps the visible screen and which history lines it has. Format 1 rows
            // (the whole history in the row) are still read.
            new String[] {
                """
                CREATE TABLE history_chunks (
                    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                    first_line INTEGER NOT NULL,
                    line_count INTEGER NOT NULL,
                    data       BLOB NOT NULL,
                    PRIMARY KEY (session_id, first_line)
                )
                """,
                "ALTER TABLE snapshots ADD COLUMN history_start INTEGER NOT NULL DEFAULT 0",
                "ALTER TABLE snapshots ADD COLUMN history_end INTEGER NOT NULL DEFAULT 0"
            },
            // 4: windows and panes. A session has windows, a window has panes; each pane is what a
            // session was (command, directory, size, exit status, title) and has the snapshot and
            // history chunks a session had. Each session becomes window 0 with one pane, their ids
            // the session row's rowid, so nothing is rewritten but keys.
            new String[] {
                """
                CREATE TABLE windows (
                    id          INTEGER PRIMARY KEY,
                    session_id  TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                    idx         INTEGER NOT NULL,
                    name        TEXT,
                    layout      TEXT NOT NULL DEFAULT '',
                    active_pane INTEGER NOT NULL,
                    zoomed      INTEGER NOT NULL DEFAULT 0,
                    UNIQUE (session_id, idx)
                )
                """,
                """
                CREATE TABLE panes (
                    id        INTEGER PRIMARY KEY,
                    window_id INTEGER NOT NULL REFERENCES windows(id) ON DELETE CASCADE,
                    idx       INTEGER NOT NULL,
                    command   TEXT NOT NULL,
                    cwd       TEXT NOT NULL,
                    cols      INTEGER NOT NULL,
                    rows      INTEGER NOT NULL,
                    state     TEXT NOT NULL,
                    exit_code INTEGER,
                    title     TEXT NOT NULL DEFAULT '',
                    exited_at INTEGER NOT NULL DEFAULT 0
                )
                """,
                """
                CREATE TABLE pane_snapshots (
                    pane_id       INTEGER PRIMARY KEY REFERENCES panes(id) ON DELETE CASCADE,
                    format        INTEGER NOT NULL,
                    taken_at      INTEGER NOT NULL,
                    cwd           TEXT,
                    data          BLOB NOT NULL,
                    history_start INTEGER NOT NULL DEFAULT 0,
                    history_end   INTEGER NOT NULL DEFAULT 0
                )
                """,
                """
                CREATE TABLE pane_history (
                    pane_id    INTEGER NOT NULL REFERENCES panes(id) ON DELETE CASCADE,
                    first_line INTEGER NOT NULL,
                    line_count INTEGER NOT NULL,
                    data       BLOB NOT NULL,
                    PRIMARY KEY (pane_id, first_line)
                )
                """,
                "INSERT INTO windows (id, session_id, idx, name, layout, active_pane) SELECT rowid, id, 0, NULL, '', rowid"
                        + " FROM sessions",
                "INSERT INTO panes (id, window_id, idx, command, cwd, cols, rows, state, exit_code, title, exited_at)"
                        + " SELECT rowid, rowid, 0, command, cwd, cols, rows, state, exit_code, title, exited_at FROM sessions",
                "INSERT INTO pane_snapshots (pane_id, format, taken_at, cwd, data, history_start, history_end)"
                        + " SELECT s.rowid, n.format, n.taken_at, n.cwd, n.data, n.history_start, n.history_end"
                        + " FROM snapshots n JOIN sessions s ON s.id = n.session_id",
                "INSERT INTO pane_history (pane_id, first_line, line_count, data)"
                        + " SELECT s.rowid, h.first_line, h.line_count, h.data FROM history_chunks h JOIN sessions s ON s.id = h.session_id",
                "DROP TABLE snapshots",
                "DROP TABLE history_chunks",
                "ALTER TABLE sessions ADD COLUMN current_window INTEGER NOT NULL DEFAULT 0",
                "ALTER TABLE sessions ADD COLUMN last_window INTEGER NOT NULL DEFAULT 0",
                "UPDATE sessions SET current_window = rowid",
                "ALTER TABLE sessions DROP COLUMN command",
                "ALTER TABLE sessions DROP COLUMN cwd",
                "ALTER TABLE sessions DROP COLUMN cols",
                "ALTER TABLE sessions DROP COLUMN rows",
                "ALTER TABLE sessions DROP COLUMN title"
            },
            // 5: recordings (asciicast files) that go on after a restart: one per pane at most.
            // No foreign key: a pane of a new window may be stored after its recording starts; a
            // row whose pane is gone is dropped when the daemon next loads them.
            new String[] {
                """
                CREATE TABLE recordings (
                    pane_id    INTEGER PRIMARY KEY,
                    file       TEXT NOT NULL,
                    format     INTEGER NOT NULL,
                    input      INTEGER NOT NULL,
                    started_at INTEGER NOT NULL
                )
                """
            },
            // 6: groups, resource limits, and why a session ended (out of memory). Every session
            // before it is in no group, without limits.
            new String[] {
                "ALTER TABLE sessions ADD COLUMN group_name TEXT",
                "ALTER TABLE sessions ADD COLUMN memory_max INTEGER",
                "ALTER TABLE sessions ADD COLUMN cpu_max INTEGER",
                "ALTER TABLE sessions ADD COLUMN tasks_max INTEGER",
                "ALTER TABLE sessions ADD COLUMN exit_reason TEXT"
            });

    static final int LATEST = STEPS.size();

    private Migrations() {}

    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** Brings an older database up to {@link #LATEST}; the caller has refused newer ones. */
    static void migrate(Connection c) throws SQLException {
        migrate(c, LATEST);
    }

    /** Up to {@code target} only: how a test makes a database as an older release left it. */
    static void migrate(Connection c, int target) throws SQLException {
        int current = version(c);
        for (int v = current + 1; v <= target; v++) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : STEPS.get(v - 1)) {
                    s.execute(sql);
                }
                s.execute("PRAGMA user_version = " + v);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }
}
