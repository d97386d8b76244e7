package scarab.client.attach;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;
import scarab.protocol.Frame;
import scarab.protocol.FrameTooLargeException;
import scarab.protocol.ProtocolException;

/**
 * The attach stream from the daemon to the terminal: reads the socket into one direct buffer in
 * large reads and writes the payloads of every complete (or partial) output frame in it to the
 * terminal with one gathering write ({@code writev}), straight from that buffer: no per-frame
 * array, no copy in Java, no flush (nothing is buffered on the way out). A control frame is
 * handed back to the caller, after the output before it has been written.
 *
 * <p>Not thread safe: the attach loop's thread only.
 */
final class OutputRelay {
    private static final int HEADER = 5;

    private final ReadableByteChannel socket;
    private final GatheringByteChannel terminal;
    /** Bytes read but not yet relayed, between position and limit. */
    private final ByteBuffer in;
    private final List<ByteBuffer> pending = new ArrayList<>();
    /** Payload bytes of the current frame still to come (output: to relay; other kinds: to skip). */
    private int payloadLeft;
    private boolean payloadIsOutput;

    /** @param buffered what the connection had already read past the attach response */
    OutputRelay(ReadableByteChannel socket, byte[] buffered, GatheringByteChannel terminal) {
        this.socket = socket;
        this.terminal = terminal;
        this.in = ByteBuffer.allocateDirect(Math.max(256 * 1024, buffered.length));
        in.put(buffered).flip();
    }

    /**
     * Relays output until the next control frame and returns its payload; null when the stream
     * ends (the daemon went away), also in the middle of a frame.
     */
    byte[] next() throws IOException {
        while (true) {
            byte[] control = relayBuffered();
            writePending();
            if (control != null) {
                return control;
            }
            in.compact();
            int n = socket.read(in);
            in.flip();
            if (n < 0) {
                return null;
            }
        }
    }

    /** Takes what the buffer holds of frames; returns a control frame's payload when one is complete. */
    private byte[] relayBuffered() throws IOException {
        while (true) {
            if (payloadLeft > 0) {
                int n = Math.min(payloadLeft, in.remaining());
                if (n == 0) {
                    return null;
                }
                if (payloadIsOutput) {
                    ByteBuffer slice = in.slice();
                    slice.limit(n);
                    pending.add(slice);
                }
                in.position(in.position() + n);
                payloadLeft -= n;
                continue;
            }
            if (in.remaining() < HEADER) {
                return null;
            }
            int start = in.position();
            long length = in.getInt(start) & 0xffffffffL;
            byte kind = in.get(start + 4);
            if (length < 1) {
                throw new ProtocolException("frame with length 0 has no kind byte");
            }
            if (length - 1 > Frame.MAX_PAYLOAD) {
                throw new FrameTooLargeException(length);
            }
            int payload = (int) (length - 1);
            if (kind == Frame.CONTROL) {
                if (in.remaining() < HEADER + payload) {
                    if (HEADER + payload > in.capacity()) {
                        return readLargeControl(payload);
                    }
                    return null; // wait for the rest of it
                }
                byte[] text = new byte[payload];
                in.position(start + HEADER);
                in.get(text);
                return text;
            }
            in.position(start + HEADER);
            payloadLeft = payload;
            payloadIsOutput = kind == Frame.OUTPUT;
        }
    }

    /** A control frame bigger than the buffer (legal up to the frame limit, never seen in practice). */
    private byte[] readLargeControl(int payload) throws IOException {
        writePending();
        in.position(in.position() + HEADER);
        byte[] text = new byte[payload];
        int have = in.remaining();
        in.get(text, 0, have);
        ByteBuffer rest = ByteBuffer.wrap(text, have, payload - have);
        while (rest.hasRemaining()) {
            if (socket.read(rest) < 0) {
                throw new EOFException("the daemon's stream ended inside a frame");
            }
        }
        return text;
    }

    private void writePending() throws IOException {
        if (pending.isEmpty()) {
            return;
        }
        ByteBuffer[] slices = pending.toArray(new ByteBuffer[0]);
        pending.clear();
        long left = 0;
        for (ByteBuffer b : slices) {
            left += b.remaining();
        }
        while (left > 0) {
            left -= terminal.write(slices);
        }
    }
}
