package scarab.daemon.store;

import java.nio.file.Path;
import java.sql.SQLException;

/**
 * What an SQLite error means for the store. Two kinds matter: a write that is wrong in itself (a
 * constraint it breaks, a value too big) fails alone; a fault of the database or the disk under it
 * (locked, full, read-only, I/O error) is no fault of the write, and says nothing about whether
 * the same write would succeed alone or a moment later. Only corruption justifies moving a
 * database aside; a locked or unreadable-for-now file must be left alone.
 *
 * <p>Codes are SQLite's primary result codes (sqlite-jdbc reports them in
 * {@link SQLException#getErrorCode()}): https://www.sqlite.org/rescode.html
 */
final class SqliteFaults {
    static final int BUSY = 5;
    static final int LOCKED = 6;
    static final int NOMEM = 7;
    static final int READONLY = 8;
    static final int IOERR = 10;
    static final int CORRUPT = 11;
    static final int FULL = 13;
    static final int CANTOPEN = 14;
    static final int PROTOCOL = 15;
    static final int NOTADB = 26;

    private SqliteFaults() {}

    static int code(SQLException e) {
        return e.getErrorCode() & 0xff;
    }

    /** A fault of the database or its disk rather than of one write. */
    static boolean environmental(SQLException e) {
        return switch (code(e)) {
            case BUSY, LOCKED, NOMEM, READONLY, IOERR, CORRUPT, FULL, CANTOPEN, PROTOCOL, NOTADB -> true;
            default -> false;
        };
    }

    /**
     * A fault that any other write would meet too, right now: trying the rest of a batch one by
     * one would only repeat it (and, for a lock, wait out the busy timeout once per write). A full
     * disk is not one of these: a smaller write may still fit.
     */
    static boolean stopsEveryWrite(SQLException e) {
        return switch (code(e)) {
            case BUSY, LOCKED, READONLY, IOERR, CORRUPT, CANTOPEN, PROTOCOL, NOTADB -> true;
            default -> false;
        };
    }

    /** The file is damaged or not a database at all: the only reason to move it aside. */
    static boolean corruption(SQLException e) {
        int code = code(e);
        return code == CORRUPT || code == NOTADB;
    }

    /** One line for the user: what is wrong with the database, in words, with the file. */
    static String describe(SQLException e, Path file) {
        return switch (code(e)) {
            case FULL -> "the disk holding " + file + " is full";
            case READONLY -> file + " is read-only";
            case IOERR -> "I/O error on " + file + " (is its disk read-only or failing?): " + firstLine(e.getMessage());
            case BUSY, LOCKED -> file + " is locked by another process";
            case CANTOPEN -> "cannot open " + file + ": " + firstLine(e.getMessage());
            default -> firstLine(e.getMessage());
        };
    }

    static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
