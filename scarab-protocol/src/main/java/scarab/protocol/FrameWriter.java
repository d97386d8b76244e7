package scarab.protocol;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes frames to a stream. Thread safe: several threads (a command's response,
 * an attached client's output pump) may share one writer; each frame goes out whole.
 */
public final class FrameWriter {
    private final OutputStream out;
    private final Object lock = new Object();

    public FrameWriter(OutputStream out) {
        this.out = out;
    }

    public void write(Frame frame) throws IOException {
        write(frame.kind(), frame.payload(), 0, frame.payload().length);
    }

    public void write(byte kind, byte[] data, int off, int len) throws IOException {
        byte[] buffer = frame(kind, data, off, len);
        synchronized (lock) {
            out.write(buffer);
            out.flush();
        }
    }

    /**
     * A control message of any length: one frame, or {@link Frame#CONTINUED} frames and a last
     * {@link Frame#CONTROL} one, written together so that no other frame comes between them.
     */
    public void writeMessage(byte[] json) throws IOException {
        writeMessage(json, json.length);
    }

    /** The control message in {@code json[0, length)}, as {@link #writeMessage(byte[])}. */
    public void writeMessage(byte[] json, int length) throws IOException {
        if (length < LARGE) {
            write(Frame.CONTROL, json, 0, length);
            return;
        }
        synchronized (lock) {
            for (int off = 0; off < length; off += Frame.MAX_PAYLOAD) {
                int len = Math.min(Frame.MAX_PAYLOAD, length - off);
                // A large frame is written from the caller's buffer, after its header: no copy of a
                // payload that may be a megabyte (the lock keeps other frames from coming between).
                out.write(header(off + len == length ? Frame.CONTROL : Frame.CONTINUED, len));
                out.write(json, off, len);
            }
            out.flush();
        }
    }

    /** From this size on a frame's header and payload are two writes, not a copy and one write. */
    private static final int LARGE = 16 * 1024;

    private static byte[] header(byte kind, int len) {
        int length = len + 1;
        return new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length, kind};
    }

    private static byte[] frame(byte kind, byte[] data, int off, int len) {
        if (len > Frame.MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload of " + len + " bytes is over the frame limit");
        }
        int length = len + 1;
        // One buffer, one write: a frame never reaches the socket in pieces that another
        // thread's frame could interleave with, and small frames cost one syscall.
        byte[] buffer = new byte[5 + len];
        buffer[0] = (byte) (length >>> 24);
        buffer[1] = (byte) (length >>> 16);
        buffer[2] = (byte) (length >>> 8);
        buffer[3] = (byte) length;
        buffer[4] = kind;
        System.arraycopy(data, off, buffer, 5, len);
        return buffer;
    }

    public void close() throws IOException {
        synchronized (lock) {
            out.close();
        }
    }
}
