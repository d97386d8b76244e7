package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.protocol.ChannelStreams;
import scarab.protocol.Frame;
import scarab.protocol.FrameReader;
import scarab.protocol.FrameWriter;
import scarab.protocol.Json;
import scarab.protocol.Protocol;
import scarab.protocol.Request;
import scarab.protocol.Response;

/**
 * The protocol of a terminal served by the daemon, seen on a real terminal: a tmux pane whose
 * process is offered as the client's pid, while the test speaks the protocol itself.
 */
class TerminalServedDirectlyIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private Scarab scarab;
    private Tmux tmux;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        tmux = new Tmux(scarab.root);
        // The pane plays a client that has put its terminal in raw mode.
        tmux.start(77, 21, "stty raw -echo; exec sleep 100000");
    }

    @AfterEach
    void stop() throws Exception {
        tmux.close();
        scarab.close();
    }

    /**
     * Attached with size 0x0, the daemon takes the size from the terminal and writes nothing to
     * it before the client's first resize (the client is not in raw mode before that); then the
     * screen appears, and the detach keys typed on that terminal end the attach.
     */
    @Test
    void outputWaitsForTheClientsFirstResizeAndTheKeysAreReadFromTheTerminal() throws Exception {
        scarab.ok("new", "-d", "-c", "sh -c 'echo DRAWN-ON-THE-PANE; exec sleep 100000'", "held");
        Scarab.waitFor("the session's output", WAIT, () -> scarab.ok("capture", "held").contains("DRAWN-ON-THE-PANE"));
        long panePid = tmux.panePid(null);
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(scarab.socket()));
            FrameReader reader = new FrameReader(new BufferedInputStream(ChannelStreams.in(ch)));
            FrameWriter writer = new FrameWriter(ChannelStreams.out(ch));
            writer.write(Frame.control(Json.write(new Request.Hello(1, Protocol.VERSION, "test", List.of()))));
            assertInstanceOf(Response.Welcome.class, Json.readResponseUnchecked(reader.read().text()));
            writer.write(Frame.control(Json.write(new Request.Attach(2, "held", false, false, 0, 0, null, panePid,
                    "ctrl-a,x"))));
            Response.Attached attached = assertInstanceOf(Response.Attached.class,
                    Json.readResponseUnchecked(reader.read().text()));
            assertTrue(attached.direct(), "served through the pane's terminal");
            Scarab.waitFor("the session to take the terminal's size", WAIT, () -> scarab.ok("ls").contains("77x21"));
            assertFalse(tmux.screen(null).contains("DRAWN-ON-THE-PANE"), "nothing is drawn before the resize");

            writer.write(Frame.control(Json.write(new Request.Resize(3, 77, 21))));
            tmux.awaitText(null, "DRAWN-ON-THE-PANE");

            assertInstanceOf(Response.Done.class, Json.readResponseUnchecked(reader.read().text()), "resize answered");
            tmux.type(null, "C-a", "x");
            Frame next = reader.read();
            assertEquals(Frame.CONTROL, next.kind(), "no output frames for a terminal served directly");
            Response.Detached detached = assertInstanceOf(Response.Detached.class, Json.readResponseUnchecked(next.text()));
            assertEquals("requested", detached.reason());
        }
        Scarab.waitFor("no client left", WAIT, () -> scarab.ok("ls", "--json").contains("\"clients\" : 0"));
    }
}
