package scarab.daemon.ipc;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scarab.daemon.FaultInjection;
import scarab.daemon.UserError;
import scarab.protocol.ChannelStreams;
import scarab.protocol.Frame;
import scarab.protocol.FrameReader;
import scarab.protocol.FrameTooLargeException;
import scarab.protocol.FrameWriter;
import scarab.protocol.Json;
import scarab.protocol.MessageException;
import scarab.protocol.ProtocolMismatch;
import scarab.protocol.ProtocolException;
import scarab.protocol.Request;
import scarab.protocol.Response;

/**
 * One client socket. Its own thread reads frames and runs requests in order; responses and
 * (when attached) output frames go out through one thread-safe {@link FrameWriter}.
 *
 * <p>Nothing a client sends can hurt the daemon: a bad frame gets an {@code error} response; a
 * frame that breaks the stream's framing (oversized or truncated) ends this connection only.
 */
public final class Connection {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    private static final AtomicLong COUNTER = new AtomicLong();

    private final long number = COUNTER.incrementAndGet();
    private final SocketChannel channel;
    private final FrameWriter writer;
    private final Dispatcher dispatcher;
    private final DaemonInfo daemonInfo;
    private final Runnable onClose;
    private final long acceptedAt = System.nanoTime();
    /** Written only by this connection's thread; read by the hello deadline's. */
    private volatile boolean greeted;
    private volatile Attachment attachment;
    /**
     * Set when the client speaks another protocol version (and said it keeps to the core every
     * version answers): why anything else is refused.
     */
    private volatile String otherProtocol;
    /** The client takes messages continued over several frames (said in its hello). */
    private volatile boolean continuedFrames;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final InputSequences inputSequences;
    /** The numbering of this client's sequenced input, once it has said who it is. */
    private volatile InputSequences.Entry inputEntry;

    Connection(SocketChannel channel, Dispatcher dispatcher, DaemonInfo daemonInfo, Runnable onClose) {
        this(channel, dispatcher, daemonInfo, onClose, new InputSequences());
    }

    Connection(SocketChannel channel, Dispatcher dispatcher, DaemonInfo daemonInfo, Runnable onClose,
               InputSequences inputSequences) {
        this.inputSequences = inputSequences;
        this.channel = channel;
        this.writer = new FrameWriter(ChannelStreams.out(channel));
        this.dispatcher = dispatcher;
        this.daemonInfo = daemonInfo;
        this.onClose = onClose;
    }

    long number() {
        return number;
    }

    SocketChannel channel() {
        return channel;
    }

    long acceptedAt() {
        return acceptedAt;
    }

    boolean greeted() {
        return greeted;
    }

    /** Tells the client why it is not served (it may not be listening yet) and closes. */
    void refuse(String code, String message) {
        trySend(new Response.Error(0, code, message));
        close();
    }

    void serve() {
        try {
            loop();
        } catch (FrameTooLargeException e) {
            trySend(new Response.Error(0, "frame-too-large", e.getMessage() + "; closing the connection"));
        } catch (ProtocolException e) {
            trySend(new Response.Error(0, "bad-frame", e.getMessage() + "; closing the connection"));
        } catch (EOFException e) {
            log.debug("connection {} ended inside a frame", number);
        } catch (IOException e) {
            log.debug("connection {} failed: {}", number, e.getMessage());
        } catch (RuntimeException e) {
            log.error("connection {} crashed", number, e);
        } finally {
            close();
        }
    }

    private void loop() throws IOException {
        // Made here, on the connection's own thread: a connection still waiting to speak holds no buffer.
        FrameReader reader = new FrameReader(new BufferedInputStream(ChannelStreams.in(channel), 64 * 1024));
        Frame frame;
        while ((frame = reader.read()) != null) {
            switch (frame.kind()) {
                case Frame.CONTROL -> onControl(frame);
                case Frame.INPUT -> onInput(frame);
                case Frame.SEQUENCED_INPUT -> onSequencedInput(frame);
                case Frame.OUTPUT -> send(new Response.Error(0, "unexpected-frame",
                        "output frames ('O') only flow from daemon to client"));
                default -> send(new Response.Error(0, "unknown-kind", "unknown frame kind "
                        + Frame.kindName(frame.kind()) + "; expected 'J', 'I', 'K' or 'O'"));
            }
            if (!channel.isOpen()) {
                return;
            }
        }
    }

    private void onInput(Frame frame) throws IOException {
        Attachment a = attachment;
        if (a == null) {
            send(new Response.Error(0, "not-attached", "input frame ('I') on a connection that is not attached"));
            return;
        }
        try {
            a.input(frame.payload());
        } catch (IOException e) {
            log.debug("connection {}: input not delivered: {}", number, e.getMessage());
        }
    }

    /** Input numbered by the client: applied once per number, whichever connection brings it. */
    private void onSequencedInput(Frame frame) throws IOException {
        InputSequences.Entry entry = inputEntry;
        byte[] p = frame.payload();
        if (entry == null || p.length < 8) {
            send(new Response.Error(0, "bad-frame", entry == null
                    ? "sequenced input ('K') before an input-identity request"
                    : "a sequenced input frame ('K') starts with an 8-byte number"));
            return;
        }
        Attachment a = attachment;
        if (a == null) {
            send(new Response.Error(0, "not-attached", "input frame ('K') on a connection that is not attached"));
            return;
        }
        long seq = java.nio.ByteBuffer.wrap(p).getLong();
        byte[] keys = java.util.Arrays.copyOfRange(p, 8, p.length);
        try {
            if (!entry.applyOnce(seq, () -> a.input(keys))) {
                log.debug("connection {}: input {} was applied already", number, seq);
            }
        } catch (IOException e) {
            log.debug("connection {}: input not delivered: {}", number, e.getMessage());
        }
    }

    private void onControl(Frame frame) throws IOException {
        Request request;
        try {
            request = Json.readRequest(frame.text());
        } catch (MessageException e) {
            send(new Response.Error(RequestIds.guess(frame.text()), e.code(), e.getMessage()));
            return;
        }
        if (request instanceof Request.Hello hello) {
            greet(hello);
            return;
        }
        if (!greeted) {
            send(new Response.Error(request.id(), "no-hello", "send a hello with the protocol version first"));
            return;
        }
        if (otherProtocol != null && !ProtocolMismatch.inCore(request)) {
            send(new Response.Error(request.id(), ProtocolMismatch.CODE, otherProtocol));
            return;
        }
        if (request instanceof Request.Ping ping) {
            send(new Response.Done(ping.id())); // an answer is all it asks for
            return;
        }
        if (request instanceof Request.InputIdentity who) {
            if (who.client() == null || who.client().isBlank() || who.client().length() > 200) {
                send(new Response.Error(who.id(), "bad-argument", "input-identity needs a client id of 1-200 characters"));
                return;
            }
            java.util.Map.Entry<InputSequences.Entry, Long> known = inputSequences.enter(who.client());
            inputEntry = known.getKey();
            send(new Response.InputAck(who.id(), known.getValue()));
            return;
        }
        if (FaultInjection.fires("request-error")) {
            throw new AssertionError("test fault: request-error");
        }
        Response response;
        try {
            response = dispatcher.dispatch(request, this);
        } catch (UserError e) {
            response = new Response.Error(request.id(), e.code(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("request {} failed", request.getClass().getSimpleName(), e);
            response = new Response.Error(request.id(), "internal", "internal error: " + e);
        }
        if (response != null) {
            send(response);
        }
    }

    private void greet(Request.Hello hello) throws IOException {
        int spoken = SpokenProtocol.version();
        if (hello.protocolVersion() != spoken) {
            String why = ProtocolMismatch.message(spoken, daemonInfo.version(), hello.protocolVersion(),
                    hello.clientVersion() == null ? "unknown" : hello.clientVersion());
            if (hello.capabilities() == null || !hello.capabilities().contains(ProtocolMismatch.CAPABILITY)) {
                send(new Response.Error(hello.id(), ProtocolMismatch.CODE, why));
                close();
                return;
            }
            // A client of another release that keeps to the core (daemon status, upgrade, stop):
            // how a newer client upgrades this daemon.
            otherProtocol = why;
        }
        continuedFrames = hello.capabilities() != null && hello.capabilities().contains(Frame.CONTINUED_CAPABILITY);
        greeted = true;
        send(new Response.Welcome(hello.id(), spoken, daemonInfo.version(), ProcessHandle.current().pid(),
                DaemonInfo.CAPABILITIES));
    }

    /**
     * Sends a message, in several frames when it is longer than one holds. An answer too long for
     * the client (or for one frame, to a client that takes no continued frames) is replaced by an
     * error that says the request itself was carried out: what was done is never hidden.
     */
    public void send(Response response) throws IOException {
        byte[] json = Json.write(response).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        send(response.id(), json, json.length);
    }

    /**
     * Sends a message already written as JSON, {@code json[0, length)} (a piece of a long answer
     * made without a {@link Response}), as {@link #send(Response)} does; false when the client
     * cannot take one that long and has been told so instead.
     */
    public boolean send(long id, byte[] json, int length) throws IOException {
        int limit = continuedFrames ? Frame.MAX_MESSAGE : Frame.MAX_PAYLOAD;
        if (length > limit) {
            log.warn("connection {}: an answer of {} bytes is over the client's limit of {}", number, length, limit);
            writer.write(Frame.control(Json.write(new Response.Error(id, "answer-too-large",
                    "done, but the answer (" + length + " bytes) is too large to send; the limit is " + limit
                            + " bytes"))));
            return false;
        }
        writer.writeMessage(json, length);
        return true;
    }

    public void sendOutput(byte[] data, int off, int len) throws IOException {
        writer.write(Frame.OUTPUT, data, off, len);
    }

    /** Sends, ignoring a connection that is already gone. */
    public void trySend(Response response) {
        try {
            send(response);
        } catch (IOException e) {
            log.debug("connection {}: could not send {}: {}", number, response.getClass().getSimpleName(), e.getMessage());
        }
    }

    /** The session this connection is attached to, or null. */
    public Attachment attachment() {
        return attachment;
    }

    /** Routes this connection's input, resizes and close to a session; null when detached. */
    public void setAttachment(Attachment a) {
        this.attachment = a;
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing connection {}: {}", number, e.getMessage());
        }
        Attachment a = attachment;
        attachment = null;
        if (a != null) {
            a.closed();
        }
        onClose.run();
    }

    @Override
    public String toString() {
        return "#" + number;
    }
}
