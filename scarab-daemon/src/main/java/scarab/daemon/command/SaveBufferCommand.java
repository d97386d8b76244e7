package scarab.daemon.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import scarab.daemon.paste.PasteBuffer;
import scarab.daemon.paste.PasteBuffers;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;

/**
 * {@code save-buffer [-a] [-b buffer-name] path}: the buffer's bytes into a file (relative to the
 * caller's directory; {@code -a} appends), or to standard output for {@code -}. Errors are tmux's:
 * {@code PATH: No such file or directory}.
 */
public final class SaveBufferCommand implements TableCommand {
    private final PasteBuffers buffers;

    public SaveBufferCommand(PasteBuffers buffers) {
        this.buffers = buffers;
    }

    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        PasteBuffer b = BufferChoice.named(buffers, line, "no buffers");
        String path = line.arg(0);
        if (path.equals("-")) {
            out.print(new String(b.data(), StandardCharsets.UTF_8));
            return;
        }
        Path file = BufferFiles.resolve(path, caller);
        try {
            Files.write(file, b.data(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    line.has('a') ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw BufferFiles.error(file, e);
        }
    }
}
