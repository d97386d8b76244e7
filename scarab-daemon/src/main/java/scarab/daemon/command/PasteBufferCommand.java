package scarab.daemon.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import scarab.daemon.UserError;
import scarab.daemon.paste.PasteBuffer;
import scarab.daemon.paste.PasteBuffers;
import scarab.daemon.session.Pane;
import scarab.daemon.session.Session;
import scarab.daemon.session.SessionManager;
import scarab.daemon.target.Target;
import scarab.daemon.target.TargetResolver;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;
import scarab.protocol.command.TargetKind;

/**
 * {@code paste-buffer [-dpr] [-s separator] [-b buffer-name] [-t target-pane]}: types a buffer
 * into a pane as tmux 3.3a does: each newline becomes the separator (a carriage return, or with
 * {@code -r} a newline, or {@code -s}'s), inside {@code ESC [200~} ... {@code ESC [201~} when
 * {@code -p} is given and the pane's program turned bracketed paste (mode 2004) on; {@code -d}
 * deletes the buffer afterwards. No buffers: nothing, and no error. A pane whose program has
 * ended takes nothing, as tmux's discards input to it.
 */
public final class PasteBufferCommand implements TableCommand {
    private static final byte[] START = "\033[200~".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\033[201~".getBytes(StandardCharsets.US_ASCII);

    private final TargetResolver resolver;
    private final SessionManager sessions;
    private final PasteBuffers buffers;

    public PasteBufferCommand(TargetResolver resolver, SessionManager sessions, PasteBuffers buffers) {
        this.resolver = resolver;
        this.sessions = sessions;
        this.buffers = buffers;
    }

    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        Target t = resolver.resolve(line.value('t'), TargetKind.PANE, caller);
        PasteBuffer b = BufferChoice.named(buffers, line, null);
        if (b == null) {
            return;
        }
        Session s = ModelTargets.session(t);
        Pane pane = ModelTargets.pane(t);
        if (!s.meta().exited()) {
            sessions.ensureRunning(s);
        }
        if ("running".equals(pane.status())) {
            String sep = line.value('s') != null ? line.value('s') : line.has('r') ? "\n" : "\r";
            boolean bracket = line.has('p') && pane.readScreen(screen -> screen.bracketedPaste());
            byte[] bytes = typed(b.data(), sep.getBytes(StandardCharsets.UTF_8), bracket);
            try {
                pane.write(bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new UserError("write-failed", "could not paste into " + pane.label() + ": " + e.getMessage());
            }
        }
        if (line.has('d')) {
            buffers.delete(b);
        }
    }

    /** What the program reads: the data with each newline replaced, bracketed or not. */
    static byte[] typed(byte[] data, byte[] separator, boolean bracket) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(data.length + 12);
        if (bracket) {
            o.writeBytes(START);
        }
        for (byte c : data) {
            if (c == '\n') {
                o.writeBytes(separator);
            } else {
                o.write(c);
            }
        }
        if (bracket) {
            o.writeBytes(END);
        }
        return o.toByteArray();
    }
}
