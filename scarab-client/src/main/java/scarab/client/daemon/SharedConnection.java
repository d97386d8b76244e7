package scarab.client.daemon;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * One connection for every command of a sequence ({@code scarab new -d x \; split-window -t x},
 * {@code scarab source FILE}), as tmux's client sends a whole command list over its one socket:
 * while a scope is open on this thread, {@link DaemonStarter#connect} hands every command the same
 * connection, opened by the first, and the commands' own {@code close} leaves it open. A command
 * that attaches takes the connection for its own ({@link DaemonConnection#takeBuffered}); one
 * whose deadline closed it leaves it closed: the next command then opens another. A thread of its
 * own per scope, so tests running several clients in one JVM do not share.
 */
public final class SharedConnection implements AutoCloseable {
    private static final ThreadLocal<SharedConnection> CURRENT = new ThreadLocal<>();

    private final Path socket;
    /** This scope opened the sharing (a nested one, {@code source} inside a sequence, only reuses it). */
    private final boolean owner;
    private DaemonConnection connection;

    private SharedConnection(Path socket, boolean owner) {
        this.socket = socket;
        this.owner = owner;
    }

    /** Opens a scope for the daemon on {@code socket}; close it when the sequence is done. */
    public static SharedConnection open(Path socket) {
        SharedConnection outer = CURRENT.get();
        if (outer != null) {
            return new SharedConnection(socket, false);
        }
        SharedConnection s = new SharedConnection(socket, true);
        CURRENT.set(s);
        return s;
    }

    /** The scope open on this thread for {@code socket}, or null. */
    static SharedConnection current(Path socket) {
        SharedConnection s = CURRENT.get();
        return s != null && s.socket.equals(socket) ? s : null;
    }

    DaemonConnection connection(Supplier<DaemonConnection> connect) {
        if (connection == null || !connection.sharedAndOpen()) {
            connection = connect.get();
            connection.share();
        }
        return connection;
    }

    @Override
    public void close() {
        if (!owner) {
            return;
        }
        CURRENT.remove();
        if (connection != null && connection.sharedAndOpen()) {
            connection.closeShared();
        }
    }
}
