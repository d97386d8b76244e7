package scarab.daemon.record;

/**
 * Turns a pane's output, read in pieces, into the body of JSON strings, one piece at a time: a
 * character split between two reads is held back and written whole with the next piece, never
 * split between two events (a JSON string holds characters, not bytes). Works on the bytes, in
 * one pass: well-formed UTF-8 is copied as it is, the characters JSON must escape are escaped,
 * and anything that is not UTF-8 becomes U+FFFD (one per maximal ill-formed part, as Java's
 * decoder counts them). One per recording, used by its writer thread only.
 */
final class Utf8Json {
    private static final byte[] REPLACEMENT = {(byte) 0xef, (byte) 0xbf, (byte) 0xbd};
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** The start of a character the last piece ended in. */
    private final byte[] held = new byte[3];
    private int heldLength;

    /** Appends the escaped text of {@code data}, holding back an unfinished last character. */
    void append(byte[] data, int off, int len, ByteBuf out) {
        if (heldLength > 0) {
            byte[] joined = new byte[heldLength + len];
            System.arraycopy(held, 0, joined, 0, heldLength);
            System.arraycopy(data, off, joined, heldLength, len);
            heldLength = 0;
            data = joined;
            off = 0;
            len = joined.length;
        }
        int end = off + len;
        int i = off;
        while (i < end) {
            int b = data[i] & 0xff;
            if (b < 0x80) {
                int run = i;
                while (run < end) {
                    int c = data[run];
                    if (c < 0x20 || c == '"' || c == '\\') { // also every byte >= 0x80 (negative)
                        break;
                    }
                    run++;
                }
                if (run > i) {
                    out.write(data, i, run - i);
                    i = run;
                    continue;
                }
                if (b < 0x80) {
                    escape(b, out);
                    i++;
                    continue;
                }
            }
            int need;
            int lo = 0x80;
            int hi = 0xbf;
            if (b >= 0xc2 && b <= 0xdf) {
                need = 1;
            } else if (b >= 0xe0 && b <= 0xef) {
                need = 2;
                if (b == 0xe0) {
                    lo = 0xa0;
                } else if (b == 0xed) {
                    hi = 0x9f;
                }
            } else if (b >= 0xf0 && b <= 0xf4) {
                need = 3;
                if (b == 0xf0) {
                    lo = 0x90;
                } else if (b == 0xf4) {
                    hi = 0x8f;
                }
            } else {
                out.write(REPLACEMENT, 0, 3);
                i++;
                continue;
            }
            int k = 1;
            while (k <= need && i + k < end) {
                int c = data[i + k] & 0xff;
                int min = k == 1 ? lo : 0x80;
                int max = k == 1 ? hi : 0xbf;
                if (c < min || c > max) {
                    break;
                }
                k++;
            }
            if (k > need) {
                out.write(data, i, need + 1);
                i += need + 1;
            } else if (i + k == end) {
                // Good so far, and the piece ends: the rest comes with the next one.
                heldLength = k;
                System.arraycopy(data, i, held, 0, k);
                return;
            } else {
                out.write(REPLACEMENT, 0, 3);
                i += k;
            }
        }
    }

    /** The recording ends, or the stream starts over: an unfinished character becomes U+FFFD. */
    void finish(ByteBuf out) {
        if (heldLength > 0) {
            heldLength = 0;
            out.write(REPLACEMENT, 0, 3);
        }
    }

    /** Forgets an unfinished character (what follows does not continue it). */
    void reset() {
        heldLength = 0;
    }

    private static void escape(int b, ByteBuf out) {
        switch (b) {
            case '"' -> out.ascii("\\\"");
            case '\\' -> out.ascii("\\\\");
            case '\n' -> out.ascii("\\n");
            case '\r' -> out.ascii("\\r");
            case '\t' -> out.ascii("\\t");
            case '\b' -> out.ascii("\\b");
            case '\f' -> out.ascii("\\f");
            default -> {
                out.ascii("\\u00");
                out.write(HEX[b >> 4]);
                out.write(HEX[b & 15]);
            }
        }
    }

    /** A whole string (a header's field), escaped the same way, with its quotes. */
    static void quoted(String s, ByteBuf out) {
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.write('"');
        new Utf8Json().append(bytes, 0, bytes.length, out);
        out.write('"');
    }
}
