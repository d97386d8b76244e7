package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A seeded fuzzer: many concurrent connections send random and mutated frames (truncated and huge
 * lengths, unknown kinds, invalid UTF-8, deep and huge JSON, wrong field types, unknown types,
 * input before attach, frames after the peer hung up). Afterwards the daemon must answer, the
 * session must be intact, and its threads and live heap must be back to where they were.
 */
class ProtocolFuzzIT {
    private static final int CONNECTIONS = 8;
    private static final int FRAMES_PER_CONNECTION = 1300;
    private Scarab scarab;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        scarab.ok("new", "-d", "-e", "PS1=$ ", "-c", "/bin/sh", "victim");
        scarab.ok("send-keys", "victim", "echo before-fuzz", "Enter");
        Scarab.waitFor("output", Duration.ofSeconds(20), () -> scarab.ok("capture", "victim").contains("before-fuzz\n"));
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    private int threads() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(scarab.daemonPid()), "status"))) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.substring(8).trim());
            }
        }
        throw new IOException("no thread count");
    }

    /** The daemon's live heap in KB after a full collection, through the JDK's jcmd. */
    private long liveHeapKb() throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        String pid = String.valueOf(scarab.daemonPid());
        Process gc = new ProcessBuilder(jcmd, pid, "GC.run").redirectErrorStream(true).start();
        gc.getInputStream().readAllBytes();
        assertEquals(0, gc.waitFor(), "jcmd GC.run");
        Process info = new ProcessBuilder(jcmd, pid, "GC.heap_info").redirectErrorStream(true).start();
        String text = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, info.waitFor(), text);
        // Serial collector: "def new generation ... used NK" and "tenured generation ... used NK".
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("generation\\s+total \\d+K, used (\\d+)K").matcher(text);
        long used = 0;
        int generations = 0;
        while (m.find()) {
            used += Long.parseLong(m.group(1));
            generations++;
        }
        assertEquals(2, generations, "young and old generation in: " + text);
        return used;
    }

    private static final String[] VALID = {
        "{\"type\":\"hello\",\"id\":1,\"protocolVersion\":1,\"clientVersion\":\"f\",\"capabilities\":[]}",
        "{\"type\":\"ls\",\"id\":2}",
        "{\"type\":\"capture\",\"id\":3,\"target\":\"victim\",\"escapes\":false,\"start\":null,\"end\":null,\"join\":false}",
        "{\"type\":\"rename\",\"id\":4,\"target\":\"nope\",\"newName\":\"x\"}",
        "{\"type\":\"kill\",\"id\":5,\"targets\":[\"nope\"],\"force\":false}",
        "{\"type\":\"new\",\"id\":6,\"name\":\"bad name\",\"command\":[\"sh\"],\"cwd\":\"/\",\"cols\":80,\"rows\":24,\"env\":{}}",
        "{\"type\":\"new\",\"id\":7,\"name\":\"x\",\"command\":null,\"cwd\":\"/no/such\",\"cols\":0,\"rows\":0,\"env\":null}",
        "{\"type\":\"resize\",\"id\":8,\"cols\":100000,\"rows\":100000}",
        "{\"type\":\"detach\",\"id\":9,\"target\":null}",
        "{\"type\":\"send-keys\",\"id\":10,\"target\":\"nope\",\"keys\":[\"Enter\"],\"literal\":false}",
    };

    /** One random or mutated frame. Never a valid attach, kill or rename of the victim: it must survive. */
    private static byte[] frame(Random r) {
        byte[] payload;
        byte kind = 'J';
        switch (r.nextInt(12)) {
            case 0 -> { // random bytes, random kind
                payload = new byte[r.nextInt(300)];
                r.nextBytes(payload);
                kind = (byte) r.nextInt(256);
            }
            case 1 -> { // a valid message with random bytes flipped
                payload = VALID[r.nextInt(VALID.length)].getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < 1 + r.nextInt(4); i++) {
                    payload[r.nextInt(payload.length)] = (byte) r.nextInt(256);
                }
            }
            case 2 -> payload = ("{\"type\":\"ls\",\"id\":1,\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}").getBytes();
            case 3 -> payload = ("{\"type\":\"" + "y".repeat(r.nextInt(20000)) + "\",\"id\":1}").getBytes();
            case 4 -> payload = "{\"type\":\"new\",\"id\":\"one\",\"name\":42,\"cols\":\"wide\"}".getBytes();
            case 5 -> payload = new byte[] {(byte) 0xff, (byte) 0xfe, '{', (byte) 0xc0, '}'};
            case 6 -> { // input before attach
                kind = 'I';
                payload = "echo never\r".getBytes();
            }
            case 7 -> {
                kind = 'O';
                payload = new byte[10];
            }
            default -> payload = VALID[r.nextInt(VALID.length)].getBytes(StandardCharsets.UTF_8);
        }
        ByteBuffer b = ByteBuffer.allocate(5 + payload.length);
        b.putInt(payload.length + 1).put(kind).put(payload);
        return b.array();
    }

    @Test
    void daemonSurvivesTenThousandHostileFrames() throws Exception {
        int baseline = threads();
        long heapBaseline = liveHeapKb();
        AtomicInteger sent = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            long seed = 1000 + c;
            futures.add(pool.submit(() -> {
                Random r = new Random(seed);
                SocketChannel ch = null;
                for (int i = 0; i < FRAMES_PER_CONNECTION; i++) {
                    try {
                        if (ch == null || r.nextInt(50) == 0) {
                            if (ch != null) {
                                ch.close();
                            }
                            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                            ch.connect(UnixDomainSocketAddress.of(scarab.socket()));
                            if (r.nextBoolean()) {
                                ch.write(ByteBuffer.wrap(frameOf(VALID[0])));
                            }
                        }
                        byte[] f = frame(r);
                        int roll = r.nextInt(40);
                        if (roll == 0) { // a truncated frame, then hang up
                            ch.write(ByteBuffer.wrap(f, 0, Math.max(1, f.length / 2)));
                            ch.close();
                            ch = null;
                        } else if (roll == 1) { // a huge announced length
                            ch.write(ByteBuffer.wrap(new byte[] {0x7f, (byte) 0xff, 0, 0, 'J'}));
                            ch.close();
                            ch = null;
                        } else {
                            ch.write(ByteBuffer.wrap(f));
                            drain(ch);
                        }
                        sent.incrementAndGet();
                    } catch (IOException e) {
                        ch = null; // the daemon hung up on us, as it may: reconnect
                        sent.incrementAndGet();
                    }
                }
                if (ch != null) {
                    ch.close();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertTrue(sent.get() >= 10_000, "sent " + sent.get());

        assertTrue(scarab.ok("ls").contains("victim"), "the daemon answers");
        scarab.ok("send-keys", "victim", "echo after-fuzz", "Enter");
        Scarab.waitFor("the session to still work", Duration.ofSeconds(20),
                () -> scarab.ok("capture", "victim").contains("after-fuzz\n"));
        assertTrue(!scarab.ok("capture", "victim").contains("never"), "input before attach never reached the session");
        assertEquals(1, scarab.ok("ls", "--names").strip().lines().count(), "nothing was created or lost");
        Scarab.waitFor("threads back to the baseline of " + baseline, Duration.ofSeconds(20), () -> {
            try {
                return threads() <= baseline + 1;
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        // Every connection's buffers and half-read frames are garbage now: the live heap is back
        // where it was, give or take what logging and class loading keep (well under 4 MB).
        long heapAfter = liveHeapKb();
        assertTrue(heapAfter <= heapBaseline + 4096,
                "live heap after the fuzz " + heapAfter + " KB, before " + heapBaseline + " KB");
    }

    private static byte[] frameOf(String json) {
        byte[] p = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(5 + p.length).putInt(p.length + 1).put((byte) 'J').put(p).array();
    }

    /** Reads whatever answers are waiting, without blocking for long. */
    private static void drain(SocketChannel ch) throws IOException {
        ch.configureBlocking(false);
        try {
            ByteBuffer b = ByteBuffer.allocate(65536);
            while (ch.read(b) > 0) {
                b.clear();
            }
        } finally {
            ch.configureBlocking(true);
        }
    }
}
