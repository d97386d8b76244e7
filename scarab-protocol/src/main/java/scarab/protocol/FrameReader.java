package scarab.protocol;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads frames from a blocking stream. Not thread safe: one reader per stream.
 * A frame larger than the limit is refused before its payload is read, so a
 * hostile length never makes us allocate.
 */
public final class FrameReader {
    private final DataInputStream in;

    public FrameReader(InputStream in) {
        this.in = new DataInputStream(in);
    }

    /**
     * @return the next frame, or {@code null} on a clean end of stream between frames
     * @throws FrameTooLargeException when the announced length is over the limit
     * @throws EOFException when the stream ends inside a frame
     */
    public Frame read() throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        long length = ((long) b0 << 24) | ((long) in.readUnsignedByte() << 16)
                | ((long) in.readUnsignedByte() << 8) | in.readUnsignedByte();
        if (length < 1) {
            throw new ProtocolException("frame with length 0 has no kind byte");
        }
        if (length - 1 > Frame.MAX_PAYLOAD) {
            throw new FrameTooLargeException(length);
        }
        byte kind = in.readByte();
        byte[] payload = new byte[(int) (length - 1)];
        in.readFully(payload);
        return new Frame(kind, payload);
    }
}
