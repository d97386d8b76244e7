package scarab.protocol;

import java.util.Arrays;

/**
 * One {@code captured} message ({@link Response.Captured}) written line by line straight into a
 * reused UTF-8 buffer: the daemon sends a long capture as a run of these pieces, each about
 * {@link #BYTES} long, so that neither the capture's text nor a JSON document of it ever exists
 * whole. Databind would make a string, its bytes and a frame of each piece (and grow its own
 * buffers on the way): garbage several times the capture's size, for every capture.
 *
 * <p>The JSON is what {@link Json#write} makes of the same message, field for field, and reads
 * back the same through {@link Json} and {@link LeanJson} (CapturedPieceTest). Strings are
 * escaped as RFC 8259 requires; a lone surrogate, which has no UTF-8 form, is written as
 * {@code ?}, as {@link String#getBytes} does. Used by one thread.
 */
public final class CapturedPiece {
    /**
     * The size a piece is kept within, unless its one line is longer: small enough to die young
     * in the daemon's heap, large enough that a frame's cost is nothing beside its text.
     */
    public static final int BYTES = 64 * 1024;

    private final int bound;
    private final int prefix;
    private byte[] buf;
    private int len;
    private int lines;

    public CapturedPiece(long id) {
        this(id, BYTES);
    }

    /** A piece kept within {@code bound} bytes (tests use small ones). */
    public CapturedPiece(long id, int bound) {
        this.bound = bound;
        // Room for a full piece and the line that overflows it: grows only for a line longer than a piece.
        this.buf = new byte[2 * Math.min(bound, BYTES) + 64];
        ascii("{\"type\":\"captured\",\"id\":");
        ascii(Long.toString(id));
        ascii(",\"lines\":[");
        prefix = len;
    }

    /**
     * Adds a line if the piece stays within its bound, or if it has no line yet (a line longer
     * than the bound goes alone); false, with nothing added, if it would not: send this piece
     * ({@link #finish}), {@link #clear} it and add the line again.
     */
    public boolean tryAdd(CharSequence line) {
        int mark = len;
        if (lines > 0) {
            put((byte) ',');
        }
        quote(line);
        if (len + 16 > bound && lines > 0) { // 16: room for the end of the message
            len = mark;
            return false;
        }
        lines++;
        return true;
    }

    public int lines() {
        return lines;
    }

    /** Ends the message; the JSON is {@link #bytes()}{@code [0, length)} until the next change. */
    public int finish(boolean more) {
        ascii(more ? "],\"more\":true}" : "],\"more\":false}");
        return len;
    }

    public byte[] bytes() {
        return buf;
    }

    /** Empties the piece for the next lines of the same capture. */
    public void clear() {
        len = prefix;
        lines = 0;
    }

    private void quote(CharSequence s) {
        put((byte) '"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c == '"' || c == '\\') {
                    put((byte) '\\');
                    put((byte) c);
                } else if (c < 0x20) {
                    control(c);
                } else {
                    put((byte) c);
                }
            } else if (c < 0x800) {
                room(2);
                buf[len++] = (byte) (0xc0 | (c >> 6));
                buf[len++] = (byte) (0x80 | (c & 0x3f));
            } else if (!Character.isSurrogate(c)) {
                room(3);
                buf[len++] = (byte) (0xe0 | (c >> 12));
                buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                buf[len++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                room(4);
                buf[len++] = (byte) (0xf0 | (cp >> 18));
                buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                buf[len++] = (byte) (0x80 | (cp & 0x3f));
            } else {
                put((byte) '?');
            }
        }
        put((byte) '"');
    }

    /** Jackson's escapes: the short ones where JSON has them, else backslash-u and four hex digits. */
    private void control(char c) {
        switch (c) {
            case '\b' -> ascii("\\b");
            case '\t' -> ascii("\\t");
            case '\n' -> ascii("\\n");
            case '\f' -> ascii("\\f");
            case '\r' -> ascii("\\r");
            default -> {
                ascii("\\u00");
                put((byte) Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                put((byte) Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
    }

    private void ascii(String s) {
        room(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void put(byte b) {
        room(1);
        buf[len++] = b;
    }

    private void room(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }
}
