package scarab.client.attach;

import java.io.IOException;
import java.io.InputStream;
import org.jline.terminal.Size;
import org.jline.terminal.impl.jni.JniTerminalProvider;
import org.jline.terminal.spi.Pty;
import org.jline.terminal.spi.SystemStream;
import scarab.client.ClientContext;
import scarab.client.daemon.DaemonConnection;
import scarab.client.daemon.DaemonStarter;

/**
 * For the class-data archive's training run only ({@code __train}): an attach from start to end
 * on a pty of its own (no terminal is at hand while an archive is recorded), so that JLine's
 * native access, the relay and the attach loop are in the archive too.
 */
public final class Rehearsal {
    private Rehearsal() {}

    /** Attaches to {@code target} through {@code starter}'s daemon until the session ends. */
    public static void run(ClientContext ctx, DaemonStarter starter, String target) throws IOException {
        JniTerminalProvider provider = new JniTerminalProvider();
        try {
            provider.current(SystemStream.Output); // the real attach's way in; only looks
        } catch (IOException | RuntimeException e) {
            // no terminal while recording (the usual case): the classes are loaded all the same
        }
        Pty pty = provider.open(null, new Size(80, 24));
        InputStream keyboard = pty.getSlaveInput();
        LocalTerminal.Opening terminal = LocalTerminal.start(pty, keyboard);
        try (DaemonConnection c = starter.connect(true)) {
            new Attacher(c, target, false, false, Attach.keys(ctx, null), null, ctx.err(), false).run(terminal);
        }
    }
}
