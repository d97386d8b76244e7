package scarab.daemon.command;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import scarab.daemon.UserError;
import scarab.protocol.command.Caller;

/** Where save-buffer and load-buffer read and write, and their errors in tmux's words ({@code PATH: strerror}). */
final class BufferFiles {
    private BufferFiles() {}

    /** A relative path from the caller's directory (tmux: the client's), else the daemon's. */
    static Path resolve(String path, Caller caller) {
        Path p = Path.of(path);
        if (!p.isAbsolute() && caller.cwd() != null) {
            p = Path.of(caller.cwd()).resolve(p);
        }
        return p.toAbsolutePath().normalize();
    }

    static UserError error(Path file, IOException e) {
        String why;
        if (e instanceof NoSuchFileException) {
            why = "No such file or directory";
        } else if (e instanceof AccessDeniedException) {
            why = "Permission denied";
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            why = f.getReason();
        } else {
            why = e.getMessage();
        }
        return new UserError("io", file + ": " + why);
    }
}
