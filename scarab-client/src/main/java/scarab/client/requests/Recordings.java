package scarab.client.requests;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import scarab.client.ClientContext;
import scarab.client.ClientError;
import scarab.client.daemon.DaemonConnection;
import scarab.protocol.Request;
import scarab.protocol.Response;

/** {@code record start} and {@code record stop}: the daemon records; the client names the pane and the file. */
public final class Recordings {
    private Recordings() {}

    public static int start(ClientContext ctx, SessionRequests.Connector daemon, String target, boolean input,
                            String format, String file) throws IOException {
        checkFormat(format);
        String pane = pane(ctx, target);
        boolean named = file != null;
        Path path = ctx.cwd().resolve(named ? file
                : "scarab-" + LocalDateTime.now(ctx.clock()).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".cast")
                .normalize();
        try (DaemonConnection c = daemon.connect()) {
            Response r = c.call(new Request.RecordStart(c.nextId(), pane,
                    new Request.Recording(path.toString(), input, format)));
            if (!(r instanceof Response.Done)) {
                throw new ClientError("unexpected answer from the daemon: " + r);
            }
        }
        if (!named) {
            ctx.out().println("recording to " + path);
            ctx.out().flush();
        }
        return 0;
    }

    public static int stop(ClientContext ctx, SessionRequests.Connector daemon, String target) throws IOException {
        String pane = pane(ctx, target);
        try (DaemonConnection c = daemon.connect()) {
            Response r = c.call(new Request.RecordStop(c.nextId(), pane));
            if (!(r instanceof Response.Done)) {
                throw new ClientError("unexpected answer from the daemon: " + r);
            }
        }
        return 0;
    }

    /** Checked before connecting, as the daemon checks it: a mistake starts no daemon. */
    public static void checkFormat(String format) {
        if (format != null && !format.matches("(?i)v?[23]")) {
            throw new IllegalArgumentException("--format wants v2 or v3, not \"" + format + "\"");
        }
    }

    private static String pane(ClientContext ctx, String target) {
        if (target != null) {
            return target;
        }
        String own = ctx.env().get("SCARAB_PANE");
        if (own == null || own.isEmpty()) {
            throw new IllegalArgumentException("which pane? give -t PANE (or run this inside a pane)");
        }
        return own;
    }
}
