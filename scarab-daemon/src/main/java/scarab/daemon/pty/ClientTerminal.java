package scarab.daemon.pty;

import com.sun.jna.Memory;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scarab.protocol.ScarabPaths;
import scarab.protocol.TerminalModes;

/**
 * An attached client's own terminal, opened by the daemon (tmux's way of serving a client): the
 * session's output is written straight to it and the keys are read from it on the poller thread,
 * so a keystroke's echo takes two wake-ups of one thread instead of passing through the client
 * process and three more threads.
 *
 * <p>The client names itself by pid; the terminal is reopened through {@code /proc/PID/fd/0}
 * (the same device, a description of our own, so our {@code O_NONBLOCK} leaves the client's
 * alone), with {@code O_NOCTTY} so it never becomes the daemon's controlling terminal. Only a
 * process of the daemon's own user can be opened that way, and only a terminal is accepted.
 *
 * <p>As tmux's server does, the daemon puts the terminal in raw mode itself before it draws on it
 * ({@link #makeRaw}) and puts the settings it found back when the attach ends ({@link #restoreModes}),
 * also when the client process is killed: the screen does not wait for the client to set the
 * terminal up.
 *
 * <p>Writes never block: they write what fits and say how much. The number is closed only by the
 * poller ({@link PtyPoller#unwatch}), after its owner has promised not to write any more.
 */
public final class ClientTerminal {
    private static final Logger log = LoggerFactory.getLogger(ClientTerminal.class);
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private final int fd;
    private final long clientPid;
    private final Memory readBuffer = new Memory(4096);
    /** The settings found by {@link #makeRaw}, while they are to be put back; guarded by this. */
    private Memory savedModes;

    private ClientTerminal(int fd, long clientPid) {
        this.fd = fd;
        this.clientPid = clientPid;
    }

    /**
     * Opens the terminal that is standard input of process {@code pid}. The pid comes from the
     * client, so it is checked before anything is opened: the process must belong to the daemon's
     * user (whom {@code PeerCheck} has already required the client to be: whatever such a pid
     * names, the client could open itself), and its standard input must be a terminal's
     * character device, found with {@code stat}. Opening first and asking {@code isatty} after
     * would open a FIFO, a file or any device read-write on the client's word, and some devices
     * act on being opened. What was opened is then checked to be that same device, in case the
     * process changed its standard input meanwhile.
     *
     * @throws IOException when it cannot be opened (another user's process, another pid
     *     namespace, gone) or is not a terminal
     */
    public static ClientTerminal open(long pid) throws IOException {
        if (pid <= 0) {
            throw new IOException("no such process: " + pid);
        }
        int owner;
        try {
            owner = (Integer) Files.getAttribute(Path.of("/proc/" + pid), "unix:uid");
        } catch (NoSuchFileException e) {
            throw new IOException("no such process: " + pid);
        }
        if (owner != ScarabPaths.uid()) {
            throw new IOException("process " + pid + " belongs to uid " + owner + ", not to the daemon's user");
        }
        String path = "/proc/" + pid + "/fd/0";
        long device = terminalDevice(Path.of(path));
        Posix.LibC c = Posix.LibC.INSTANCE;
        int fd = c.open(path, Posix.O_RDWR | Posix.O_NOCTTY | Posix.O_NONBLOCK | Posix.O_CLOEXEC);
        if (fd < 0) {
            int errno = Posix.errno();
            throw new IOException("cannot open " + path + ": " + Posix.strerror(errno));
        }
        try {
            if (terminalDevice(Path.of("/proc/self/fd/" + fd)) != device || c.isatty(fd) != 1) {
                throw new IOException(path + " is not the terminal it was a moment ago");
            }
        } catch (IOException e) {
            c.close(fd);
            throw e;
        }
        return new ClientTerminal(fd, pid);
    }

    /**
     * The device number of {@code file} if it is a terminal: a character device of the virtual
     * console and serial driver (major 4) or a pseudo-terminal's client side (majors 136-143).
     * Others (the pty master {@code /dev/ptmx}, {@code /dev/tty}, any other device) are refused:
     * the client's terminal is never one of them, and opening some has effects of its own.
     */
    static long terminalDevice(Path file) throws IOException {
        Map<String, Object> attributes;
        try {
            attributes = Files.readAttributes(file, "unix:mode,rdev");
        } catch (NoSuchFileException e) {
            throw new IOException(file + " does not exist");
        }
        int mode = (Integer) attributes.get("mode");
        if ((mode & S_IFMT) != S_IFCHR) {
            throw new IOException(file + " is not a terminal");
        }
        long rdev = (Long) attributes.get("rdev");
        long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
        if (major != 4 && (major < 136 || major > 143)) {
            throw new IOException(file + " is not a terminal (a device of major " + major + ")");
        }
        return rdev;
    }

    int fd() {
        return fd;
    }

    /** The terminal's size as {cols, rows}, or null when it does not say (0x0 or an error). */
    public int[] size() {
        Memory winsize = new Memory(8);
        winsize.clear();
        if (Posix.LibC.INSTANCE.ioctl(fd, new com.sun.jna.NativeLong(Posix.TIOCGWINSZ), winsize) != 0) {
            return null;
        }
        int rows = winsize.getShort(0) & 0xffff;
        int cols = winsize.getShort(2) & 0xffff;
        return cols > 0 && rows > 0 ? new int[] {cols, rows} : null;
    }

    /**
     * Puts the terminal in raw mode ({@code cfmakeraw}: no echo, no line editing, no signals from
     * keys, no output processing) and returns the settings it had, which {@link #restoreModes}
     * puts back. Changes apply at once ({@code TCSANOW}): waiting for the terminal to drain could
     * wait forever on a stopped terminal.
     *
     * @throws IOException when the terminal's settings cannot be read or changed
     */
    public synchronized TerminalModes makeRaw() throws IOException {
        if (!((Platform.isIntel() || Platform.isARM()) && Platform.is64Bit())) {
            throw new IOException("the layout of struct termios is known here for x86-64 and aarch64 only");
        }
        Posix.LibC c = Posix.LibC.INSTANCE;
        Memory original = new Memory(Posix.TERMIOS_SIZE);
        original.clear();
        if (c.tcgetattr(fd, original) != 0) {
            throw new IOException("cannot read the settings of the " + this + ": " + Posix.strerror(Posix.errno()));
        }
        Memory raw = new Memory(Posix.TERMIOS_SIZE);
        raw.write(0, original.getByteArray(0, Posix.TERMIOS_SIZE), 0, Posix.TERMIOS_SIZE);
        c.cfmakeraw(raw);
        if (c.tcsetattr(fd, Posix.TCSANOW, raw) != 0) {
            throw new IOException("cannot put the " + this + " in raw mode: " + Posix.strerror(Posix.errno()));
        }
        savedModes = original;
        return new TerminalModes(original.getInt(0) & 0xffff_ffffL, original.getInt(4) & 0xffff_ffffL,
                original.getInt(8) & 0xffff_ffffL, original.getInt(12) & 0xffff_ffffL,
                original.getInt(Posix.TERMIOS_ISPEED_OFFSET) & 0xffff_ffffL,
                original.getInt(Posix.TERMIOS_OSPEED_OFFSET) & 0xffff_ffffL,
                original.getByteArray(Posix.TERMIOS_CC_OFFSET, Posix.TERMIOS_NCCS));
    }

    /**
     * Puts back the settings {@link #makeRaw} found; does nothing when there are none to put
     * back (never made raw, or already restored). A terminal gone meanwhile is no error.
     */
    public synchronized void restoreModes() {
        if (savedModes == null) {
            return;
        }
        if (Posix.LibC.INSTANCE.tcsetattr(fd, Posix.TCSANOW, savedModes) != 0) {
            log.debug("cannot restore the settings of the {}: {}", this, Posix.strerror(Posix.errno()));
        }
        savedModes = null;
    }

    /**
     * Writes what the terminal takes now.
     *
     * @return bytes written, 0 when the terminal's buffer is full
     * @throws IOException when the terminal is gone (hung up) or the write fails
     */
    public int write(byte[] data, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        byte[] chunk = off == 0 ? data : Arrays.copyOfRange(data, off, off + len);
        return Posix.writeNow(fd, chunk, len, "the terminal of process " + clientPid);
    }

    /**
     * Reads what was typed, into {@code into}. Poller thread only.
     *
     * @return bytes read; 0 when there is nothing now; -1 when the terminal has hung up
     */
    int read(byte[] into) {
        while (true) {
            long n = Posix.read(fd, readBuffer, Math.min(into.length, readBuffer.size()));
            if (n > 0) {
                readBuffer.read(0, into, 0, (int) n);
                return (int) n;
            }
            if (n == 0) {
                return -1;
            }
            int errno = Posix.errno();
            if (errno == Posix.EAGAIN) {
                return 0;
            }
            if (errno != Posix.EINTR) {
                return -1; // EIO: the terminal's other side is gone
            }
        }
    }

    void close() {
        Posix.LibC.INSTANCE.close(fd);
    }

    /** Closes a terminal that was never given to a poller to watch, its settings put back first. */
    public void discard() {
        restoreModes();
        close();
    }

    @Override
    public String toString() {
        return "terminal of process " + clientPid;
    }
}
