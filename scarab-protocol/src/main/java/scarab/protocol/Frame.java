package scarab.protocol;

import java.nio.charset.StandardCharsets;

/**
 * One unit on the wire: {@code u32 length (big-endian, of what follows) | u8 kind | payload}.
 * The length counts the kind byte plus the payload.
 */
public record Frame(byte kind, byte[] payload) {

    /** A JSON control message (UTF-8): requests, responses and events. */
    public static final byte CONTROL = 'J';
    /** Raw terminal output, daemon to attached client. */
    public static final byte OUTPUT = 'O';
    /** Raw terminal input, attached client to daemon. */
    public static final byte INPUT = 'I';
    /**
     * A piece of a control message too long for one frame: the pieces, then the last one as a
     * {@link #CONTROL} frame, make up one message. Sent only to clients that announce
     * {@link #CONTINUED_CAPABILITY} in their hello.
     */
    public static final byte CONTINUED = 'C';
    public static final String CONTINUED_CAPABILITY = "continued";
    /**
     * Terminal input with a sequence number, attached client to daemon: {@code u64 seq
     * (big-endian) | bytes}. The daemon applies each number once per client identity (said by
     * {@code input-identity}), so a client that lost its connection may send again what the
     * daemon may not have had (see docs/protocol.md, "Input that survives a reconnect").
     */
    public static final byte SEQUENCED_INPUT = 'K';

    /** Largest payload accepted for any kind (DESIGN: 1 MiB for 'J', 1 MiB per 'O'/'I' chunk). */
    public static final int MAX_PAYLOAD = 1 << 20;

    /**
     * Largest control message a client takes in continued frames: ten times a listing of 2,000
     * sessions, and within the client's small heap (the message, its pieces and its strings).
     */
    public static final int MAX_MESSAGE = 16 << 20;

    public static Frame control(String json) {
        return new Frame(CONTROL, json.getBytes(StandardCharsets.UTF_8));
    }

    public static Frame output(byte[] bytes) {
        return new Frame(OUTPUT, bytes);
    }

    public static Frame input(byte[] bytes) {
        return new Frame(INPUT, bytes);
    }

    public static boolean isKnownKind(byte kind) {
        return kind == CONTROL || kind == OUTPUT || kind == INPUT || kind == CONTINUED || kind == SEQUENCED_INPUT;
    }

    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    public static String kindName(byte kind) {
        return kind >= 0x21 && kind < 0x7f ? "'" + (char) kind + "'" : String.format("0x%02x", kind & 0xff);
    }
}
