package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.client.daemon.DaemonConnection;
import scarab.protocol.Request;
import scarab.protocol.Response;

/**
 * {@code wait-for-output} and {@code wait --idle} against a real daemon: a pane printing a build
 * log, a line already on the screen, a line that scrolls past within one burst, timeouts, a bad
 * pattern, and silence.
 */
class OutputWaitIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** A build log: a start line, 400 lines of work, the result, 400 more lines (the result scrolls off). */
    private static final String BUILD = "sh -c 'read go; echo \"[INFO] Scanning for projects...\"; i=0;"
            + " while [ $i -lt 400 ]; do echo \"[INFO] Compiling module-$i\"; i=$((i+1)); done;"
            + " echo \"[INFO] BUILD SUCCESS (total 12.3 s)\"; i=0;"
            + " while [ $i -lt 400 ]; do echo \"[INFO] cleanup $i\"; i=$((i+1)); done; echo FINISHED; exec sleep 1000'";
    private Scarab scarab;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    private CompletableFuture<Scarab.Result> background(String... args) {
        return CompletableFuture.supplyAsync(() -> scarab.run(args));
    }

    /**
     * The CLI while the build runs. Whether the wait is in place before the last line is printed
     * or only after, the line is found (as new output, or on the screen), and only that line.
     */
    @Test
    void theLastLineOfABuildLogIsFound() throws Exception {
        scarab.ok("new", "-d", "-c", BUILD, "build");
        CompletableFuture<Scarab.Result> waiting = background("wait-for-output", "-t", "build", "--timeout", "120",
                "^FINISH");
        scarab.ok("send-keys", "build", "Enter");
        Scarab.Result r = waiting.get(120, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(new Scarab.Result(0, "FINISHED\n", ""), r);
    }

    /**
     * The result line scrolls off the screen within the burst that prints it (400 lines follow it):
     * the wait sees it all the same. The wait is known to be in place before the build starts: the
     * daemon answers a connection's requests in order, and the wait's handler has registered its
     * watcher when the next request on the same connection is answered.
     */
    @Test
    void aLineThatScrollsPastInOneBurstIsSeen() throws Exception {
        scarab.ok("new", "-d", "-c", BUILD, "build");
        try (DaemonConnection c = DaemonConnection.open(scarab.socket())) {
            long id = c.nextId();
            c.send(new Request.WaitForOutput(id, "build", "BUILD (SUCCESS|FAILURE)", 0));
            assertInstanceOf(Response.Listing.class, c.call(new Request.ListSessions(c.nextId())));
            scarab.ok("send-keys", "build", "Enter");
            Response r = c.next(id);
            assertEquals(new Response.OutputMatched(id, "[INFO] BUILD SUCCESS (total 12.3 s)"), r);
        }
        Scarab.waitFor("the build to finish", WAIT, () -> scarab.ok("capture", "build").contains("FINISHED"));
        assertTrue(!scarab.ok("capture", "build").contains("BUILD SUCCESS"), "the line is no longer on the screen");
    }

    @Test
    void aLineOnTheScreenAlreadyMatchesAtOnce() {
        scarab.ok("new", "-d", "-c", BUILD, "build");
        scarab.ok("send-keys", "build", "Enter");
        Scarab.waitFor("the build to finish", WAIT, () -> scarab.ok("capture", "build").contains("FINISHED"));
        Scarab.Result r = scarab.run("wait-for-output", "-t", "build:0.0", "--timeout", "60", "cleanup 39[0-9]$");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().matches("\\[INFO] cleanup 39[0-9]\n"), r.out());
    }

    @Test
    void aTimeoutIsStatusOneWithAMessage() {
        scarab.ok("new", "-d", "-c", "sh -c 'echo nothing to see; exec sleep 1000'", "quiet");
        Scarab.Result r = scarab.run("wait-for-output", "-t", "quiet", "--timeout", "0.5", "BUILD SUCCESS");
        assertEquals(1, r.status());
        assertEquals("", r.out());
        assertTrue(r.err().matches("scarab: no line of pane %\\d+ matched /BUILD SUCCESS/ within 0.5 s\n"), r.err());
    }

    @Test
    void aPaneThatEndsWithoutTheLineIsStatusOne() {
        scarab.ok("new", "-d", "-c", "sh -c 'read go; echo bye'", "short");
        CompletableFuture<Scarab.Result> waiting = background("wait-for-output", "-t", "short", "never printed");
        scarab.ok("send-keys", "short", "Enter");
        Scarab.Result r = waiting.join();
        assertEquals(1, r.status());
        assertTrue(r.err().matches("scarab: pane %\\d+ ended without a line matching /never printed/\n"), r.err());
    }

    @Test
    void aBadPatternIsAUsageMistake() {
        Scarab.Result r = scarab.run("wait-for-output", "-t", "x", "(unclosed");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("scarab: bad regex: Unclosed group"), r.err());
    }

    @Test
    void idleReturnsOnceThePaneHasBeenQuiet() {
        // Prints a line every 50 ms for about 3 s, then stops: a 1.5 s silence can only come after DONE.
        scarab.ok("new", "-d", "-c", "sh -c 'i=0; while [ $i -lt 60 ]; do echo tick $i; sleep 0.05; i=$((i+1)); done;"
                + " echo DONE; exec sleep 1000'", "ticker");
        Scarab.Result r = scarab.run("wait", "--idle", "1.5", "-t", "ticker");
        assertEquals(new Scarab.Result(0, "", ""), r);
        assertTrue(scarab.ok("capture", "ticker").contains("DONE"), "silence came only after the output ended");
    }

    @Test
    void idleTimesOutOnAPaneThatNeverStops() {
        scarab.ok("new", "-d", "-c", "sh -c 'while :; do echo busy; sleep 0.05; done'", "busy");
        Scarab.Result r = scarab.run("wait", "--idle", "30", "--timeout", "1", "-t", "busy");
        assertEquals(1, r.status());
        assertTrue(r.err().matches("scarab: pane %\\d+ was not quiet for 30 s within 1 s\n"), r.err());
    }
}
