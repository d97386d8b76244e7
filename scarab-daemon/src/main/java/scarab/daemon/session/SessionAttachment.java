package scarab.daemon.session;

import java.io.IOException;
import scarab.daemon.ipc.Attachment;
import scarab.daemon.ipc.Connection;
import scarab.protocol.Response;

/**
 * Binds one connection to its {@link ClientLink}, which shows one pane of one session; the
 * session is whichever the link shows now (switch-client moves it).
 */
final class SessionAttachment implements Attachment {
    private final SessionManager manager;
    private final ClientLink link;
    private final Connection connection;

    SessionAttachment(SessionManager manager, ClientLink link, Connection connection) {
        this.manager = manager;
        this.link = link;
        this.connection = connection;
    }

    /**
     * A relayed client's keys, read here as a direct client's are ({@link ClientKeys}): typed
     * bytes go to the program, waiting for it as send-keys does; the detach keys detach.
     */
    @Override
    public void input(byte[] data) throws IOException {
        try {
            link.keys().typed(data, data.length, new ClientKeys.Sink() {
                @Override
                public void forward(byte[] bytes) {
                    try {
                        link.pane().input(link, bytes);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }

                @Override
                public void detach() {
                    SessionAttachment.this.detach();
                }

                @Override
                public boolean mayWait() {
                    return true; // this client's own connection thread
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void resize(int cols, int rows) {
        link.pane().clientResized(link, cols, rows);
    }

    @Override
    public void detach() {
        detach("requested");
    }

    /** The client's own terminal hung up (its window closed): detach it, telling the client why. */
    void terminalLost() {
        detach("terminal-lost");
    }

    private void detach(String reason) {
        connection.setAttachment(null);
        synchronized (link.moves) {
            Session session = link.session();
            link.pane().detach(link, new Response.Detached(0, session.meta().name(), reason));
            manager.detached(session);
        }
    }

    @Override
    public void closed() {
        synchronized (link.moves) {
            link.pane().detach(link, null);
            manager.detached(link.session());
        }
    }
}
