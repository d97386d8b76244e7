package scarab.client.attach;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.EnumSet;
import org.jline.nativ.CLibrary;
import org.jline.terminal.Attributes;
import org.jline.terminal.Attributes.ControlChar;
import org.jline.terminal.Attributes.ControlFlag;
import org.jline.terminal.Attributes.InputFlag;
import org.jline.terminal.Attributes.LocalFlag;
import org.jline.terminal.Attributes.OutputFlag;
import org.jline.terminal.Size;
import org.jline.terminal.impl.jni.JniTerminalProvider;
import org.jline.terminal.spi.Pty;
import org.jline.terminal.spi.SystemStream;
import scarab.protocol.TerminalModes;
import sun.misc.Signal;

/**
 * The user's terminal, behind the few operations attach needs. JLine's JNI provider does the
 * native work (termios and the window size through ioctl, no stty processes), used directly
 * rather than through {@code TerminalBuilder}: a full JLine {@code Terminal} detects charsets,
 * starts java.util.logging, scans for providers and parses terminfo capabilities, none of which
 * attach uses, and which cost more than the rest of attach's start-up together.
 *
 * <p>Raw mode here is the full {@code cfmakeraw}: no echo, no line editing, no signals from
 * Ctrl-C/Ctrl-Z/Ctrl-\ (they are keys for the session), no output processing (the session's own
 * pty already did it). {@link #close} puts back exactly the attributes it found. Like JLine's
 * system terminal with {@code SIG_IGN} handlers, SIGINT and SIGTSTP sent by {@code kill} are
 * ignored while attached.
 *
 * <p>When the daemon serves the terminal itself it has put the terminal in raw mode already, maybe
 * before JLine read the settings here; then what is put back is what the daemon found
 * ({@link #restoreTo}), which the daemon puts back itself too when the attach ends normally.
 */
final class LocalTerminal implements AutoCloseable {
    private final Pty pty;
    private final Attributes saved;
    private final InputStream keyboard;
    private boolean restored;
    /** The settings to put back instead of {@link #saved}; guarded by this. */
    private TerminalModes restoreTo;
    /** Put back an ordinary cooked terminal instead of {@link #saved} (which may be the daemon's raw mode). */
    private boolean cookOnRestore;

    private LocalTerminal(Pty pty, Attributes saved, InputStream keyboard) {
        this.pty = pty;
        this.saved = saved;
        this.keyboard = keyboard;
    }

    /**
     * Starts loading JLine's native library and reading the terminal on another thread, so that
     * it overlaps with connecting to the daemon; {@link Opening#open} switches to raw mode.
     */
    static Opening start() {
        return start(null, new FileInputStream(FileDescriptor.in));
    }

    /**
     * This process's terminal, to be looked at only when {@link Opening#open} is called: for an
     * attach the daemon serves directly, where the screen does not wait for this terminal, and
     * JLine's loading would only compete for the cores with the start-up the screen does wait for.
     */
    static Opening later() {
        return new Opening(null, new FileInputStream(FileDescriptor.in));
    }

    /** As {@link #start()}, on another pty than this process's terminal (for {@link Rehearsal}). */
    static Opening start(Pty other, InputStream keyboard) {
        Opening opening = new Opening(other, keyboard);
        opening.start();
        return opening;
    }

    /** The terminal being looked at on its own thread. */
    static final class Opening extends Thread {
        private final InputStream keyboard;
        private final boolean own;
        private Pty pty;
        private Attributes saved;
        private Throwable failure;

        /** Whether this is the process's own terminal (not a pty given for a rehearsal). */
        boolean own() {
            return own;
        }

        Opening(Pty pty, InputStream keyboard) {
            super("scarab-terminal");
            setDaemon(true);
            this.pty = pty;
            this.own = pty == null;
            this.keyboard = keyboard;
        }

        @Override
        public void run() {
            try {
                if (pty == null) {
                    pty = new JniTerminalProvider().current(SystemStream.Output);
                }
                saved = pty.getAttr();
                pty.getSize();
            } catch (Throwable t) {
                failure = t;
            }
        }

        /** Waits for the terminal, puts it in raw mode and returns it. */
        LocalTerminal open() throws IOException {
            synchronized (this) {
                if (getState() == State.NEW) {
                    start();
                }
            }
            try {
                join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while opening the terminal", e);
            }
            if (failure instanceof IOException e) {
                throw e;
            }
            if (failure != null) {
                throw new IOException("cannot use the terminal: " + failure, failure);
            }
            pty.setAttr(raw(saved));
            ignore("INT");
            ignore("TSTP");
            return new LocalTerminal(pty, saved, keyboard);
        }
    }

    private static Attributes raw(Attributes saved) {
        Attributes raw = new Attributes(saved);
        raw.setInputFlags(EnumSet.of(InputFlag.IGNBRK, InputFlag.BRKINT, InputFlag.PARMRK, InputFlag.ISTRIP,
                InputFlag.INLCR, InputFlag.IGNCR, InputFlag.ICRNL, InputFlag.IXON), false);
        raw.setOutputFlag(OutputFlag.OPOST, false);
        raw.setLocalFlags(EnumSet.of(LocalFlag.ECHO, LocalFlag.ECHONL, LocalFlag.ICANON, LocalFlag.ISIG,
                LocalFlag.IEXTEN), false);
        raw.setControlFlags(EnumSet.of(ControlFlag.PARENB), false);
        raw.setControlFlag(ControlFlag.CS8, true);
        raw.setControlChar(ControlChar.VMIN, 1);
        raw.setControlChar(ControlChar.VTIME, 0);
        return raw;
    }

    private static void ignore(String signal) {
        try {
            Signal.handle(new Signal(signal), s -> { });
        } catch (IllegalArgumentException e) {
            // not a signal here, or one the JVM keeps for itself
        }
    }

    int cols() {
        Size s = size();
        return s.getColumns() > 0 ? s.getColumns() : 80;
    }

    int rows() {
        Size s = size();
        return s.getRows() > 0 ? s.getRows() : 24;
    }

    private Size size() {
        try {
            return pty.getSize();
        } catch (IOException e) {
            return new Size(0, 0);
        }
    }

    /**
     * This process's pid, from {@code /proc/self}: {@code ProcessHandle.current()} would start
     * the JDK's process reaper machinery (a thread pool and its lambdas, 8 ms of an attach's
     * start-up) to tell it.
     */
    static long pid() throws IOException {
        return Long.parseLong(java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self")).toString());
    }

    /**
     * Whether standard input and output are one terminal, which the daemon can reopen as
     * {@code /proc/PID/fd/0} to serve it itself.
     */
    static boolean stdinAndStdoutAreOneTerminal() {
        try {
            java.nio.file.Path in = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/0"));
            java.nio.file.Path out = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/1"));
            return in.equals(out) && in.startsWith("/dev/");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /**
     * The keyboard: standard input itself, unbuffered. With VMIN=1 a read returns as soon as a key
     * arrives, with everything typed (or pasted) so far.
     */
    InputStream input() {
        return keyboard;
    }

    /** Runs {@code action} on SIGWINCH (on the JVM's signal thread: keep it short). */
    void onResize(Runnable action) {
        Signal.handle(new Signal("WINCH"), s -> action.run());
    }

    /**
     * Puts {@code modes} back on close instead of the settings read here: those the daemon found
     * before it made the terminal raw.
     */
    synchronized void restoreTo(TerminalModes modes) {
        restoreTo = modes;
    }

    /**
     * Puts back an ordinary cooked terminal on close: for a daemon that made the terminal raw
     * without a usable account of how it found it.
     */
    synchronized void restoreCooked() {
        cookOnRestore = true;
    }

    /**
     * Makes this process's terminal cooked again if it looks raw (no line editing and no echo):
     * for an attach that failed after the daemon may have put the terminal in raw mode but before
     * it said how it found it (the daemon was lost). A terminal that does not look raw is left be.
     */
    static void cookIfRaw() {
        try {
            Pty pty = new JniTerminalProvider().current(SystemStream.Output);
            Attributes a = pty.getAttr();
            if (!a.getLocalFlag(LocalFlag.ICANON) && !a.getLocalFlag(LocalFlag.ECHO)) {
                pty.setAttr(cooked(a));
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            // nothing more can be done from here
        }
    }

    /** {@code a} with what {@code stty sane} turns on for line editing, echo, signals and newlines. */
    private static Attributes cooked(Attributes a) {
        Attributes c = new Attributes(a);
        c.setLocalFlags(EnumSet.of(LocalFlag.ICANON, LocalFlag.ISIG, LocalFlag.IEXTEN, LocalFlag.ECHO,
                LocalFlag.ECHOE, LocalFlag.ECHOK, LocalFlag.ECHOCTL, LocalFlag.ECHOKE), true);
        c.setInputFlags(EnumSet.of(InputFlag.BRKINT, InputFlag.ICRNL), true);
        c.setOutputFlags(EnumSet.of(OutputFlag.OPOST, OutputFlag.ONLCR), true);
        return c;
    }

    /** Restores the saved attributes; idempotent, safe from a shutdown hook. */
    synchronized void restore() {
        if (restored) {
            return;
        }
        restored = true;
        try {
            if (restoreTo != null) {
                // Standard input: served directly, it is the same terminal as standard output.
                if (CLibrary.tcsetattr(0, CLibrary.TCSANOW, termios(restoreTo)) != 0) {
                    throw new IOException("tcsetattr failed");
                }
            } else if (cookOnRestore) {
                pty.setAttr(cooked(pty.getAttr()));
            } else {
                pty.setAttr(saved);
            }
        } catch (IOException | RuntimeException e) {
            // The terminal may already be gone (SIGHUP); nothing to restore then.
        }
    }

    private static CLibrary.Termios termios(TerminalModes m) {
        CLibrary.Termios t = new CLibrary.Termios();
        t.c_iflag = m.iflag();
        t.c_oflag = m.oflag();
        t.c_cflag = m.cflag();
        t.c_lflag = m.lflag();
        t.c_ispeed = m.ispeed();
        t.c_ospeed = m.ospeed();
        t.c_cc = Arrays.copyOf(m.cc(), Math.max(32, m.cc().length));
        return t;
    }

    @Override
    public void close() {
        restore();
    }
}
