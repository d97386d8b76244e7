package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Answers longer than one frame (1 MiB) arrive whole: listings, kills and captures. */
class LargeResponsesIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private Scarab scarab;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    /** A command of about 600 KB: sleep, behind 600 arguments of 1000 characters that sh ignores. */
    private static String bigCommand() {
        StringBuilder c = new StringBuilder("sh -c 'exec sleep 1000' sh");
        for (int i = 0; i < 600; i++) {
            c.append(' ').append(String.valueOf((char) ('a' + i % 26)).repeat(1000));
        }
        return c.toString();
    }

    private void assertListed(int commandWords) throws Exception {
        Map<String, JsonNode> sessions = scarab.sessionsByName();
        assertEquals(2, sessions.size(), sessions.keySet().toString());
        for (String name : new String[] {"big0", "big1"}) {
            assertEquals(commandWords, sessions.get(name).get("command").size(), name);
        }
    }

    @Test
    void listingAndKillingSessionsWithHugeCommands() throws Exception {
        String command = bigCommand();
        scarab.ok("new", "-d", "-c", command, "big0");
        scarab.ok("new", "-d", "-c", command, "big1");
        assertListed(604);
        assertTrue(scarab.ok("ls").contains("big1"));
        // A client that takes no continued frames is told the answer is too large, not that nothing happened.
        try (RawConnection old = new RawConnection(scarab.socket())) {
            old.hello();
            old.send(new scarab.protocol.Request.ListSessions(2));
            scarab.protocol.Response.Error e = assertInstanceOf(scarab.protocol.Response.Error.class, old.next());
            assertEquals("answer-too-large", e.code());
            assertTrue(e.message().startsWith("done, but the answer"), e.message());
        }
        scarab.ok("daemon", "stop");
        assertListed(604); // and after a restart, which brings them back
        Scarab.Result kill = scarab.run("kill", "big0", "big1");
        assertEquals(0, kill.status(), kill.err());
        assertEquals("", scarab.ok("ls", "--names").strip());
    }

    @Test
    void capturingALineLongerThanAFrame() {
        scarab.ok("new", "-d", "--size", "200x50", "-c", "sh -c \"printf %1200000s | tr ' ' x; exec sleep 1000\"", "long");
        String full = "x".repeat(1_200_000);
        Scarab.waitFor("the whole line in a joined capture", WAIT, () -> {
            Scarab.Result r = scarab.run("capture", "-J", "-S", "-", "long");
            if (r.status() != 0) {
                throw new AssertionError("capture failed: " + r.err());
            }
            return r.out().strip().equals(full);
        });
    }
}
