package scarab.client.requests;

import java.io.IOException;
import java.util.List;
import scarab.client.ClientError;
import scarab.client.daemon.DaemonConnection;
import scarab.protocol.Request;
import scarab.protocol.Response;

/**
 * The commands that are one request and its answer, free of picocli: their picocli commands and
 * the fast path ({@code scarab.client.fast.FastPath}) both run them, so either way does the same.
 * Each returns the command's exit status; a refusal by the daemon is thrown as a {@link ClientError}.
 */
public final class SessionRequests {
    private SessionRequests() {}

    public static int sendKeys(DaemonConnection c, String target, List<String> keys, boolean literal) throws IOException {
        c.call(new Request.SendKeys(c.nextId(), target, keys, literal));
        return 0;
    }

    public static int kill(DaemonConnection c, List<String> targets, boolean force) throws IOException {
        c.call(new Request.Kill(c.nextId(), targets, force));
        return 0;
    }

    public static int rename(DaemonConnection c, String target, String newName) throws IOException {
        c.call(new Request.Rename(c.nextId(), target, newName));
        return 0;
    }

    public static int detach(DaemonConnection c, String target) throws IOException {
        c.call(new Request.Detach(c.nextId(), target));
        return 0;
    }

    /** Waits for the session's process to end; its exit status is the command's. */
    public static int waitFor(DaemonConnection c, String target) throws IOException {
        Response r = c.call(new Request.Wait(c.nextId(), target));
        if (r instanceof Response.Exited exited) {
            return exited.exitCode() & 0xff;
        }
        throw new ClientError("unexpected answer from the daemon: " + r);
    }
}
