package scarab.daemon.terminal;

import java.io.DataInputStream;
import java.io.IOException;

/** Reads the unsigned LEB128 integers of the stored history format ({@link ByteSink#writeVarint} writes them). */
final class Varint {
    private Varint() {}

    /** Reads a value, refusing one above {@code max} (corrupt or hostile data). */
    static int read(DataInputStream in, int max) throws IOException {
        long v = readLong(in);
        if (v > max) throw new IOException("stored value " + v + " is over its limit " + max);
        return (int) v;
    }

    static long readLong(DataInputStream in) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) return v;
        }
        throw new IOException("stored number too long");
    }
}
