package scarab.daemon.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One published event: its daemon-wide {@code seq}, its time, its type and fields. Immutable;
 * shared by the ring of recent events and every subscriber's queue, and written by each
 * subscriber's own thread ({@link #line}), never by the publisher.
 */
public record DaemonEvent(long seq, Instant time, String type, EventFields fields, byte[] body) {

    /** Roughly what it holds in memory, for the byte bounds of the ring and the queues. */
    long size() {
        return 96 + body.length;
    }

    boolean isOutput() {
        return scarab.protocol.EventTypes.OUTPUT.equals(type);
    }

    /** The event as one JSON line: {@code {"seq":N,"time":"...","type":...}\n}. */
    byte[] line() {
        byte[] head = ("{\"seq\":" + seq + ",\"time\":\"" + time + "\"").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + body.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }
}
