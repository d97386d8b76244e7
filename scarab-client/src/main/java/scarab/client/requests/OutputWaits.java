package scarab.client.requests;

import java.io.IOException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import scarab.client.ClientContext;
import scarab.client.ClientError;
import scarab.client.daemon.DaemonConnection;
import scarab.protocol.Request;
import scarab.protocol.Response;

/**
 * The expect-like waits on a pane's output, {@code wait-for-output} and {@code wait --idle}: one
 * request each, answered by the daemon when the output says so (it watches the pane's output
 * path, no polling). A timeout is the daemon's error {@code timeout}, status 1; a mistake in the
 * arguments is status 2, found before connecting.
 */
public final class OutputWaits {
    private OutputWaits() {}

    /** Prints the first matching line; status 0, or 1 on timeout. */
    public static int waitForOutput(ClientContext ctx, SessionRequests.Connector daemon, String pane, String regex,
                                    String timeout) throws IOException {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("bad regex: " + e.getDescription() + " near index " + e.getIndex()
                    + " in /" + regex + "/");
        }
        long timeoutMillis = timeout == null ? 0 : millis("--timeout", timeout);
        try (DaemonConnection c = daemon.connect()) {
            Response r = c.call(new Request.WaitForOutput(c.nextId(), pane, regex, timeoutMillis));
            if (!(r instanceof Response.OutputMatched matched)) {
                throw new ClientError("unexpected answer from the daemon: " + r);
            }
            ctx.out().println(matched.line());
            ctx.out().flush();
        }
        return 0;
    }

    /** Returns when the pane has been quiet for {@code idle} seconds; 1 on timeout. */
    public static int waitIdle(SessionRequests.Connector daemon, String pane, String idle, String timeout)
            throws IOException {
        long idleMillis = millis("--idle", idle);
        if (idleMillis == 0) {
            throw new IllegalArgumentException("--idle needs a time above 0 seconds");
        }
        long timeoutMillis = timeout == null ? 0 : millis("--timeout", timeout);
        try (DaemonConnection c = daemon.connect()) {
            Response r = c.call(new Request.WaitIdle(c.nextId(), pane, idleMillis, timeoutMillis));
            if (!(r instanceof Response.Done)) {
                throw new ClientError("unexpected answer from the daemon: " + r);
            }
        }
        return 0;
    }

    /** Seconds, decimals allowed ("2", "0.5"), as milliseconds. */
    static long millis(String option, String seconds) {
        try {
            double s = Double.parseDouble(seconds.strip());
            if (s >= 0 && s < 1e9 && !seconds.strip().startsWith("+")) {
                return Math.round(s * 1000);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(option + " wants seconds (like 5 or 0.5), not \"" + seconds + "\"");
    }
}
