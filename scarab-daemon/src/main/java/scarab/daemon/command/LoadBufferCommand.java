package scarab.daemon.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import scarab.daemon.paste.PasteBuffers;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;

/**
 * {@code load-buffer [-b buffer-name] path}: a file's bytes (relative to the caller's directory),
 * or the client's standard input for {@code -}, into {@code -b}'s buffer or a new automatic one.
 * An empty file changes nothing, and so does a directory (tmux 3.3a reads one as empty).
 */
public final class LoadBufferCommand implements TableCommand {
    private final PasteBuffers buffers;

    public LoadBufferCommand(PasteBuffers buffers) {
        this.buffers = buffers;
    }

    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        run(line, caller, null, out);
    }

    @Override
    public void run(CommandLine line, Caller caller, byte[] stdin, Output out) {
        String path = line.arg(0);
        byte[] data;
        if (path.equals("-")) {
            data = stdin == null ? new byte[0] : stdin;
        } else {
            Path file = BufferFiles.resolve(path, caller);
            try {
                data = Files.isDirectory(file) ? new byte[0] : Files.readAllBytes(file);
            } catch (IOException e) {
                throw BufferFiles.error(file, e);
            }
        }
        buffers.set(line.value('b'), data);
    }
}
