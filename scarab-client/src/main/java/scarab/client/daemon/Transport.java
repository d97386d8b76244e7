package scarab.client.daemon;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.ReadableByteChannel;

/**
 * What a connection to a daemon runs over: the daemon's Unix socket ({@link SocketTransport}), or
 * the pipes of a child process that relays to a daemon elsewhere ({@code ssh HOST scarab proxy},
 * {@code scarab.client.remote.SshTransport}). Both ends speak the same frames.
 */
public interface Transport extends AutoCloseable {
    /** The daemon's bytes. One reader at a time; a writer may write meanwhile. */
    InputStream in();

    /** The same bytes as {@link #in()}, as a channel, for the attach loop's large reads. */
    ReadableByteChannel inChannel();

    /** To the daemon; every write goes out at once. */
    OutputStream out();

    boolean isOpen();

    /** Ends the connection; a blocked read returns or fails. Idempotent. */
    @Override
    void close();

    /** Where the daemon is, for messages: a socket's path, or a host. */
    String where();
}
