package scarab.daemon;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One daemon per socket: an exclusive lock on {@code <socket>.lock} (a {@link LockFile} holding
 * the daemon's pid), held for the daemon's life; whoever holds it may replace a leftover socket
 * file.
 */
final class DaemonLock implements AutoCloseable {
    private final LockFile lock;

    private DaemonLock(LockFile lock) {
        this.lock = lock;
    }

    static DaemonLock acquire(Path socket) throws IOException {
        Path file = file(socket);
        LockFile lock = LockFile.tryAcquire(file, ProcessHandle.current().pid() + "\n");
        if (lock == null) {
            String holder = LockFile.read(file).trim();
            throw new UserError("daemon-running", "another scarab daemon" + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                    + " is already serving " + socket);
        }
        return new DaemonLock(lock);
    }

    static Path file(Path socket) {
        return socket.resolveSibling(socket.getFileName() + ".lock");
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
