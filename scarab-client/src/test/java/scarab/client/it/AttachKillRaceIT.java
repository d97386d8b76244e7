package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.protocol.Frame;
import scarab.protocol.Json;
import scarab.protocol.Request;
import scarab.protocol.Response;

/**
 * Attach racing kill: every client that asked to attach while the session was being killed either
 * is refused or, once attached, is told of the kill. None is left attached to a session that no
 * longer exists.
 */
class AttachKillRaceIT {
    private static final int ROUNDS = 20;
    private static final int CLIENTS_PER_ROUND = 5;
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

    /** How one attach ended: "refused", "killed", or what else it got. */
    private String attach(String name) throws Exception {
        try (RawConnection c = new RawConnection(scarab.socket())) {
            c.hello();
            c.send(new Request.Attach(2, name, false, false, 80, 24, null));
            boolean attached = false;
            while (true) {
                Frame f = c.reader.read();
                if (f == null) {
                    return attached ? "attached, then the connection ended" : "connection ended";
                }
                if (f.kind() != Frame.CONTROL) {
                    continue;
                }
                Response r = Json.readResponseUnchecked(f.text());
                if (r instanceof Response.Error e) {
                    return attached ? "attached, then " + e.message() : "refused";
                } else if (r instanceof Response.Attached) {
                    attached = true;
                } else if (r instanceof Response.Detached d) {
                    return "killed".equals(d.reason()) ? "killed" : "detached: " + d.reason();
                } else if (r instanceof Response.Exited x) {
                    return "exited " + x.exitCode();
                }
            }
        }
    }

    @Test
    void everyClientAttachingWhileTheSessionIsKilledIsToldOfTheKill() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        int killedSeen = 0;
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String name = "race" + round;
                scarab.ok("new", "-d", "-c", "sleep 100000", name);
                // Each client attaches again and again until it is refused, so attaches keep
                // arriving all through the kill.
                List<Future<List<String>>> clients = new ArrayList<>();
                for (int i = 0; i < CLIENTS_PER_ROUND; i++) {
                    clients.add(pool.submit(() -> {
                        List<String> outcomes = new ArrayList<>();
                        do {
                            outcomes.add(attach(name));
                        } while (!outcomes.get(outcomes.size() - 1).equals("refused"));
                        return outcomes;
                    }));
                }
                Future<String> kill = pool.submit(() -> {
                    try (RawConnection c = new RawConnection(scarab.socket())) {
                        c.hello();
                        c.send(new Request.Kill(3, List.of(name), true));
                        return c.next().getClass().getSimpleName();
                    }
                });
                assertEquals("Killed", kill.get(120, TimeUnit.SECONDS));
                for (Future<List<String>> client : clients) {
                    // A generous bound: a client that never hears of the kill would wait forever.
                    List<String> outcomes;
                    try {
                        outcomes = client.get(120, TimeUnit.SECONDS);
                    } catch (TimeoutException e) {
                        throw new AssertionError("round " + round + ": a client attached to the killed session"
                                + " never heard of the kill");
                    }
                    for (String outcome : outcomes) {
                        assertTrue(outcome.equals("killed") || outcome.equals("refused"), "round " + round + ": " + outcome);
                        if (outcome.equals("killed")) {
                            killedSeen++;
                        }
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(killedSeen > 0, "some clients attached before the kill");
    }
}
