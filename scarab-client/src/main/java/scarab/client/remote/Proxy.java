package scarab.client.remote;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import scarab.client.ClientError;
import scarab.client.daemon.DaemonConnection;
import scarab.client.daemon.DaemonStarter;
import scarab.client.daemon.NotRunningException;
import scarab.protocol.ProxyGreeting;
import scarab.protocol.Version;

/**
 * {@code scarab proxy}, the remote end of {@code ssh HOST scarab proxy}: connects to this
 * machine's daemon (starting it unless told not to), writes its greeting, then copies bytes both
 * ways between its standard input/output and the daemon's socket, untouched: the client at the
 * other end of ssh speaks the protocol itself. Either end closing ends both (the daemon sees the
 * client go, as when a local client's connection drops).
 */
public final class Proxy {
    private Proxy() {}

    public static int run(DaemonStarter starter, boolean noStart) throws IOException {
        SocketChannel socket;
        try {
            socket = DaemonConnection.connectRaw(starter.socket());
        } catch (NotRunningException e) {
            if (noStart) {
                throw new ClientError("no daemon is running on " + starter.socket());
            }
            starter.start();
            socket = DaemonConnection.connectRaw(starter.socket());
        }
        FileChannel stdout = new FileOutputStream(FileDescriptor.out).getChannel();
        FileChannel stdin = new FileInputStream(FileDescriptor.in).getChannel();
        writeAll(stdout, ByteBuffer.wrap(ProxyGreeting.line(Version.get())));
        SocketChannel daemon = socket;
        Thread down = new Thread(() -> {
            copy(daemon, stdout);
            closeQuietly(stdin); // the daemon is gone: stop reading the other end
        }, "scarab-proxy-down");
        down.setDaemon(true);
        down.start();
        copy(stdin, daemon);
        closeQuietly(daemon); // the client is gone: the daemon detaches it
        return 0;
    }

    private static void copy(ReadableByteChannel from, WritableByteChannel to) {
        ByteBuffer b = ByteBuffer.allocateDirect(64 * 1024);
        try {
            while (from.read(b) >= 0) {
                b.flip();
                writeAll(to, b);
                b.clear();
            }
        } catch (IOException e) {
            // either end gone: the relay ends
        }
    }

    private static void writeAll(WritableByteChannel to, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            to.write(b);
        }
    }

    private static void closeQuietly(java.nio.channels.Channel c) {
        try {
            c.close();
        } catch (IOException e) {
            // gone already
        }
    }
}
