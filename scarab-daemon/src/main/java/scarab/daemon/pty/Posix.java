package scarab.daemon.pty;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The few Linux calls the PTY layer makes itself, through the JNA that pty4j already brings.
 * The calls on the output path ({@code epoll_wait}, {@code read}, {@code write}, {@code poll})
 * are bound by direct mapping, the cheapest JNA call; the rare ones (opening a PTY, pidfds,
 * {@code ioctl}) through an interface, which also handles C varargs correctly.
 *
 * <p>Errors are returned as -1 with {@link #errno()}, never thrown: {@code EAGAIN} on a
 * non-blocking PTY is ordinary, and an exception with a stack trace per read would cost more
 * than the read.
 */
final class Posix {
    private Posix() {}

    static {
        Native.register(Posix.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    static final int EINTR = 4;
    static final int EIO = 5;
    static final int EAGAIN = 11;
    static final int ESRCH = 3;

    static final int O_RDWR = 2;
    static final int O_NOCTTY = 0400;
    static final int O_NONBLOCK = 04000;
    static final int O_CLOEXEC = 02000000;
    static final int F_GETFL = 3;
    static final int F_SETFL = 4;
    static final int F_GETFD = 1;
    static final int F_SETFD = 2;
    static final short POLLIN = 1;
    static final int FD_CLOEXEC = 1;
    static final int WNOHANG = 1;
    static final int SIGHUP = 1;
    static final int SIGKILL = 9;
    static final short POLLOUT = 4;
    static final int SIG_SETMASK = 2;
    /** glibc's sigset_t: 1024 bits. */
    static final int SIGSET_SIZE = 128;
    static final long TIOCSWINSZ = 0x5414;
    static final long TIOCGWINSZ = 0x5413;
    static final int TCSANOW = 0;
    /**
     * glibc's {@code struct termios}: four flag words, {@code c_line}, {@code c_cc[32]}, padding,
     * then the input and output speeds: 60 bytes on x86-64 and aarch64 (not on every architecture:
     * {@link ClientTerminal#makeRaw} checks).
     */
    static final int TERMIOS_SIZE = 60;
    static final int TERMIOS_CC_OFFSET = 17;
    static final int TERMIOS_NCCS = 32;
    static final int TERMIOS_ISPEED_OFFSET = 52;
    static final int TERMIOS_OSPEED_OFFSET = 56;

    static final int EPOLL_CTL_ADD = 1;
    static final int EPOLL_CTL_DEL = 2;
    static final int EPOLL_CTL_MOD = 3;
    static final int EPOLLIN = 0x001;
    static final int EPOLLOUT = 0x004;
    static final int EPOLLERR = 0x008;
    static final int EPOLLHUP = 0x010;
    static final int EFD_NONBLOCK = O_NONBLOCK;
    /** {@code struct epoll_event} is packed on x86-64 (12 bytes), naturally aligned elsewhere (16). */
    static final int EPOLL_EVENT_SIZE = Platform.isIntel() && Platform.is64Bit() ? 12 : 16;
    static final int EPOLL_DATA_OFFSET = EPOLL_EVENT_SIZE == 12 ? 4 : 8;

    // ---- direct mapping: the hot path --------------------------------------------------------

    static native int epoll_wait(int epfd, Pointer events, int maxEvents, int timeoutMillis);

    static native long read(int fd, Pointer buffer, long count);

    static native long write(int fd, byte[] buffer, long count);

    static native int poll(Pointer fds, long nfds, int timeoutMillis);

    static int errno() {
        return Native.getLastError();
    }

    /**
     * Writes to a non-blocking descriptor what it takes now.
     *
     * @return bytes written, 0 when it would block
     * @throws java.io.IOException for any other failure, saying {@code what} could not be written to
     */
    static int writeNow(int fd, byte[] data, int len, String what) throws java.io.IOException {
        while (true) {
            long n = write(fd, data, len);
            if (n >= 0) {
                return (int) n;
            }
            int errno = errno();
            if (errno == EAGAIN) {
                return 0;
            }
            if (errno != EINTR) {
                throw new java.io.IOException("cannot write to " + what + ": " + strerror(errno));
            }
        }
    }

    // ---- interface mapping: the rare calls ---------------------------------------------------

    interface LibC extends Library {
        LibC INSTANCE = Native.load(Platform.C_LIBRARY_NAME, LibC.class);

        int posix_openpt(int flags);

        int open(String path, int flags, Object... mode);

        int isatty(int fd);

        int grantpt(int fd);

        int unlockpt(int fd);

        int ptsname_r(int fd, byte[] buffer, NativeLong length);

        int ioctl(int fd, NativeLong request, Object... args);

        int fcntl(int fd, int command, Object... args);

        int close(int fd);

        int setpriority(int which, int who, int priority);

        int tcgetattr(int fd, Pointer termios);

        int tcsetattr(int fd, int optionalActions, Pointer termios);

        void cfmakeraw(Pointer termios);

        int pidfd_open(int pid, int flags);

        int pidfd_send_signal(int pidfd, int signal, Pointer info, int flags);

        int waitpid(int pid, int[] status, int options);

        int pthread_sigmask(int how, Pointer set, Pointer oldSet);

        int epoll_create1(int flags);

        int epoll_ctl(int epfd, int op, int fd, Pointer event);

        int eventfd(int initialValue, int flags);

        String strerror(int errno);

        // posix_spawn: the child is started with vfork semantics and set up by glibc, no Java runs in it.

        /** Replaces this process's program, keeping its pid, its children and the descriptors not close-on-exec. */
        int execve(String path, String[] argv, String[] envp);

        int posix_spawn(int[] pid, String path, Pointer fileActions, Pointer attributes, String[] argv, String[] envp);

        int posix_spawnattr_init(Pointer attributes);

        int posix_spawnattr_destroy(Pointer attributes);

        int posix_spawnattr_setflags(Pointer attributes, short flags);

        int posix_spawnattr_setsigdefault(Pointer attributes, Pointer signals);

        int posix_spawnattr_setsigmask(Pointer attributes, Pointer signals);

        int posix_spawn_file_actions_init(Pointer actions);

        int posix_spawn_file_actions_destroy(Pointer actions);

        int posix_spawn_file_actions_addopen(Pointer actions, int fd, String path, int flags, int mode);

        int posix_spawn_file_actions_adddup2(Pointer actions, int fd, int newFd);

        int posix_spawn_file_actions_addchdir_np(Pointer actions, String path);

        int posix_spawn_file_actions_addclosefrom_np(Pointer actions, int lowFd);
    }

    static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    static final short POSIX_SPAWN_SETSID = 0x80;
    /** glibc's posix_spawnattr_t is 336 bytes and posix_spawn_file_actions_t 80 on 64-bit: room to spare. */
    static final int SPAWN_STRUCT_SIZE = 1024;

    static String strerror(int errno) {
        return LibC.INSTANCE.strerror(errno);
    }

    /** The exit status a shell would report: the code, or 128 + the signal that ended the process. */
    static int exitStatus(int waitStatus) {
        int signal = waitStatus & 0x7f;
        return signal == 0 ? (waitStatus >> 8) & 0xff : 128 + signal;
    }
}
