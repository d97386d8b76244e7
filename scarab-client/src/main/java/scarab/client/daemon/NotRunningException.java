package scarab.client.daemon;

import java.io.IOException;
import java.nio.file.Path;

/** Nothing accepts connections on the socket: no daemon runs there (or a crashed one left its file). */
public final class NotRunningException extends IOException {
    public NotRunningException(Path socket, IOException cause) {
        super("no daemon is running on " + socket + " (" + cause.getMessage() + ")", cause);
    }
}
