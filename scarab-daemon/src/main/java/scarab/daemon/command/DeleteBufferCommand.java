package scarab.daemon.command;

import scarab.daemon.paste.PasteBuffers;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;

/** {@code delete-buffer [-b buffer-name]}: {@code -b}'s buffer, else the most recent. */
public final class DeleteBufferCommand implements TableCommand {
    private final PasteBuffers buffers;

    public DeleteBufferCommand(PasteBuffers buffers) {
        this.buffers = buffers;
    }

    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        buffers.delete(BufferChoice.existing(buffers, line));
    }
}
