package scarab.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * An exclusive lock on a file ({@code fcntl}, as {@link FileChannel#tryLock} takes it), held for a
 * daemon's life and holding a few lines about the holder (its pid first). The kernel drops the
 * lock however the process dies, so a crash never leaves a stale lock. The file is removed when
 * the lock is released, so a clean stop leaves nothing behind. Because of that, whoever gets the
 * lock must know that the file it locked is still the one at the path (a holder may have removed
 * it between our open and our lock): a holder marks the file {@link #RELEASED} before it lets go,
 * and a file found so marked is an orphan, so we open the path again.
 *
 * <p>The holder never opens the file a second time: closing any descriptor of a file drops every
 * {@code fcntl} lock the process holds on it.
 */
final class LockFile implements AutoCloseable {
    private static final int ATTEMPTS = 20;
    private static final String RELEASED = "released\n";

    private final Path file;
    private final FileChannel channel;
    private FileLock lock;

    private LockFile(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock and writes {@code content} (its first line the pid), or returns null when
     * another process holds it.
     *
     * @throws IOException when the file cannot be opened (a symlink is never followed)
     */
    static LockFile tryAcquire(Path file, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (Files.isSymbolicLink(file)) {
            throw new IOException("the lock file " + file + " is a symbolic link to " + Files.readSymbolicLink(file)
                    + "; Scarab does not follow links for its own files: remove the link");
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            FileChannel channel = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            if (lock == null) {
                channel.close();
                return null;
            }
            if (released(channel)) {
                lock.release();
                channel.close();
                continue;
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(bytes), 0);
            return new LockFile(file, channel, lock);
        }
        throw new IOException("cannot take the lock " + file + ": it keeps being replaced");
    }

    private static boolean released(FileChannel channel) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(RELEASED.length());
        while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
            // small file: a read or two
        }
        return new String(head.array(), 0, head.position(), StandardCharsets.UTF_8).equals(RELEASED);
    }

    /** What the holder wrote, or "" when there is no holder. Never call it on a lock this process holds. */
    static String read(Path file) throws IOException {
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            return text.equals(RELEASED) ? "" : text;
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    /**
     * Lets go of a lock whose file is no longer at the path (its directory was deleted): the
     * path, if anything is there now, is not ours to remove.
     */
    void abandon() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    /**
     * After an in-place upgrade: the lock crossed {@code execve} on the old program's descriptors
     * ({@code inherited}), and this process has it through its own now (fcntl locks are the
     * process's). Closing those drops the process's lock, so it is taken again at once: a window of
     * a system call, where waiting for the new program's start would have been a second.
     */
    void takeOverFrom(List<Integer> inherited) throws IOException {
        if (inherited.isEmpty()) {
            return;
        }
        scarab.daemon.pty.ExecHandOver.close(inherited);
        lock.release();
        FileLock again = channel.tryLock();
        if (again == null) {
            throw new UserError("daemon-running", "the lock " + file + " was taken by another process during the upgrade");
        }
        lock = again;
    }

    /** Removes the file and marks it released, then lets go: the next daemon makes a fresh one. */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(file);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(RELEASED.getBytes(StandardCharsets.UTF_8)), 0);
        } finally {
            lock.release();
            channel.close();
        }
    }
}
