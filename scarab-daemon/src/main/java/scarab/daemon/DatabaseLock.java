package scarab.daemon;

import java.io.IOException;
import java.nio.file.Path;
import scarab.daemon.store.SessionStore;
import scarab.protocol.DatabaseHolder;

/**
 * One daemon per database, whatever socket it serves: two daemons on one {@code sessions.db}
 * would each restore every session (two live processes per session) and then diverge. An
 * exclusive lock on {@code sessions.db.lock} (a {@link LockFile}) holds the pid and socket of the
 * daemon that has it, so a second one can say where the first one listens.
 */
final class DatabaseLock implements AutoCloseable {
    private final LockFile lock;

    private DatabaseLock(LockFile lock) {
        this.lock = lock;
    }

    static DatabaseLock acquire(Path database, Path socket) throws IOException {
        SessionStore.prepareDirectory(database);
        Path file = file(database);
        LockFile lock = LockFile.tryAcquire(file, DatabaseHolder.content(ProcessHandle.current().pid(), socket));
        if (lock == null) {
            throw new UserError("database-in-use", DatabaseHolder.refusal(database, DatabaseHolder.read(file)));
        }
        return new DatabaseLock(lock);
    }

    static Path file(Path database) {
        return database.resolveSibling(database.getFileName() + ".lock");
    }

    /** Lets go of a lock whose file was deleted along with the database (see {@link LockFile#abandon}). */
    void abandon() throws IOException {
        lock.abandon();
    }

    /** See {@link LockFile#takeOverFrom}. */
    void takeOverFrom(java.util.List<Integer> inherited) throws IOException {
        lock.takeOverFrom(inherited);
    }

    @Override
    public void close() throws IOException {
        lock.close();
    }
}
