package scarab.daemon.terminal;

import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * A growable byte array that history lines are encoded into (big-endian, as DataOutputStream
 * writes, so that {@link HistLine#readFrom} reads it back), then compressed in one call. Every
 * line of a flood with history on disk comes through here on the snapshot thread: plain array
 * stores instead of a stream's call per byte. Not thread safe: one encoding at a time.
 */
final class ByteSink {
    private byte[] buf;
    private int size;

    ByteSink(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    int size() {
        return size;
    }

    private void room(int n) {
        if (size + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
    }

    void writeByte(int b) {
        room(1);
        buf[size++] = (byte) b;
    }

    void write(byte[] b, int off, int len) {
        room(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    void writeInt(int v) {
        room(4);
        buf[size] = (byte) (v >>> 24);
        buf[size + 1] = (byte) (v >>> 16);
        buf[size + 2] = (byte) (v >>> 8);
        buf[size + 3] = (byte) v;
        size += 4;
    }

    void writeLong(long v) {
        writeInt((int) (v >>> 32));
        writeInt((int) v);
    }

    /** Unsigned LEB128, as {@link Varint} reads it. */
    void writeVarint(long v) {
        room(10);
        while ((v & ~0x7fL) != 0) {
            buf[size++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    /** The bytes written, compressed as a zlib stream at {@code level}. */
    byte[] deflated(int level) {
        Deflater deflater = new Deflater(level);
        try {
            deflater.setInput(buf, 0, size);
            deflater.finish();
            byte[] out = new byte[Math.max(64, size / 4)];
            int n = 0;
            while (!deflater.finished()) {
                if (n == out.length) out = Arrays.copyOf(out, out.length * 2);
                n += deflater.deflate(out, n, out.length - n);
            }
            return Arrays.copyOf(out, n);
        } finally {
            deflater.end();
        }
    }
}
