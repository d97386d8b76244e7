package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.protocol.Frame;
import scarab.protocol.Json;
import scarab.protocol.Protocol;
import scarab.protocol.ProtocolMismatch;
import scarab.protocol.Request;
import scarab.protocol.Response;

/** A misbehaving client gets clear errors; the daemon and everyone else carry on. */
class ProtocolAbuseIT {
    private Scarab scarab;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        scarab.ok("new", "-d", "-c", "sleep 1000", "bystander");
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    private void daemonStillServes() {
        assertTrue(scarab.ok("ls").contains("bystander"));
    }

    @Test
    void malformedJsonAndUnknownTypesGetErrorsAndTheConnectionStaysUsable() throws Exception {
        try (RawConnection c = new RawConnection(scarab.socket())) {
            c.hello();
            c.json("{not json");
            Response.Error e1 = assertInstanceOf(Response.Error.class, c.next());
            assertEquals("malformed", e1.code());
            c.json("{\"type\":\"self-destruct\",\"id\":42}");
            Response.Error e2 = assertInstanceOf(Response.Error.class, c.next());
            assertEquals("unknown-type", e2.code());
            assertEquals(42, e2.id(), "the error echoes the request id when it can be read");
            assertTrue(e2.message().contains("self-destruct"));
            c.raw(new byte[] {0, 0, 0, 3, 'Z', 1, 2});
            assertEquals("unknown-kind", ((Response.Error) c.next()).code());
            c.raw(new byte[] {0, 0, 0, 2, 'I', 1});
            assertEquals("not-attached", ((Response.Error) c.next()).code());
            c.json(Json.write(new Request.ListSessions(7)));
            Response.Listing l = assertInstanceOf(Response.Listing.class, c.next());
            assertEquals(7, l.id());
            assertEquals("bystander", l.sessions().get(0).name());
        }
        daemonStillServes();
    }

    @Test
    void listingFormatsAreRenderedByTheDaemonAndUnknownOnesRefused() throws Exception {
        scarab.ok("new", "-d", "-c", "sleep 1000", "listed");
        try (RawConnection c = new RawConnection(scarab.socket())) {
            c.hello();
            c.json(Json.write(new Request.ListSessions(5, "pdf", null)));
            Response.Error e = assertInstanceOf(Response.Error.class, c.next());
            assertEquals("bad-format", e.code());
            c.json(Json.write(new Request.ListSessions(6, Request.ListSessions.NAMES, null)));
            Response.Listing names = assertInstanceOf(Response.Listing.class, c.next());
            assertEquals("bystander\nlisted\n", names.text(), "oldest first");
            assertTrue(names.sessions().isEmpty(), "rendered listings carry no records");
            // Relative times are the client's: three days from now, the session was created "3 days ago".
            long later = System.currentTimeMillis() + 3 * 86_400_000L + 60_000L;
            c.json(Json.write(new Request.ListSessions(7, Request.ListSessions.TABLE, later)));
            Response.Listing table = assertInstanceOf(Response.Listing.class, c.next());
            assertTrue(table.text().startsWith("ID ") && table.text().contains("listed")
                    && table.text().contains("3 days ago") && !table.text().contains("\033["), table.text());
        }
    }

    /**
     * A client may offer its terminal and leave the size to the daemon (0x0); when that "terminal"
     * cannot be served (here: a process whose stdin is no terminal), the client is relayed as
     * frames and the session keeps its size until the client says its own.
     */
    @Test
    void anOfferedTerminalThatIsNoneIsRelayedInstead() throws Exception {
        scarab.ok("new", "-d", "--size", "91x27", "-c", "sleep 1000", "offered");
        Process notATerminal = new ProcessBuilder("sleep", "1000").redirectInput(ProcessBuilder.Redirect.PIPE).start();
        try (RawConnection c = new RawConnection(scarab.socket())) {
            c.hello();
            c.json(Json.write(new Request.Attach(2, "offered", false, false, 0, 0, null, notATerminal.pid(), null)));
            Response.Attached a = assertInstanceOf(Response.Attached.class, c.next());
            assertFalse(a.direct(), "not served directly");
            assertEquals("91x27", a.session().cols() + "x" + a.session().rows());
            Frame redraw = c.reader.read();
            assertEquals(Frame.OUTPUT, redraw.kind(), "the redraw comes as an output frame");
            assertTrue(scarab.ok("ls").contains("91x27"), "the session kept its size");
            c.json(Json.write(new Request.Resize(3, 70, 20)));
            Scarab.waitFor("the client's size to apply", Duration.ofSeconds(10), () -> scarab.ok("ls").contains("70x20"));
            // 0x0 without a terminal offered is still a bad size.
            try (RawConnection d = new RawConnection(scarab.socket())) {
                d.hello();
                d.json(Json.write(new Request.Attach(2, "offered", false, false, 0, 0, null)));
                assertEquals("bad-size", assertInstanceOf(Response.Error.class, d.next()).code());
            }
        } finally {
            notATerminal.destroyForcibly();
        }
    }

    @Test
    void requestsBeforeHelloAreRefused() throws Exception {
        try (RawConnection c = new RawConnection(scarab.socket())) {
            c.json(Json.write(new Request.ListSessions(3)));
            Response.Error e = assertInstanceOf(Response.Error.class, c.next());
            assertEquals("no-hello", e.code());
            c.hello();
        }
    }

    @Test
    void oversizedFrameGetsAnErrorAndTheConnectionIsClosed() throws Exception {
        try (RawConnection c = new RawConnection(scarab.socket())) {
            c.hello();
            c.raw(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 'J'});
            Response.Error e = assertInstanceOf(Response.Error.class, c.next());
            assertEquals("frame-too-large", e.code());
            assertNull(c.next(), "the daemon closes the connection");
        }
        daemonStillServes();
    }

    @Test
    void garbageBytesGetAnErrorAndOthersAreUnaffected() throws Exception {
        try (RawConnection c = new RawConnection(scarab.socket())) {
            c.raw("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            Response.Error e = assertInstanceOf(Response.Error.class, c.next());
            assertEquals("frame-too-large", e.code());
        }
        try (RawConnection c = new RawConnection(scarab.socket())) {
            c.raw(new byte[] {0, 0, 0, 0});
            assertEquals("bad-frame", ((Response.Error) c.next()).code());
        }
        try (RawConnection c = new RawConnection(scarab.socket())) {
            c.raw(new byte[] {0, 0, 1, 0, 'J', '{'}); // then hang up mid-frame
        }
        daemonStillServes();
    }

    @Test
    void otherProtocolVersionIsToldPlainly() throws Exception {
        try (RawConnection c = new RawConnection(scarab.socket())) {
            c.json(Json.write(new Request.Hello(1, Protocol.VERSION + 1, "9.9.9", List.of())));
            Response.Error e = assertInstanceOf(Response.Error.class, c.next());
            assertEquals("version-mismatch", e.code());
            assertTrue(e.message().contains("newer than this client (Scarab 9.9.9, protocol " + (Protocol.VERSION + 1)
                    + ")") || e.message().contains("older than this client (Scarab 9.9.9"), e.message());
            assertTrue(e.message().endsWith(": scarab daemon upgrade"), e.message());
            assertNull(c.next());
        }
        daemonStillServes();
    }

    /** A client of another version that keeps to the core every version answers: status, upgrade, stop. */
    @Test
    void otherProtocolVersionKeepingToTheCoreIsServedTheCore() throws Exception {
        try (RawConnection c = new RawConnection(scarab.socket())) {
            c.json(Json.write(new Request.Hello(1, Protocol.VERSION + 1, "9.9.9",
                    List.of(ProtocolMismatch.CAPABILITY))));
            Response.Welcome w = assertInstanceOf(Response.Welcome.class, c.next());
            assertEquals(Protocol.VERSION, w.protocolVersion());
            c.json(Json.write(new Request.ListSessions(2)));
            Response.Error e = assertInstanceOf(Response.Error.class, c.next());
            assertEquals("version-mismatch", e.code());
            assertEquals(2, e.id());
            assertTrue(e.message().contains("older than this client (Scarab 9.9.9"), e.message());
            c.json(Json.write(new Request.DaemonStatus(3)));
            assertInstanceOf(Response.Status.class, c.next());
        }
        daemonStillServes();
    }
}
