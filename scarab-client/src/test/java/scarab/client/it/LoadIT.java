package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.client.daemon.DaemonConnection;
import scarab.protocol.Frame;
import scarab.protocol.Request;
import scarab.protocol.Response;
import scarab.protocol.SessionInfo;

/**
 * 100 concurrent clients create, attach, type, detach, rename, list and kill sessions in random
 * order against one daemon. Every request must complete (the clients' connections have no
 * deadline of their own here): on a busy machine requests may be slow, so time is not judged; a
 * watchdog only dumps the daemon's threads (into target/) when a request has waited a long time,
 * to show what it waits for. At the end: every response matched its request, the daemon's
 * sessions are exactly the ones the clients believe exist, the store agrees, and no client is
 * attached. The slowest request of each kind is printed. Duration: -Dscarab.load.seconds
 * (default 15 here; bench runs use 60).
 */
class LoadIT {
    private static final int CLIENTS = 100;
    /** A request waiting this long gets the daemon's threads dumped, once: a diagnosis, not a failure. */
    private static final long DUMP_AFTER_MILLIS = 30_000;
    /** Far beyond any busy machine: a request still unanswered then is stuck. */
    private static final long STUCK_SECONDS = 600;
    private Scarab scarab;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        scarab.ok("daemon", "start");
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    private record InFlight(long started, String what) {}

    private final Map<Integer, InFlight> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Long> slowestMillis = new ConcurrentHashMap<>();
    private final AtomicInteger operations = new AtomicInteger();

    private void started(int client, String what) {
        inFlight.put(client, new InFlight(System.nanoTime(), what));
    }

    private void finished(int client) {
        InFlight f = inFlight.remove(client);
        slowestMillis.merge(f.what(), (System.nanoTime() - f.started()) / 1_000_000, Math::max);
    }

    /** Runs one request, tracked by the watchdog; checks the response answers it. */
    private Response call(int client, DaemonConnection c, Request r) throws Exception {
        started(client, r.getClass().getSimpleName());
        try {
            Response response = c.call(r);
            assertEquals(r.id(), response.id(), "a response to another request");
            operations.incrementAndGet();
            return response;
        } finally {
            finished(client);
        }
    }

    private static DaemonConnection connect(Scarab scarab) throws Exception {
        return DaemonConnection.open(scarab.socket(), 0);
    }

    @Test
    void hundredClientsInRandomOrder() throws Exception {
        long seconds = Long.getLong("scarab.load.seconds", 15);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Set<String> live = ConcurrentHashMap.newKeySet();
        AtomicLong counter = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            int client = i;
            futures.add(pool.submit(() -> {
                Random random = new Random(client);
                List<String> mine = new ArrayList<>();
                try (DaemonConnection c = connect(scarab)) {
                    while (System.nanoTime() < deadline) {
                        int op = mine.isEmpty() ? 0 : random.nextInt(6);
                        switch (op) {
                            case 0 -> {
                                String name = "c" + client + "-" + counter.incrementAndGet();
                                call(client, c, new Request.NewSession(c.nextId(), name, List.of("cat"), "/", 80, 24, Map.of()));
                                mine.add(name);
                                live.add(name);
                            }
                            case 1 -> attachTypeDetach(client, mine.get(random.nextInt(mine.size())));
                            case 2 -> {
                                String old = mine.remove(random.nextInt(mine.size()));
                                String renamed = "c" + client + "-" + counter.incrementAndGet();
                                call(client, c, new Request.Rename(c.nextId(), old, renamed));
                                live.remove(old);
                                live.add(renamed);
                                mine.add(renamed);
                            }
                            case 3 -> assertTrue(call(client, c, new Request.ListSessions(c.nextId())) instanceof Response.Listing);
                            case 4 -> {
                                String victim = mine.remove(random.nextInt(mine.size()));
                                call(client, c, new Request.Kill(c.nextId(), List.of(victim), false));
                                live.remove(victim);
                            }
                            default -> call(client, c, new Request.Capture(c.nextId(), mine.get(0), false, null, null, false));
                        }
                    }
                }
                return null;
            }));
        }
        Thread watchdog = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                for (Map.Entry<Integer, InFlight> e : inFlight.entrySet()) {
                    if (System.nanoTime() - e.getValue().started() > TimeUnit.MILLISECONDS.toNanos(DUMP_AFTER_MILLIS)) {
                        System.err.println("load: client " + e.getKey() + " has waited " + DUMP_AFTER_MILLIS / 1000
                                + " s for " + e.getValue().what() + "; the daemon's threads are in target/load-daemon-threads.txt");
                        dumpDaemonThreads();
                        return;
                    }
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ex) {
                    return;
                }
            }
        }, "load-watchdog");
        watchdog.start();
        try {
            for (Future<?> f : futures) {
                f.get(seconds + STUCK_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            watchdog.interrupt();
            pool.shutdownNow();
        }
        assertTrue(operations.get() > CLIENTS, "operations: " + operations.get());
        System.out.println("load: slowest request of each kind (ms): " + new java.util.TreeMap<>(slowestMillis));

        Set<String> listed = new HashSet<>();
        try (DaemonConnection c = connect(scarab)) {
            for (SessionInfo s : ((Response.Listing) c.call(new Request.ListSessions(c.nextId()))).sessions()) {
                listed.add(s.name());
                assertEquals(0, s.clients(), s.name() + " still has clients");
            }
        }
        assertEquals(live, listed, "the daemon's sessions are exactly the acknowledged ones");
        Set<String> stored = new HashSet<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + scarab.database());
             Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM sessions")) {
            while (rs.next()) {
                stored.add(rs.getString(1));
            }
        }
        assertEquals(live, stored, "store rows == live sessions");
        System.out.println("load: " + operations.get() + " requests by " + CLIENTS + " clients in " + seconds + " s");
    }

    /** Attach on a connection of its own, type a line, see it echoed, detach. */
    private void attachTypeDetach(int client, String name) throws Exception {
        try (DaemonConnection a = connect(scarab)) {
            call(client, a, new Request.Attach(a.nextId(), name, false, false, 80, 24, null));
            String marker = "typed-" + client + "-" + System.nanoTime();
            a.sendInput((marker + "\r").getBytes(StandardCharsets.US_ASCII), 0, marker.length() + 1);
            StringBuilder seen = new StringBuilder();
            started(client, "echo");
            while (seen.indexOf(marker) < 0) {
                Frame f = a.readFrame();
                if (f == null) {
                    throw new AssertionError("the daemon hung up during attach");
                }
                if (f.kind() == Frame.OUTPUT) {
                    seen.append(new String(f.payload(), StandardCharsets.UTF_8));
                }
            }
            finished(client);
            a.send(new Request.Detach(a.nextId(), null));
            Frame f;
            while ((f = a.readFrame()) != null) {
                if (f.kind() == Frame.CONTROL && DaemonConnection.decode(f) instanceof Response.Detached) {
                    break;
                }
            }
            operations.incrementAndGet();
        }
    }

    private void dumpDaemonThreads() {
        try {
            Process p = new ProcessBuilder("jcmd", String.valueOf(scarab.daemonPid()), "Thread.print")
                    .redirectOutput(scarab.root.resolve("daemon-threads.txt").toFile()).start();
            p.waitFor(20, TimeUnit.SECONDS);
            Files.copy(scarab.root.resolve("daemon-threads.txt"), Path.of("target", "load-daemon-threads.txt"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (Exception e) {
            System.err.println("could not dump the daemon's threads: " + e);
        }
    }
}
