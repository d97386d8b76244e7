package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import scarab.protocol.ChannelStreams;
import scarab.protocol.Frame;
import scarab.protocol.FrameReader;
import scarab.protocol.FrameWriter;
import scarab.protocol.Json;
import scarab.protocol.Protocol;
import scarab.protocol.Request;
import scarab.protocol.Response;

/** A test speaking the protocol by hand on a daemon's socket: frames, raw bytes, or requests. */
final class RawConnection implements AutoCloseable {
    final SocketChannel ch;
    final FrameReader reader;
    final FrameWriter writer;

    RawConnection(Path socket) throws IOException {
        ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        reader = new FrameReader(new BufferedInputStream(ChannelStreams.in(ch)));
        writer = new FrameWriter(ChannelStreams.out(ch));
    }

    void raw(byte[] bytes) throws IOException {
        ch.write(ByteBuffer.wrap(bytes));
    }

    void json(String text) throws IOException {
        writer.write(Frame.control(text));
    }

    void send(Request request) throws IOException {
        json(Json.write(request));
    }

    /** The next control message, or null at the end of the connection. */
    Response next() throws IOException {
        Frame f = reader.read();
        return f == null ? null : Json.readResponseUnchecked(f.text());
    }

    void hello() throws IOException {
        send(new Request.Hello(1, Protocol.VERSION, "test", List.of()));
        assertInstanceOf(Response.Welcome.class, next());
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
