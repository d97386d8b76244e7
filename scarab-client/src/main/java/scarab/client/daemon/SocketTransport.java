package scarab.client.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import scarab.protocol.ChannelStreams;

/** A daemon's Unix socket: the local way. */
final class SocketTransport implements Transport {
    private final SocketChannel channel;
    private final Path socket;
    private final InputStream in;
    private final OutputStream out;

    SocketTransport(SocketChannel channel, Path socket) {
        this.channel = channel;
        this.socket = socket;
        this.in = ChannelStreams.in(channel);
        this.out = ChannelStreams.out(channel);
    }

    SocketChannel channel() {
        return channel;
    }

    @Override
    public InputStream in() {
        return in;
    }

    @Override
    public ReadableByteChannel inChannel() {
        return channel;
    }

    @Override
    public OutputStream out() {
        return out;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a socket that is already gone
        }
    }

    @Override
    public String where() {
        return socket.toString();
    }
}
