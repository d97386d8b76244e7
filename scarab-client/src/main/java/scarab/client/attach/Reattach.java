package scarab.client.attach;

import java.io.IOException;
import java.nio.file.Path;
import scarab.client.ClientError;
import scarab.client.daemon.DaemonConnection;
import scarab.protocol.Request;
import scarab.protocol.Response;

/**
 * After the daemon's notice that it upgrades in place: finds the new program on the socket. The
 * pid stays the same, so the new program is told by its start time, after the notice. Should the
 * upgrade fail, the old program goes on answering: after a while it is taken as it is.
 */
final class Reattach {
    /** How long the new program may take to answer. */
    private static final long NEW_PROGRAM_MILLIS = 60_000;
    /** How long the old program answering means the upgrade failed and it goes on. */
    private static final long OLD_PROGRAM_MILLIS = 10_000;

    private Reattach() {}

    /** @return a connection to the daemon to attach to, or null when none answers in time */
    static DaemonConnection awaitNewDaemon(Path socket, long noticeAt) {
        long start = System.nanoTime();
        while (true) {
            long waited = (System.nanoTime() - start) / 1_000_000;
            DaemonConnection c = null;
            try {
                c = DaemonConnection.open(socket, 5000);
                Response.Status s = (Response.Status) c.call(new Request.DaemonStatus(c.nextId()));
                if (s.startedAt() >= noticeAt || waited > OLD_PROGRAM_MILLIS) {
                    c.close();
                    return DaemonConnection.open(socket);
                }
            } catch (IOException | ClientError e) {
                // not answering yet: the new program is starting
            } finally {
                if (c != null) {
                    c.close();
                }
            }
            if (waited > NEW_PROGRAM_MILLIS) {
                return null;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
