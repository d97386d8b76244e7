package scarab.daemon.pty;

import com.pty4j.unix.PtyHelpers;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A process running on a pseudo-terminal, started by pty4j's native fork/exec helper, held by
 * three numbers: its pid, a pidfd for it and the PTY master.
 *
 * <p>Nothing here starts a thread: a {@link PtyPoller} reads the master and notices the exit (the
 * pidfd becomes readable) for every child at once. The pidfd also makes signals safe: a signal
 * sent through it can only reach this process, never another one that was given the same pid
 * after this one was reaped.
 *
 * <p>File descriptors: the poller is the only reader, and it closes both numbers when the child
 * is done; writes, resizes and signals from other threads happen under {@link #fdLock} and check
 * that the numbers are still ours, so a number closed and reused by the next PTY is never written.
 */
public final class PtyChild {
    private static final long WRITE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final int pid;
    private final int pidfd;
    private final int master;
    private final Object fdLock = new Object();
    /** Guarded by fdLock. */
    private boolean masterClosed;
    /** Guarded by fdLock. */
    private boolean pidfdClosed;
    private final CompletableFuture<Integer> reaped = new CompletableFuture<>();

    /** The PTY's other side, the program's terminal ({@code /dev/pts/N}). */
    private final String terminalPath;
    /** Its device number, read once asked for; null until then or when it cannot be read. */
    private volatile Long terminalDevice;

    private PtyChild(int pid, int pidfd, int master, String terminalPath) {
        this.pid = pid;
        this.pidfd = pidfd;
        this.master = master;
        this.terminalPath = terminalPath;
    }

    /** The device number of the program's terminal, or null if it cannot be read. */
    public Long terminalDevice() {
        Long device = terminalDevice;
        if (device == null) {
            try {
                device = (Long) java.nio.file.Files.getAttribute(java.nio.file.Path.of(terminalPath), "unix:rdev");
                terminalDevice = device;
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
        return device;
    }

    /** What a daemon hands its successor for this child across {@code execve} ({@link ExecHandOver}). */
    public record Fds(long pid, int pidfd, int master, String terminal) {}

    public Fds fds() {
        return new Fds(pid, pidfd, master, terminalPath);
    }

    /**
     * Takes over a child that the daemon this process was before {@code execve} started: the
     * numbers must be what they claim (the pidfd names this pid, the master is a PTY master), or
     * nothing is taken. The child may have ended meanwhile (a zombie is still ours to reap): the
     * poller then reports its end as for any child. Both numbers are made close-on-exec again.
     *
     * @throws IOException when a number is not what the hand-over says; the caller closes none of them
     */
    public static PtyChild adopt(Fds fds) throws IOException {
        Posix.LibC c = Posix.LibC.INSTANCE;
        if (fds.pid() <= 0 || fds.pidfd() < 3 || fds.master() < 3 || fds.pidfd() == fds.master()) {
            throw new IOException("bad numbers " + fds);
        }
        if (!ExecHandOver.isPidfdOf(fds.pidfd(), fds.pid())) {
            throw new IOException("descriptor " + fds.pidfd() + " is not a pidfd of process " + fds.pid());
        }
        if (!ExecHandOver.isPtyMaster(fds.master())) {
            throw new IOException("descriptor " + fds.master() + " is not a PTY master");
        }
        if (c.pidfd_send_signal(fds.pidfd(), 0, null, 0) != 0) {
            throw new IOException("process " + fds.pid() + " is gone: " + Posix.strerror(Posix.errno()));
        }
        c.fcntl(fds.pidfd(), Posix.F_SETFD, Posix.FD_CLOEXEC);
        c.fcntl(fds.master(), Posix.F_SETFD, Posix.FD_CLOEXEC);
        int flags = c.fcntl(fds.master(), Posix.F_GETFL);
        c.fcntl(fds.master(), Posix.F_SETFL, flags | Posix.O_NONBLOCK);
        return new PtyChild((int) fds.pid(), fds.pidfd(), fds.master(), fds.terminal());
    }

    /**
     * Starts the program at {@code path} with {@code argv} (argv[0] as the program will see it) on
     * a new PTY of the given size.
     *
     * @throws IOException when no PTY can be opened or the process cannot be forked
     */
    public static PtyChild start(String path, List<String> argv, Map<String, String> env, String cwd, int cols, int rows)
            throws IOException {
        Posix.LibC c = Posix.LibC.INSTANCE;
        int master = c.posix_openpt(Posix.O_RDWR | Posix.O_NOCTTY | Posix.O_CLOEXEC);
        if (master < 0) {
            throw failure("cannot open a pseudo-terminal");
        }
        try {
            byte[] name = new byte[128];
            if (c.grantpt(master) != 0 || c.unlockpt(master) != 0
                    || c.ptsname_r(master, name, new NativeLong(name.length)) != 0) {
                throw failure("cannot set up the pseudo-terminal");
            }
            int len = 0;
            while (len < name.length && name[len] != 0) {
                len++;
            }
            String slave = new String(name, 0, len, StandardCharsets.US_ASCII);
            // The size is on the PTY before the program starts, so its first look at it is right.
            setSize(master, cols, rows);
            String[] envp = env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
            String[] args = argv.toArray(String[]::new);
            int pid = spawn(path, args, envp, cwd, slave);
            int pidfd = c.pidfd_open(pid, 0);
            if (pidfd < 0) {
                IOException e = failure("cannot watch process " + pid);
                PtyHelpers.signal(pid, Posix.SIGKILL); // still our unreaped child: its pid is still its own
                c.waitpid(pid, new int[1], 0);
                throw e;
            }
            int flags = c.fcntl(master, Posix.F_GETFL);
            c.fcntl(master, Posix.F_SETFL, flags | Posix.O_NONBLOCK);
            return new PtyChild(pid, pidfd, master, slave);
        } catch (IOException | RuntimeException e) {
            c.close(master);
            throw e;
        }
    }

    /**
     * Starts the program with glibc's {@code posix_spawn}, as a session leader whose controlling
     * terminal is the PTY's slave (opened after {@code setsid}, without {@code O_NOCTTY}, as its
     * stdin, stdout and stderr), in {@code cwd}, with no other descriptor.
     *
     * <p>Signals: a program must start as tmux starts it, with every signal at its default and
     * none blocked, whatever the daemon inherited. Dispositions that are handled are reset by exec,
     * but ignored ones survive it: a daemon started under {@code nohup} (SIGHUP ignored) passed that
     * on, and its sessions ignored the hang-up that kill sends. The signal mask survives exec too,
     * and the JVM blocks SIGQUIT in its threads. So every signal is set to its default
     * ({@code POSIX_SPAWN_SETSIGDEF} with all bits set, including glibc's two internal ones, which
     * its posix_spawn would otherwise leave ignored in the child) and the mask is emptied
     * ({@code POSIX_SPAWN_SETSIGMASK}). pty4j's fork/exec helper reset only SIGPIPE, SIGINT and
     * SIGQUIT and has no hook for more.
     *
     * @return the child's pid; exec has succeeded when this returns (glibc reports its failure)
     */
    private static int spawn(String path, String[] argv, String[] envp, String cwd, String slave) throws IOException {
        Posix.LibC c = Posix.LibC.INSTANCE;
        Memory attributes = new Memory(Posix.SPAWN_STRUCT_SIZE);
        Memory actions = new Memory(Posix.SPAWN_STRUCT_SIZE);
        Memory every = new Memory(Posix.SIGSET_SIZE);
        every.setMemory(0, Posix.SIGSET_SIZE, (byte) 0xff);
        Memory none = new Memory(Posix.SIGSET_SIZE);
        none.clear();
        check(c.posix_spawnattr_init(attributes), "cannot start " + path);
        try {
            check(c.posix_spawn_file_actions_init(actions), "cannot start " + path);
            try {
                check(c.posix_spawnattr_setflags(attributes,
                        (short) (Posix.POSIX_SPAWN_SETSID | Posix.POSIX_SPAWN_SETSIGDEF | Posix.POSIX_SPAWN_SETSIGMASK)),
                        "cannot start " + path);
                check(c.posix_spawnattr_setsigdefault(attributes, every), "cannot start " + path);
                check(c.posix_spawnattr_setsigmask(attributes, none), "cannot start " + path);
                check(c.posix_spawn_file_actions_addopen(actions, 0, slave, Posix.O_RDWR, 0), "cannot start " + path);
                check(c.posix_spawn_file_actions_adddup2(actions, 0, 1), "cannot start " + path);
                check(c.posix_spawn_file_actions_adddup2(actions, 0, 2), "cannot start " + path);
                try {
                    check(c.posix_spawn_file_actions_addchdir_np(actions, cwd), "cannot start " + path);
                } catch (UnsatisfiedLinkError e) {
                    throw new IOException("cannot start " + path + ": the C library is older than glibc 2.29"
                            + " (no posix_spawn_file_actions_addchdir_np)");
                }
                try {
                    check(c.posix_spawn_file_actions_addclosefrom_np(actions, 3), "cannot start " + path);
                } catch (UnsatisfiedLinkError e) {
                    closeOnExecFromThree(); // glibc before 2.34
                }
                int[] pid = new int[1];
                check(c.posix_spawn(pid, path, actions, attributes, argv, envp), "cannot start " + path);
                return pid[0];
            } finally {
                c.posix_spawn_file_actions_destroy(actions);
            }
        } finally {
            c.posix_spawnattr_destroy(attributes);
        }
    }

    /**
     * Without {@code posix_spawn_file_actions_addclosefrom_np} (glibc before 2.34): marks every
     * descriptor from 3 on close-on-exec, so that no client socket or database file reaches the
     * program (the JVM opens many without that flag). One opened by another thread between this
     * and the spawn could still slip through; glibc 2.34's closefrom leaves no such gap.
     */
    static void closeOnExecFromThree() {
        java.io.File[] fds = new java.io.File("/proc/self/fd").listFiles();
        if (fds == null) {
            return;
        }
        for (java.io.File f : fds) {
            try {
                int fd = Integer.parseInt(f.getName());
                if (fd >= 3) {
                    Posix.LibC.INSTANCE.fcntl(fd, Posix.F_SETFD, Posix.FD_CLOEXEC);
                }
            } catch (NumberFormatException e) {
                // not a descriptor
            }
        }
    }

    /** posix_spawn and its helpers return the error number instead of setting errno. */
    private static void check(int error, String what) throws IOException {
        if (error != 0) {
            throw new IOException(what + ": " + Posix.strerror(error));
        }
    }

    private static IOException failure(String what) {
        int errno = Posix.errno();
        return new IOException(what + ": " + Posix.strerror(errno));
    }

    private static void setSize(int fd, int cols, int rows) throws IOException {
        Memory winsize = new Memory(8);
        winsize.setShort(0, (short) rows);
        winsize.setShort(2, (short) cols);
        winsize.setShort(4, (short) 0);
        winsize.setShort(6, (short) 0);
        if (Posix.LibC.INSTANCE.ioctl(fd, new NativeLong(Posix.TIOCSWINSZ), winsize) != 0) {
            throw failure("cannot set the terminal size");
        }
    }

    public long pid() {
        return pid;
    }

    public boolean isAlive() {
        return !reaped.isDone();
    }

    /** Completes with the exit status (code, or 128 + signal) once the process is reaped. */
    public CompletableFuture<Integer> onExit() {
        return reaped;
    }

    /** @return true if the process was reaped within the time */
    public boolean awaitExit(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            reaped.get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    /**
     * Writes input to the program. The master is non-blocking (it is read by the poller); when the
     * program is not reading and the PTY's buffer is full, this waits for room, without holding
     * the lock, for up to 10 s before giving up.
     */
    public void write(byte[] data, int off, int len) throws IOException {
        byte[] chunk = off == 0 ? data : java.util.Arrays.copyOfRange(data, off, off + len);
        int done = 0;
        long deadline = System.nanoTime() + WRITE_TIMEOUT_NANOS;
        while (done < len) {
            long n;
            int errno;
            synchronized (fdLock) {
                if (masterClosed) {
                    throw new IOException("the terminal is closed");
                }
                byte[] rest = done == 0 ? chunk : java.util.Arrays.copyOfRange(chunk, done, len);
                n = Posix.write(master, rest, len - done);
                errno = n < 0 ? Posix.errno() : 0;
            }
            if (n > 0) {
                done += (int) n;
            } else if (errno == Posix.EAGAIN) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the program has not read its input for 10 s");
                }
                awaitWritable();
            } else if (errno != Posix.EINTR) {
                throw new IOException("cannot write to the terminal: " + Posix.strerror(errno));
            }
        }
    }

    /**
     * Writes what fits without waiting (for the poller thread, which must never block).
     *
     * @return how many bytes were written: fewer than {@code len}, or 0, when the PTY is full
     * @throws IOException when the terminal is closed or the write fails for another reason
     */
    public int tryWrite(byte[] data, int off, int len) throws IOException {
        byte[] chunk = off == 0 ? data : java.util.Arrays.copyOfRange(data, off, off + len);
        synchronized (fdLock) {
            if (masterClosed) {
                throw new IOException("the terminal is closed");
            }
            return Posix.writeNow(master, chunk, len, "the terminal");
        }
    }

    /** Waits up to 100 ms for room in the PTY. Without the lock: a reused number only wakes us early. */
    private void awaitWritable() {
        Memory pollfd = new Memory(8);
        pollfd.setInt(0, master);
        pollfd.setShort(4, Posix.POLLOUT);
        pollfd.setShort(6, (short) 0);
        Posix.poll(pollfd, 1, 100);
    }

    /** Sets the terminal size; the kernel sends SIGWINCH to the foreground process group. */
    public void resize(int cols, int rows) {
        synchronized (fdLock) {
            if (masterClosed) {
                return;
            }
            try {
                setSize(master, cols, rows);
            } catch (IOException e) {
                // The terminal is going away: nothing left to size.
            }
        }
    }

    /** Sends a signal through the pidfd: it reaches this process or nobody. */
    public boolean signal(int signal) {
        synchronized (fdLock) {
            if (pidfdClosed) {
                return false;
            }
            return Posix.LibC.INSTANCE.pidfd_send_signal(pidfd, signal, null, 0) == 0;
        }
    }

    public static int sighup() {
        return Posix.SIGHUP;
    }

    public static int sigkill() {
        return Posix.SIGKILL;
    }

    /**
     * Kills and reaps a child that was never handed to a poller (its session could not be
     * recorded): SIGKILL, wait for it, close its numbers.
     */
    public void destroyUnregistered() {
        signal(Posix.SIGKILL);
        Posix.LibC.INSTANCE.waitpid(pid, new int[1], 0);
        reaped.complete(128 + Posix.SIGKILL);
        closeMaster();
        closePidfd();
    }

    // ---- for the poller ----------------------------------------------------------------------

    int master() {
        return master;
    }

    int pidfd() {
        return pidfd;
    }

    /** Reaps the process if it has ended; @return true when it was reaped now. */
    boolean reap() {
        int[] status = new int[1];
        int r = Posix.LibC.INSTANCE.waitpid(pid, status, Posix.WNOHANG);
        if (r == pid) {
            reaped.complete(Posix.exitStatus(status[0]));
            return true;
        }
        if (r < 0 && Posix.errno() != Posix.EINTR) {
            // Not our child any more (cannot happen unless someone else reaped it): report it gone.
            reaped.complete(-1);
            return true;
        }
        return false;
    }

    int exitStatus() {
        return reaped.getNow(-1);
    }

    /** Closing the master hangs the terminal up: the kernel sends SIGHUP to the session. */
    void closeMaster() {
        synchronized (fdLock) {
            if (!masterClosed) {
                masterClosed = true;
                Posix.LibC.INSTANCE.close(master);
            }
        }
    }

    void closePidfd() {
        synchronized (fdLock) {
            if (!pidfdClosed) {
                pidfdClosed = true;
                Posix.LibC.INSTANCE.close(pidfd);
            }
        }
    }
}
