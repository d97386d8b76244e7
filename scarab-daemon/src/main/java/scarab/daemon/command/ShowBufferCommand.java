package scarab.daemon.command;

import java.nio.charset.StandardCharsets;
import scarab.daemon.paste.PasteBuffers;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;

/**
 * {@code show-buffer [-b buffer-name]}: the buffer's bytes on standard output, as tmux prints them
 * to a client outside any session (no newline added). The answer is text: bytes that are not UTF-8
 * arrive as U+FFFD.
 */
public final class ShowBufferCommand implements TableCommand {
    private final PasteBuffers buffers;

    public ShowBufferCommand(PasteBuffers buffers) {
        this.buffers = buffers;
    }

    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        out.print(new String(BufferChoice.named(buffers, line, "no buffers").data(), StandardCharsets.UTF_8));
    }
}
