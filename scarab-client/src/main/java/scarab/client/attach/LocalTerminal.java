package scarab.client.attach;

import java.io.IOException;
import java.io.InputStream;
import org.jline.terminal.Attributes;
import org.jline.terminal.Attributes.ControlChar;
import org.jline.terminal.Attributes.ControlFlag;
import org.jline.terminal.Attributes.InputFlag;
import org.jline.terminal.Attributes.LocalFlag;
import org.jline.terminal.Attributes.OutputFlag;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The user's terminal, behind the few operations attach needs (JLine does the native work).
 * Raw mode here is the full {@code cfmakeraw}: no echo, no line editing, no signals from
 * Ctrl-C/Ctrl-Z/Ctrl-\ (they are keys for the session), no output processing (the session's own
 * pty already did it). {@link #close} puts back exactly the attributes it found.
 */
final class LocalTerminal implements AutoCloseable {
    private final Terminal terminal;
    private final Attributes saved;
    private boolean restored;

    private LocalTerminal(Terminal terminal, Attributes saved) {
        this.terminal = terminal;
        this.saved = saved;
    }

    static LocalTerminal open() throws IOException {
        Terminal t = TerminalBuilder.builder()
                .system(true)
                .jni(true)
                .exec(false)
                .nativeSignals(true)
                .signalHandler(Terminal.SignalHandler.SIG_IGN)
                .build();
        Attributes saved = t.getAttributes();
        Attributes raw = new Attributes(saved);
        raw.setInputFlags(java.util.EnumSet.of(InputFlag.IGNBRK, InputFlag.BRKINT, InputFlag.PARMRK, InputFlag.ISTRIP,
                InputFlag.INLCR, InputFlag.IGNCR, InputFlag.ICRNL, InputFlag.IXON), false);
        raw.setOutputFlag(OutputFlag.OPOST, false);
        raw.setLocalFlags(java.util.EnumSet.of(LocalFlag.ECHO, LocalFlag.ECHONL, LocalFlag.ICANON, LocalFlag.ISIG,
                LocalFlag.IEXTEN), false);
        raw.setControlFlags(java.util.EnumSet.of(ControlFlag.PARENB), false);
        raw.setControlFlag(ControlFlag.CS8, true);
        raw.setControlChar(ControlChar.VMIN, 1);
        raw.setControlChar(ControlChar.VTIME, 0);
        t.setAttributes(raw);
        return new LocalTerminal(t, saved);
    }

    int cols() {
        Size s = terminal.getSize();
        return s.getColumns() > 0 ? s.getColumns() : 80;
    }

    int rows() {
        Size s = terminal.getSize();
        return s.getRows() > 0 ? s.getRows() : 24;
    }

    InputStream input() {
        return terminal.input();
    }

    /** Runs {@code action} on SIGWINCH (from JLine's signal thread: keep it short). */
    void onResize(Runnable action) {
        terminal.handle(Terminal.Signal.WINCH, s -> action.run());
    }

    /** Restores the saved attributes; idempotent, safe from a shutdown hook. */
    synchronized void restore() {
        if (restored) {
            return;
        }
        restored = true;
        try {
            terminal.setAttributes(saved);
        } catch (RuntimeException e) {
            // The terminal may already be gone (SIGHUP); nothing to restore then.
        }
    }

    @Override
    public void close() {
        restore();
        try {
            terminal.close();
        } catch (IOException e) {
            // closing the system terminal only releases JLine's hold on it
        }
    }
}
