package scarab.daemon.events;

import java.nio.charset.StandardCharsets;

/**
 * Decodes one pane's output chunk by chunk without ever splitting a character: the bytes of a
 * UTF-8 sequence cut at the end of a read are held back and decoded with the next read. Bytes
 * that are not UTF-8 become U+FFFD. Used by one thread at a time (the PTY poller).
 */
public final class Utf8Carry {
    private byte[] carry = new byte[0];

    /** The text of {@code buffer[0, n)} after what was held back, less a sequence cut at its end. */
    public String decode(byte[] buffer, int n) {
        byte[] all;
        int len;
        if (carry.length == 0) {
            all = buffer;
            len = n;
        } else {
            all = new byte[carry.length + n];
            System.arraycopy(carry, 0, all, 0, carry.length);
            System.arraycopy(buffer, 0, all, carry.length, n);
            len = all.length;
        }
        int keep = incompleteTail(all, len);
        carry = keep == 0 ? new byte[0] : java.util.Arrays.copyOfRange(all, len - keep, len);
        return new String(all, 0, len - keep, StandardCharsets.UTF_8);
    }

    /** Forgets what was held back (output that nobody decodes). */
    public void reset() {
        if (carry.length != 0) {
            carry = new byte[0];
        }
    }

    /**
     * How many bytes at the end of {@code b[0, len)} start a sequence that is not complete yet (0
     * to 3): a lead byte among the last three whose sequence runs past the end, with only
     * continuation bytes after it.
     */
    static int incompleteTail(byte[] b, int len) {
        for (int back = 1; back <= 3 && back <= len; back++) {
            int c = b[len - back] & 0xff;
            if ((c & 0xc0) == 0x80) {
                continue; // a continuation byte: look further back for its lead
            }
            int need = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 && c < 0xf0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 1;
            return need > back ? back : 0;
        }
        return 0;
    }
}
