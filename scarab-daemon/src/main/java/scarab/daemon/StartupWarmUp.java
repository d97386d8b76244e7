package scarab.daemon;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scarab.protocol.Json;
import scarab.protocol.Protocol;
import scarab.protocol.Request;
import scarab.protocol.Response;

/**
 * What the daemon would otherwise first do in the way of its first request, done on a second
 * thread (the second core) while the main one opens the store: JNA's binding of libc for the PTY
 * layer, and Jackson's set-up and its (de)serialisers for the messages of an {@code ls} or an
 * {@code attach} (some 600 classes: the first request after a start took a second of its own on
 * a busy machine). Class initialisation is thread-safe: whoever needs a class first waits for
 * the other to finish it.
 */
final class StartupWarmUp extends Thread {
    private static final Logger log = LoggerFactory.getLogger(StartupWarmUp.class);

    private StartupWarmUp() {
        super("scarab-warm-up");
        setDaemon(true);
    }

    static void begin() {
        new StartupWarmUp().start();
    }

    @Override
    public void run() {
        try {
            // First, while the main thread waits for the store: the daemon's first use of JNA sets up
            // java.util.logging, whose look-up of a System.Logger finder opens every jar of the class path.
            Class.forName("scarab.daemon.pty.Posix", true, StartupWarmUp.class.getClassLoader());
            Json.readRequest(Json.write(new Request.Hello(1, Protocol.VERSION, "", List.of())));
            Json.readRequest(Json.write(new Request.ListSessions(2, null, null)));
            Json.write(new Response.Welcome(1, Protocol.VERSION, "", 1, List.of()));
            Json.write(new Response.Listing(2, List.of(), List.of(), null));
            Json.write(new Response.Done(3));
        } catch (Exception | LinkageError e) {
            // The real first use fails the same way, and says so where it matters.
            log.warn("start-up warm-up: {}", e.toString());
        }
    }
}
