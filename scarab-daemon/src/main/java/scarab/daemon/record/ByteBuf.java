package scarab.daemon.record;

import java.nio.ByteBuffer;

/** A growable byte buffer for the writer thread's lines: reused, never shrunk below its start size. */
final class ByteBuf {
    private byte[] bytes = new byte[64 * 1024];
    private int length;

    void write(int b) {
        ensure(1);
        bytes[length++] = (byte) b;
    }

    void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, length, len);
        length += len;
    }

    ByteBuf ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            bytes[length++] = (byte) s.charAt(i);
        }
        return this;
    }

    /** A number of microseconds as seconds with six decimals ({@code 12.000345}). */
    void seconds(long micros) {
        long m = Math.max(0, micros);
        ascii(Long.toString(m / 1_000_000));
        write('.');
        String frac = Long.toString(m % 1_000_000);
        for (int i = frac.length(); i < 6; i++) {
            write('0');
        }
        ascii(frac);
    }

    int length() {
        return length;
    }

    void truncate(int to) {
        length = to;
    }

    void clear() {
        length = 0;
    }

    ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes, 0, length);
    }

    byte[] toArray() {
        return java.util.Arrays.copyOf(bytes, length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
