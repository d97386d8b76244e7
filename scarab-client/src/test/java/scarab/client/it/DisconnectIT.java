package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.client.daemon.DaemonConnection;
import scarab.protocol.Frame;
import scarab.protocol.Json;
import scarab.protocol.Protocol;
import scarab.protocol.Request;
import scarab.protocol.Response;

/**
 * Clients that vanish at the worst moment: halfway through a frame, or attached while output
 * flows. The daemon frees each connection (its threads end), the sessions carry on, and a client
 * attached elsewhere notices nothing.
 */
class DisconnectIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private Scarab scarab;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        scarab.ok("new", "-d", "-c", "sh -c 'i=0; while :; do i=$((i+1)); echo flowing-$i; sleep 0.01; done'", "chatty");
        scarab.ok("new", "-d", "-e", "PS1=$ ", "-c", "/bin/sh", "bystander");
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    private SocketChannel raw() throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(scarab.socket()));
        return ch;
    }

    private static byte[] frame(byte kind, byte[] payload, int claimedPayload) {
        ByteBuffer b = ByteBuffer.allocate(5 + payload.length);
        b.putInt(claimedPayload + 1).put(kind).put(payload);
        return b.array();
    }

    private static byte[] helloFrame() {
        byte[] json = Json.write(new Request.Hello(1, Protocol.VERSION, "test", List.of())).getBytes(StandardCharsets.UTF_8);
        return frame(Frame.CONTROL, json, json.length);
    }

    /** One of each way of hanging up badly. */
    private void hangUpBadly(int round) throws Exception {
        // A length header and half the payload it promised, before any hello.
        try (SocketChannel ch = raw()) {
            ch.write(ByteBuffer.wrap(frame(Frame.CONTROL, new byte[300], 1000)));
        }
        // After a hello: half a request.
        try (SocketChannel ch = raw()) {
            ch.write(ByteBuffer.wrap(helloFrame()));
            byte[] request = Json.write(new Request.ListSessions(2)).getBytes(StandardCharsets.UTF_8);
            ch.write(ByteBuffer.wrap(frame(Frame.CONTROL, java.util.Arrays.copyOf(request, request.length / 2), request.length)));
        }
        // Only part of a length header.
        try (SocketChannel ch = raw()) {
            ch.write(ByteBuffer.wrap(new byte[] {0, 0}));
        }
        // Attached while output flows: gone without a detach, with half an input frame on the wire.
        try (DaemonConnection c = DaemonConnection.open(scarab.socket())) {
            assertInstanceOf(Response.Attached.class, c.call(new Request.Attach(c.nextId(), "chatty", false, false, 80, 24, null)));
            int frames = 0;
            while (frames < 5) {
                Frame f = c.readFrame();
                assertTrue(f != null, "output stops only when the client goes");
                frames += f.kind() == Frame.OUTPUT ? 1 : 0;
            }
            if (round % 2 == 0) {
                // DaemonConnection has no raw access: a second, raw attach does the half frame.
                try (SocketChannel ch = raw()) {
                    ch.write(ByteBuffer.wrap(helloFrame()));
                    byte[] attach = Json.write(new Request.Attach(2, "chatty", false, false, 80, 24, null))
                            .getBytes(StandardCharsets.UTF_8);
                    ch.write(ByteBuffer.wrap(frame(Frame.CONTROL, attach, attach.length)));
                    ch.write(ByteBuffer.wrap(frame(Frame.INPUT, "ec".getBytes(StandardCharsets.US_ASCII), 10)));
                }
            }
        }
    }

    private Map<String, JsonNode> sessions() throws Exception {
        return scarab.sessionsByName();
    }

    @Test
    void connectionsThatEndMidFrameOrMidAttachAreFreed() throws Exception {
        long pid = scarab.daemonPid();
        try (DaemonConnection watcher = DaemonConnection.open(scarab.socket())) {
            assertInstanceOf(Response.Attached.class,
                    watcher.call(new Request.Attach(watcher.nextId(), "bystander", false, false, 80, 24, null)));
            hangUpBadly(0); // warm-up: pools and lazily started threads exist from here on
            Scarab.waitFor("chatty to have no clients after the warm-up", WAIT, () -> clients("chatty") == 0);
            int baseline = Faults.threads(pid);

            for (int round = 1; round <= 20; round++) {
                hangUpBadly(round);
            }
            Scarab.waitFor("the daemon's threads to be back to " + baseline + " (now " + Faults.threads(pid) + ")", WAIT,
                    () -> Faults.threads(pid) <= baseline);
            Scarab.waitFor("chatty to have no clients", WAIT, () -> clients("chatty") == 0);

            Map<String, JsonNode> all = sessions();
            assertEquals("running", all.get("chatty").get("status").asText());
            assertEquals(1, all.get("bystander").get("clients").asInt(), "the watcher is still attached");
            String before = scarab.ok("capture", "chatty");
            Scarab.waitFor("chatty's output to keep flowing", WAIT, () -> !scarab.ok("capture", "chatty").equals(before));

            byte[] typed = "echo watcher-$((6*7))\r".getBytes(StandardCharsets.US_ASCII);
            watcher.sendInput(typed, 0, typed.length);
            StringBuilder seen = new StringBuilder();
            while (seen.indexOf("watcher-42") < 0) {
                Frame f = watcher.readFrame();
                assertTrue(f != null, "the watcher was cut off");
                if (f.kind() == Frame.OUTPUT) {
                    seen.append(new String(f.payload(), StandardCharsets.UTF_8));
                }
            }
        }
        assertEquals(pid, scarab.daemonPid());
    }

    private int clients(String name) {
        try {
            return sessions().get(name).get("clients").asInt();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
