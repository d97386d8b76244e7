package scarab.client.daemon;

import java.io.IOException;
import scarab.client.ClientContext;
import scarab.client.ClientError;
import scarab.protocol.Protocol;
import scarab.protocol.ProtocolMismatch;
import scarab.protocol.Request;
import scarab.protocol.Response;
import scarab.protocol.Version;

/**
 * {@code scarab daemon upgrade}: the daemon re-executes itself in place (same pid), its sessions'
 * processes kept running; this waits for the new program to answer and says what changed. The
 * daemon answers only a failure: on success the connection simply ends with the old program.
 */
public final class DaemonUpgrade {
    private static final long TIMEOUT_MILLIS = 60_000;

    private DaemonUpgrade() {}

    public static int run(ClientContext ctx, DaemonStarter starter) throws IOException {
        DaemonConnection c = starter.openRunning(ctx);
        if (c == null) {
            return 1;
        }
        Response.Status before;
        try (c) {
            before = (Response.Status) c.call(new Request.DaemonStatus(c.nextId()));
            try {
                c.call(new Request.DaemonUpgrade(c.nextId()));
            } catch (ClientError e) {
                if ("upgrade-failed".equals(e.code())) {
                    ctx.err().println("scarab: " + e.getMessage());
                    return 1;
                }
                // the connection ended with the old program: what an upgrade does
            } catch (IOException e) {
                // the same
            }
        }
        int[] protocol = new int[1];
        Response.Status after = awaitNewProgram(starter, before.startedAt(), protocol);
        if (after.pid() != before.pid()) {
            throw new ClientError("the daemon (pid " + before.pid() + ") is gone; another (pid " + after.pid()
                    + ") answers: the sessions were restored with their commands started again");
        }
        ctx.out().println("daemon upgraded in place (pid " + after.pid() + "): " + before.version() + " -> "
                + after.version());
        starter.recordArchiveIfStale();
        if (after.notices() != null) {
            after.notices().forEach(n -> ctx.out().println("problem:  " + n));
        }
        if (protocol[0] != Protocol.VERSION) {
            // The daemon ran the jars it was started from again, and they are not this client's:
            // this client was installed elsewhere, or the install is not finished.
            ctx.err().println("scarab: the upgraded daemon still speaks another protocol: " + ProtocolMismatch.message(
                    protocol[0], after.version(), Protocol.VERSION, Version.get()));
            return 1;
        }
        return 0;
    }

    /**
     * Waits until the daemon started after {@code startedBefore} answers (its protocol version into
     * {@code protocol[0]}): the same process runs the
     * new program (or a failed upgrade's old program goes on, which a client sees as no change).
     */
    static Response.Status awaitNewProgram(DaemonStarter starter, long startedBefore, int[] protocol) {
        long deadline = System.nanoTime() + TIMEOUT_MILLIS * 1_000_000;
        while (true) {
            try (DaemonConnection c = DaemonConnection.open(starter.socket(), 5000)) {
                Response.Status s = (Response.Status) c.call(new Request.DaemonStatus(c.nextId()));
                if (s.startedAt() != startedBefore) {
                    protocol[0] = c.daemonProtocol();
                    return s;
                }
            } catch (IOException | ClientError e) {
                // not answering yet: the new program is starting
            }
            if (System.nanoTime() > deadline) {
                throw new ClientError("the daemon did not come back within " + TIMEOUT_MILLIS / 1000 + " s of its upgrade");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClientError("interrupted while waiting for the upgraded daemon");
            }
        }
    }
}
