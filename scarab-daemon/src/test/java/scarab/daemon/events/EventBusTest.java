package scarab.daemon.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import scarab.daemon.UserError;

class EventBusTest {

    /** A sink that keeps every line, and blocks while {@code gate} is closed. */
    private static final class Lines implements Subscriber.Sink {
        final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile CountDownLatch gate = new CountDownLatch(0);
        final CountDownLatch blocked = new CountDownLatch(1);

        @Override
        public void write(byte[] bytes, List<DaemonEvent> events) throws IOException {
            blocked.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            for (String l : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                lines.add(l);
            }
        }

        void awaitLines(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lines.size() < n) {
                assertTrue(System.nanoTime() < deadline, "lines: " + lines);
                Thread.sleep(5);
            }
        }
    }

    private static EventFields named(int i) {
        return EventFields.of().session(1, "s\"" + i + "\u001b");
    }

    @Test
    void seqsRiseByOneAndLinesAreJson() throws Exception {
        EventBus bus = new EventBus(100, 1 << 20);
        Lines sink = new Lines();
        try (EventBus.Subscription s = bus.subscribe("t", e -> true, false, null, sink)) {
            for (int i = 0; i < 5; i++) {
                bus.publish("session-created", named(i));
            }
            sink.awaitLines(5);
        }
        for (int i = 0; i < 5; i++) {
            String l = sink.lines.get(i);
            assertTrue(l.startsWith("{\"seq\":" + (i + 1) + ",\"time\":\""), l);
            assertTrue(l.endsWith(",\"type\":\"session-created\",\"session\":\"$1\",\"session_name\":\"s\\\"" + i
                    + "\\u001b\"}"), l);
        }
    }

    @Test
    void aReaderThatStopsLosesEventsAndIsToldOnce() throws Exception {
        EventBus bus = new EventBus(1000, 1 << 20);
        Lines sink = new Lines();
        sink.gate = new CountDownLatch(1);
        try (EventBus.Subscription s = bus.subscribe("t", e -> true, false, null, 10, 1 << 20, sink)) {
            bus.publish("bell", named(0));
            assertTrue(sink.blocked.await(60, TimeUnit.SECONDS)); // the thread holds event 1, blocked
            for (int i = 1; i < 100; i++) {
                bus.publish("bell", named(i));
            }
            sink.gate.countDown();
            sink.awaitLines(12);
            bus.publish("bell", named(100));
            sink.awaitLines(13);
        }
        List<String> l = sink.lines;
        assertTrue(l.get(0).startsWith("{\"seq\":1,"), l.toString());
        for (int i = 1; i <= 10; i++) {
            assertTrue(l.get(i).startsWith("{\"seq\":" + (i + 1) + ","), l.toString());
        }
        assertTrue(l.get(11).contains("\"type\":\"overflow\",\"first_lost_seq\":12,\"last_lost_seq\":"), l.toString());
        assertTrue(l.get(11).contains("\"last_lost_seq\":100,\"lost\":89}"), l.toString());
        assertTrue(l.get(12).startsWith("{\"seq\":101,"), l.toString());
        assertEquals(1, l.stream().filter(x -> x.contains("overflow")).count(), l.toString());
    }

    @Test
    void sinceReplaysWhatTheRingHoldsElseSaysItIsGone() throws Exception {
        EventBus bus = new EventBus(10, 1 << 20);
        for (int i = 0; i < 25; i++) {
            bus.publish("bell", named(i));
        }
        UserError gone = assertThrows(UserError.class, () -> bus.subscribe("t", e -> true, false, 15L, new Lines()));
        assertTrue(gone.getMessage().startsWith("events before 16 are gone"), gone.getMessage());
        Lines sink = new Lines();
        try (EventBus.Subscription s = bus.subscribe("t", e -> true, false, 20L, sink)) {
            assertEquals(25, s.lastSeq());
            bus.publish("bell", named(99));
            sink.awaitLines(7);
        }
        List<Long> seqs = new ArrayList<>();
        for (String l : sink.lines) {
            seqs.add(Long.parseLong(l.substring(7, l.indexOf(','))));
        }
        assertEquals(List.of(20L, 21L, 22L, 23L, 24L, 25L, 26L), seqs);
    }

    @Test
    void outputIsPublishedOnlyWhileSomeoneReadsIt() throws Exception {
        EventBus bus = new EventBus(10, 1 << 20);
        assertTrue(!bus.outputWanted());
        Lines sink = new Lines();
        EventBus.Subscription s = bus.subscribe("t", e -> true, true, null, sink);
        assertTrue(bus.outputWanted());
        s.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (bus.outputWanted() || bus.subscribers() > 0) {
            assertTrue(System.nanoTime() < deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void utf8CutAtTheEndOfAReadWaitsForItsLastBytes() {
        Utf8Carry c = new Utf8Carry();
        byte[] euro = "A\u20acB\ud83d\ude00".getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        for (byte b : euro) {
            out.append(c.decode(new byte[] {b}, 1));
        }
        assertEquals("A\u20acB\ud83d\ude00", out.toString());
        assertEquals("\ufffdx", new Utf8Carry().decode(new byte[] {(byte) 0xff, 'x'}, 2));
    }
}
