package scarab.client.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The pid a daemon writes into its socket's lock file, for messages about a daemon that does not answer. */
final class DaemonPid {
    private DaemonPid() {}

    /** The pid in {@code SOCKET.lock}, or -1 when there is none to read. */
    static long fromLock(Path socket) {
        try {
            return Long.parseLong(Files.readString(socket.resolveSibling(socket.getFileName() + ".lock")).trim());
        } catch (IOException | NumberFormatException | SecurityException e) {
            return -1;
        }
    }
}
