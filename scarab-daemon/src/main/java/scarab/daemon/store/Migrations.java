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
        int current = version(c);
        for (int v = current + 1; v <= LATEST; v++) {
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
