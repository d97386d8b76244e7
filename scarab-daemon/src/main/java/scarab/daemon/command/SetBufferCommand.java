package scarab.daemon.command;

import java.nio.charset.StandardCharsets;
import scarab.daemon.UserError;
import scarab.daemon.paste.PasteBuffer;
import scarab.daemon.paste.PasteBuffers;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;

/**
 * {@code set-buffer [-a] [-b buffer-name] [-n new-buffer-name] data}: as tmux 3.3a. With {@code -n}
 * it only renames ({@code -b}'s buffer, else the most recent) and ignores the data; else the data
 * replaces {@code -b}'s buffer (or, with {@code -a}, is appended to it) or, without {@code -b},
 * becomes a new automatic buffer ({@code -a} without {@code -b} appends to nothing). Empty data
 * changes nothing.
 */
public final class SetBufferCommand implements TableCommand {
    private final PasteBuffers buffers;

    public SetBufferCommand(PasteBuffers buffers) {
        this.buffers = buffers;
    }

    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        if (line.has('n')) {
            buffers.rename(BufferChoice.existing(buffers, line).name(), line.value('n'));
            return;
        }
        if (line.arg(0) == null) {
            throw new UserError("usage", "no data specified");
        }
        byte[] data = line.arg(0).getBytes(StandardCharsets.UTF_8);
        if (data.length == 0) {
            return;
        }
        String name = line.value('b');
        PasteBuffer old = name == null ? null : buffers.get(name);
        if (line.has('a') && old != null) {
            byte[] joined = new byte[old.size() + data.length];
            System.arraycopy(old.data(), 0, joined, 0, old.size());
            System.arraycopy(data, 0, joined, old.size(), data.length);
            data = joined;
        }
        buffers.set(name, data);
    }
}
