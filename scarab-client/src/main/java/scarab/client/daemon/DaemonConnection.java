package scarab.client.daemon;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import scarab.client.ClientError;
import scarab.protocol.ChannelStreams;
import scarab.protocol.Frame;
import scarab.protocol.FrameReader;
import scarab.protocol.FrameWriter;
import scarab.protocol.Json;
import scarab.protocol.LeanJson;
import scarab.protocol.MessageException;
import scarab.protocol.Protocol;
import scarab.protocol.ProtocolMismatch;
import scarab.protocol.Request;
import scarab.protocol.Response;
import scarab.protocol.Version;

/**
 * A client's connection to the daemon: hello first, then requests answered in order.
 * Not thread safe for requests; the attach loop reads frames on one thread and writes input
 * frames on another, which {@link FrameWriter} allows.
 */
public final class DaemonConnection implements AutoCloseable {
    /**
     * How long a request may go unanswered (60 s, or SCARAB_REQUEST_TIMEOUT seconds; 0: no limit).
     * Generous: the slowest answers wait for the database (a 5 s busy timeout, a write retried
     * alone) on a machine that may be very busy. {@code wait} has none (it waits for a session to
     * end); {@code attach} twice this (it may start a restored session's program first).
     */
    public static final long DEFAULT_TIMEOUT_MILLIS = 60_000;

    /** The daemon's socket; null for a daemon reached through another process ({@link #over}). */
    private final Path socket;
    private final Transport transport;
    private final BufferedInputStream buffered;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final AtomicLong nextId = new AtomicLong(1);
    private long daemonPid = -1;
    private String daemonVersion;
    private int daemonProtocol;
    /** The hello's id while its welcome is still to be read (see openPipelined); 0 after. */
    private long welcomeId;
    private final AnswerDeadline deadline;
    private final long timeoutMillis;
    /** The limit for the answer being awaited (the current request's). */
    private long answerTimeoutMillis;
    /** Used by every command of a sequence ({@link SharedConnection}): their close leaves it open. */
    private boolean shared;

    private DaemonConnection(Path socket, Transport transport, long timeoutMillis) {
        this.socket = socket;
        this.transport = transport;
        this.deadline = new AnswerDeadline(transport);
        this.timeoutMillis = timeoutMillis;
        this.answerTimeoutMillis = timeoutMillis;
        this.buffered = new BufferedInputStream(transport.in(), 64 * 1024);
        this.reader = new FrameReader(buffered, Frame.MAX_MESSAGE);
        this.writer = new FrameWriter(transport.out());
    }

    /**
     * Says hello over a transport that is already connected (the pipes of {@code ssh HOST scarab
     * proxy}, past its greeting), without waiting for the welcome, as {@link #openPipelined} does.
     */
    public static DaemonConnection over(Transport transport, long timeoutMillis) throws IOException {
        Request.Hello hello = new Request.Hello(1, Protocol.VERSION, Version.get(),
                List.of("attach", Frame.CONTINUED_CAPABILITY));
        DaemonConnection c = new DaemonConnection(null, transport, timeoutMillis);
        try {
            c.nextId.set(hello.id() + 1);
            c.welcomeId = hello.id();
            c.writer.write(new Frame(Frame.CONTROL, LeanJson.write(hello)));
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * Connects and says hello, and waits for the daemon's welcome.
     *
     * @throws NotRunningException when nothing listens on the socket (no file, or a stale one)
     */
    public static DaemonConnection open(Path socket) throws IOException {
        return open(socket, DEFAULT_TIMEOUT_MILLIS);
    }

    /** {@link #open(Path)} with a limit on each answer's wait (0: none). */
    public static DaemonConnection open(Path socket, long timeoutMillis) throws IOException {
        DaemonConnection c = openPipelined(socket, timeoutMillis);
        try {
            c.awaitWelcome();
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * Connects and says hello without waiting for the welcome: the first request goes out right
     * behind the hello (the daemon answers in order), one round trip fewer. The welcome is checked
     * when the first answer is read; a refused hello fails that read with the daemon's message.
     *
     * @throws NotRunningException when nothing listens on the socket (no file, or a stale one)
     * @throws ClientError when the listener is not our own user ({@link DaemonTrust}): nothing is sent
     */
    public static DaemonConnection openPipelined(Path socket) throws IOException {
        return openPipelined(socket, DEFAULT_TIMEOUT_MILLIS);
    }

    /** {@link #openPipelined(Path)} with a limit on each answer's wait (0: none). */
    public static DaemonConnection openPipelined(Path socket, long timeoutMillis) throws IOException {
        // The hello is encoded, and read back once, before the socket is opened: the JSON
        // generator's and parser's classes load on this thread while the socket's load on the
        // warm-up thread (see warmUp), instead of after it.
        Request.Hello hello = new Request.Hello(1, Protocol.VERSION, Version.get(),
                List.of("attach", Frame.CONTINUED_CAPABILITY, ProtocolMismatch.CAPABILITY));
        byte[] helloJson = LeanJson.write(hello);
        LeanJson.readResponse(helloJson);
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        DaemonConnection c = new DaemonConnection(socket, new SocketTransport(channel, socket), timeoutMillis);
        c.deadline.arm(timeoutMillis); // a daemon whose backlog is full makes connect wait
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            c.close();
            c.failIfLate();
            throw new NotRunningException(socket, e);
        }
        try {
            DaemonTrust.checkPeer(channel, socket);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        try {
            c.nextId.set(hello.id() + 1);
            c.writer.write(new Frame(Frame.CONTROL, helloJson));
            c.welcomeId = hello.id();
        } catch (IOException e) {
            // A daemon that refuses a connection at once (too many) may have closed it before our
            // hello went out (a broken pipe): its refusal is still there to read, and says why.
            c.welcomeId = hello.id();
            try {
                c.awaitWelcome();
            } catch (ClientError refusal) {
                c.close();
                throw refusal;
            } catch (IOException | RuntimeException nothingToRead) {
                // no answer was left: the write's own failure says it
            }
            c.close();
            throw e;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * A bare connection to the daemon's socket, checked as {@link #openPipelined} checks it, with
     * nothing sent: for {@code scarab proxy}, which relays another client's frames.
     *
     * @throws NotRunningException when nothing listens on the socket
     */
    public static SocketChannel connectRaw(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            channel.close();
            throw new NotRunningException(socket, e);
        }
        try {
            DaemonTrust.checkPeer(channel, socket);
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    private void awaitWelcome() throws IOException {
        long id = welcomeId;
        welcomeId = 0;
        Response r = next(id);
        if (!(r instanceof Response.Welcome welcome)) {
            throw new ClientError("unexpected answer to hello from the daemon on " + transport.where() + ": " + r);
        }
        daemonPid = welcome.pid();
        daemonVersion = welcome.daemonVersion();
        daemonProtocol = welcome.protocolVersion();
    }

    /** The daemon's protocol version, from its welcome (0 until read). */
    public int daemonProtocol() {
        return daemonProtocol;
    }

    /** Why a request outside the core every version answers is refused, or null when the versions agree. */
    private String mismatch() {
        if (daemonVersion == null || daemonProtocol == Protocol.VERSION) {
            return null;
        }
        return ProtocolMismatch.message(daemonProtocol, daemonVersion, Protocol.VERSION, Version.get());
    }

    /** The daemon's version, from its welcome (null until read). */
    public String daemonVersion() {
        return daemonVersion;
    }

    /**
     * Starts the JDK's one-time set-up of Unix domain sockets on another thread. On JDK 17 the
     * first {@code SocketChannel.open(UNIX)} seeds a SecureRandom (for names of unbound sockets,
     * which the client never uses): security providers, some 20-30 ms of a short command's
     * start-up that can run on the second core while the first gets on with the rest. Call it
     * first thing; opening a connection later waits for it if it is not done.
     */
    public static void warmUp() {
        Thread t = new WarmUp();
        t.setDaemon(true);
        t.start();
    }

    /** A class, not a lambda: this thread exists to keep the first lambda's set-up off the main one. */
    private static final class WarmUp extends Thread {
        WarmUp() {
            super("scarab-socket-warm-up");
        }

        @Override
        public void run() {
            try {
                SocketChannel.open(StandardProtocolFamily.UNIX).close();
            } catch (IOException | RuntimeException e) {
                // the real connection will report whatever this was
            }
        }
    }

    public long nextId() {
        return nextId.getAndIncrement();
    }

    /**
     * Sends a request and returns its response; an {@code error} response becomes a
     * {@link ClientError} carrying the daemon's message.
     */
    public Response call(Request request) throws IOException {
        answerTimeoutMillis = request instanceof Request.Wait || request instanceof Request.WaitForOutput
                || request instanceof Request.WaitIdle ? 0
                : request instanceof Request.Attach ? 2 * timeoutMillis : timeoutMillis;
        String mismatch = mismatch();
        if (mismatch != null && !ProtocolMismatch.inCore(request)) {
            throw new ClientError(mismatch, exitStatus(ProtocolMismatch.CODE), ProtocolMismatch.CODE);
        }
        deadline.arm(answerTimeoutMillis);
        try {
            send(request);
        } catch (IOException e) {
            failIfLate();
            if (welcomeId != 0) {
                settleWelcome(); // the daemon may have refused the hello and hung up: say why
            }
            throw e;
        }
        return next(request.id());
    }

    /** After a failed read or write: the deadline closed the connection, say so. */
    private void failIfLate() {
        if (!deadline.expired()) {
            return;
        }
        if (socket == null) {
            throw new ClientError(transport.where() + " did not answer within " + (answerTimeoutMillis + 999) / 1000
                    + " s", 1, "timeout");
        }
        long pid = daemonPid > 0 ? daemonPid : DaemonPid.fromLock(socket);
        String who = pid > 0 ? "the daemon (pid " + pid + ")" : "the daemon on " + socket;
        String end = pid > 0 ? "end it (kill " + pid + ")" : "end it";
        throw new ClientError(who + " did not answer within " + (answerTimeoutMillis + 999) / 1000 + " s; if it is"
                + " stuck, " + end + ": the next command starts a new one, which restores the sessions", 1, "timeout");
    }

    /**
     * Reads the welcome a pipelined hello is owed. A refusal becomes the daemon's message, as for
     * an eager hello; a hang-up reads the same whether the daemon closed before or after our
     * request arrived (an end of stream, or a reset for the request it left unread).
     */
    private void settleWelcome() {
        try {
            awaitWelcome();
        } catch (IOException e) {
            failIfLate();
            throw closedError();
        }
    }

    private ClientError closedError() {
        return socket == null ? new ClientError("the connection to " + transport.where() + " ended")
                : new ClientError("the daemon closed the connection (is it shutting down?)");
    }

    /** The next response to request {@code id} (for requests answered by several messages). */
    public Response next(long id) throws IOException {
        deadline.arm(answerTimeoutMillis);
        try {
            if (welcomeId != 0) {
                settleWelcome();
            }
            while (true) {
                Response r;
                try {
                    r = readControl();
                } catch (IOException e) {
                    failIfLate();
                    throw e;
                }
                if (r == null) {
                    failIfLate();
                    throw closedError();
                }
                if (r instanceof Response.Error e && (e.id() == id || e.id() == 0)) {
                    // A refusal for another protocol version: this client's own words (the daemon's
                    // may be an older release's), once the welcome said which version it speaks.
                    String message = ProtocolMismatch.CODE.equals(e.code()) && mismatch() != null ? mismatch()
                            : e.message();
                    throw new ClientError(message, exitStatus(e.code()), e.code());
                }
                if (r.id() == id) {
                    return r;
                }
                // An event or a stale answer that is not ours: skip it.
            }
        } finally {
            deadline.disarm();
        }
    }

    public void send(Request request) throws IOException {
        byte[] lean = LeanJson.write(request);
        writer.write(lean != null ? new Frame(Frame.CONTROL, lean) : Frame.control(Json.write(request)));
    }

    public void sendInput(byte[] data, int off, int len) throws IOException {
        writer.write(Frame.INPUT, data, off, len);
    }

    /** Input numbered for {@link scarab.protocol.Frame#SEQUENCED_INPUT}: applied once by the daemon. */
    public void sendSequencedInput(long seq, byte[] data, int off, int len) throws IOException {
        byte[] payload = new byte[8 + len];
        java.nio.ByteBuffer.wrap(payload).putLong(seq).put(data, off, len);
        writer.write(Frame.SEQUENCED_INPUT, payload, 0, payload.length);
    }

    /** Next frame of any kind, or null at the end of the stream. */
    public Frame readFrame() throws IOException {
        return reader.read();
    }

    private Response readControl() throws IOException {
        while (true) {
            Frame f = reader.read();
            if (f == null) {
                return null;
            }
            if (f.kind() != Frame.CONTROL) {
                continue;
            }
            return decode(f);
        }
    }

    /**
     * The message in a control frame. The hot ones (hello, ls, attach) are read by
     * {@link LeanJson}, so that short commands never start databind; the rest, and anything
     * LeanJson declines, by {@link Json}.
     */
    public static Response decode(Frame f) {
        Response lean = LeanJson.readResponse(f.payload());
        if (lean != null) {
            return lean;
        }
        try {
            return Json.readResponse(f.text());
        } catch (MessageException e) {
            throw new ClientError("cannot understand the daemon: " + e.getMessage());
        }
    }

    /**
     * Hands the incoming stream over to a reader of its own (the attach loop's): returns the bytes
     * already read from the socket but not yet taken as frames; read the rest from
     * {@link #inChannel()}. The connection's own reading ({@link #call}, {@link #readFrame}) must
     * not be used afterwards; sending still may.
     */
    public byte[] takeBuffered() throws IOException {
        shared = false; // the attach loop's from now on: the sequence opens another for what follows
        return buffered.readNBytes(buffered.available());
    }

    /** The incoming stream for the attach loop, after {@link #takeBuffered}. */
    public java.nio.channels.ReadableByteChannel inChannel() {
        return transport.inChannel();
    }

    /** Where the daemon is: its socket's path, or the host it is reached on. */
    public String where() {
        return transport.where();
    }

    /** The daemon's process id, from its welcome (-1 until a pipelined connection has read it). */
    public long daemonPid() {
        return daemonPid;
    }

    /** The daemon's socket; null when it is reached through another process (a remote host). */
    public Path socket() {
        return socket;
    }

    void share() {
        shared = true;
    }

    /** Still the sequence's, and open (a deadline that passed closed it). */
    boolean sharedAndOpen() {
        return shared && transport.isOpen();
    }

    /** Closes a connection the sequence is done with. */
    void closeShared() {
        shared = false;
        close();
    }

    @Override
    public void close() {
        if (shared) {
            return;
        }
        deadline.finish();
        transport.close();
    }

    /**
     * The daemon's error codes for a command written wrong (a bad name, size, line number, ...): exit
     * status 2 like any usage mistake. Every other error is a failure, status 1: no such session, a
     * name taken, and also a command or directory that does not exist (the line was right; the
     * system did not have it), as in tmux.
     */
    private static final java.util.Set<String> USAGE_MISTAKES = java.util.Set.of("bad-name", "bad-size",
            "bad-argument", "bad-target", "bad-format", "bad-env", "bad-detach-keys", "bad-group", "bad-limit");

    static int exitStatus(String code) {
        return USAGE_MISTAKES.contains(code) ? 2 : 1;
    }
}
