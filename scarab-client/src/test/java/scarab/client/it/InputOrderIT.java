package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Everything typed into a session reaches its program in the order it was sent, whoever sent it:
 * the emulator's replies to terminal queries, send-keys, attached clients' keys.
 */
class InputOrderIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int QUERIES = 20000;
    /** Scarab's (and tmux's) answer to a primary device attributes query, ESC [ c. */
    private static final String REPLY = "\033[?1;2c";
    private Scarab scarab;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    /**
     * A program asks 20,000 queries without reading its input: the replies fill its terminal's
     * input and the rest wait in the daemon. A send-keys made then comes after every reply.
     */
    @Test
    void sendKeysComesAfterTheRepliesAlreadyWaiting() throws Exception {
        Path trigger = scarab.root.resolve("read-now");
        Path got = scarab.root.resolve("got");
        int expected = QUERIES * REPLY.length() + "MARK".length();
        String script = "stty raw -echo; yes \"$(printf '\\033[c')\" | head -n " + QUERIES + " | tr -d '\\n';"
                + " echo FILLED; while [ ! -e " + trigger + " ]; do sleep 0.05; done;"
                + " head -c " + expected + " > " + got + "; echo READ-DONE";
        scarab.ok("new", "-d", "-c", "sh -c '" + script.replace("'", "'\\''") + "'", "asker");
        Scarab.waitFor("the queries to be asked", WAIT, () -> scarab.ok("capture", "asker").contains("FILLED"));

        CompletableFuture<Scarab.Result> typed = CompletableFuture.supplyAsync(() -> scarab.run("send-keys", "asker", "MARK"));
        Scarab.waitFor("send-keys to wait for the program", WAIT,
                () -> typed.isDone() || Faults.connectionThreadsIn(scarab.daemonPid(), "SendKeysHandler.handle") == 1);
        Files.writeString(trigger, "");
        Scarab.waitFor("the program to read its input", WAIT, () -> scarab.ok("capture", "asker").contains("READ-DONE"));
        assertEquals(0, typed.join().status(), typed.join().err());
        String input = Files.readString(got);
        assertEquals(expected, input.length());
        assertEquals(expected - "MARK".length(), input.indexOf("MARK"), "what send-keys typed comes after every reply");
        assertEquals(REPLY.repeat(QUERIES) + "MARK", input, "the replies, whole and in order, then what send-keys typed");
    }
}
