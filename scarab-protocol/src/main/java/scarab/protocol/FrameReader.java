package scarab.protocol;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads frames from a blocking stream. Not thread safe: one reader per stream.
 * A frame larger than the limit is refused before its payload is read, so a
 * hostile length never makes us allocate.
 */
public final class FrameReader {
    private final DataInputStream in;
    private final int maxMessage;

    /** A reader that takes no control message longer than one frame holds. */
    public FrameReader(InputStream in) {
        this(in, Frame.MAX_PAYLOAD);
    }

    /** @param maxMessage the longest control message taken, in one frame or continued over several */
    public FrameReader(InputStream in, int maxMessage) {
        this.in = new DataInputStream(in);
        this.maxMessage = maxMessage;
    }

    /**
     * @return the next frame, or {@code null} on a clean end of stream between frames; a control
     *     message continued over several frames comes as one {@link Frame#CONTROL} frame
     * @throws FrameTooLargeException when the announced length is over the limit
     * @throws EOFException when the stream ends inside a frame
     */
    public Frame read() throws IOException {
        Frame f = readFrame();
        if (f == null || f.kind() != Frame.CONTINUED) {
            return f;
        }
        List<byte[]> pieces = new ArrayList<>();
        long total = 0;
        while (true) {
            total += f.payload().length;
            if (total > maxMessage) {
                throw new FrameTooLargeException(total, maxMessage);
            }
            pieces.add(f.payload());
            if (f.kind() == Frame.CONTROL) {
                byte[] message = new byte[(int) total];
                int at = 0;
                for (byte[] piece : pieces) {
                    System.arraycopy(piece, 0, message, at, piece.length);
                    at += piece.length;
                }
                return new Frame(Frame.CONTROL, message);
            }
            f = readFrame();
            if (f == null) {
                throw new EOFException("the stream ended inside a continued message");
            }
            if (f.kind() != Frame.CONTINUED && f.kind() != Frame.CONTROL) {
                throw new ProtocolException("a continued message was cut by a frame of kind " + Frame.kindName(f.kind()));
            }
        }
    }

    private Frame readFrame() throws IOException {
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
