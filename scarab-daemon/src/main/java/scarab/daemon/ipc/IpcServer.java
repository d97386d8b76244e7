package scarab.daemon.ipc;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on the Unix domain socket and hands each accepted client to the {@link HelloWaiter},
 * which gives it a {@link Connection} thread once it speaks, within the {@link ConnectionLimits}.
 * The socket file is 0600 and every peer's uid is checked with SO_PEERCRED.
 */
public final class IpcServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IpcServer.class);

    private final Path socket;
    private final Dispatcher dispatcher;
    private final DaemonInfo info;
    private final PeerCheck peerCheck;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final ConnectionLimits limits;
    /** Per client identity, kept across that client's connections (a reconnect after a dropped ssh). */
    private final InputSequences inputSequences = new InputSequences();
    private HelloWaiter waiter;
    private ServerSocketChannel server;
    private Thread acceptor;

    public IpcServer(Path socket, Dispatcher dispatcher, DaemonInfo info, UserPrincipal owner) {
        this(socket, dispatcher, info, owner, ConnectionLimits.forThisProcess());
    }

    public IpcServer(Path socket, Dispatcher dispatcher, DaemonInfo info, UserPrincipal owner, ConnectionLimits limits) {
        this.socket = socket;
        this.limits = limits;
        this.dispatcher = dispatcher;
        this.info = info;
        this.peerCheck = new PeerCheck(owner);
    }

    /** Binds the socket (replacing a stale file; the caller holds the daemon lock) and starts accepting. */
    public void start() throws IOException {
        waiter = new HelloWaiter(limits, connections);
        listen();
        log.info("listening on {} (at most {} connections)", socket, limits.maxConnections());
    }

    private void listen() throws IOException {
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        acceptor = new Thread(this::acceptLoop, "scarab-accept");
        acceptor.start();
    }

    /**
     * An in-place upgrade's last step before {@code execve}: no more connections. The JDK opens an
     * accepted socket without close-on-exec, so one accepted after the upgrade marked every
     * descriptor would cross the exec, and its client would wait for an answer nobody gives (a
     * re-attaching client polls the socket all through the upgrade, so it happened: seconds of
     * pause). Clients connecting from now on are refused, and try again until the new program
     * listens; those in the backlog are reset as the socket closes. Existing connections stay.
     */
    public void stopAccepting() {
        if (server != null) {
            closeQuietly(server);
        }
        if (acceptor != null) {
            try {
                acceptor.join(2000); // an accept under way has its connection admitted, or closed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** After a failed {@code execve}: listening again, on a socket bound anew. */
    public void resumeAccepting() throws IOException {
        listen();
        log.info("listening again on {}", socket);
    }

    private void acceptLoop() {
        long pause = 0;
        while (true) {
            SocketChannel channel;
            try {
                channel = server.accept();
                pause = 0;
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // Out of file descriptors (EMFILE), most likely: the client waits in the backlog until
                // one is free. Back off instead of spinning on the error and flooding the log.
                if (pause == 0) {
                    log.error("accept failed: {}; retrying with back-off", e.getMessage());
                }
                pause = Math.min(Math.max(10, pause * 2), 500);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException ie) {
                    return;
                }
                continue;
            }
            try {
                String refusal = peerCheck.refusal(channel);
                if (refusal != null) {
                    log.warn("refused a connection from {}", refusal);
                    closeQuietly(channel);
                    continue;
                }
                Connection[] holder = new Connection[1];
                Connection connection = new Connection(channel, dispatcher, info, () -> connections.remove(holder[0]),
                        inputSequences);
                holder[0] = connection;
                waiter.admit(connection);
            } catch (RuntimeException e) {
                // One client's trouble must not end the accept loop: the daemon would be deaf.
                log.error("setting up a connection failed", e);
                closeQuietly(channel);
            }
        }
    }

    public int connectionCount() {
        return connections.size();
    }

    @Override
    public void close() {
        if (server != null) {
            closeQuietly(server);
        }
        if (waiter != null) {
            waiter.close();
        }
        for (Connection c : connections) {
            c.close();
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            log.warn("could not remove {}: {}", socket, e.getMessage());
        }
        if (acceptor != null) {
            try {
                acceptor.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            log.debug("close: {}", e.getMessage());
        }
    }
}
