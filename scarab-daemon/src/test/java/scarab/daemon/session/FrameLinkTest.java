package scarab.daemon.session;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import scarab.protocol.Response;

class FrameLinkTest {
    /** A client's socket whose sending fails with {@code failure}; it records being closed. */
    private static final class FailingSocket implements FrameLink.Socket {
        final RuntimeException failure;
        final CountDownLatch closed = new CountDownLatch(1);

        FailingSocket(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public void output(byte[] data, int off, int len) throws IOException {
            throw failure;
        }

        @Override
        public void control(Response message) throws IOException {
            throw failure;
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    @Test
    void anyFailureOfTheWriterDisconnectsTheClient() throws Exception {
        FailingSocket socket = new FailingSocket(new IllegalStateException("injected failure"));
        FrameLink link = new FrameLink(null, socket, false, 80, 24, scarab.protocol.DetachKeys.parse("ctrl-b,d"));
        link.start("scarab-client-test", () -> new byte[0]);
        link.offer("output".getBytes(StandardCharsets.US_ASCII));
        link.outputPaused();
        // Generous: it only has to happen; without it the client would wait forever.
        assertTrue(socket.closed.await(60, TimeUnit.SECONDS), "the client was disconnected");
    }

    @Test
    void aRedrawThatFailsDisconnectsTheClient() throws Exception {
        FailingSocket socket = new FailingSocket(new IllegalStateException("never reached"));
        FrameLink link = new FrameLink(null, socket, false, 80, 24, scarab.protocol.DetachKeys.parse("ctrl-b,d"));
        link.start("scarab-client-test", () -> {
            throw new IllegalStateException("injected failure in a redraw");
        });
        // More than a client's queue holds: the backlog is dropped and the writer asks for a redraw.
        link.offer(new byte[ClientLink.MAX_QUEUED_BYTES + 1]);
        link.outputPaused();
        assertTrue(socket.closed.await(60, TimeUnit.SECONDS), "the client was disconnected");
    }
}
