package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.client.daemon.DaemonConnection;
import scarab.protocol.ChannelStreams;
import scarab.protocol.Frame;
import scarab.protocol.FrameReader;
import scarab.protocol.Request;
import scarab.protocol.Response;

/**
 * kill -9 of the daemon while 50 clients are attached and typing into five sessions (and one
 * more keeps creating sessions). Every client sees the connection end (the real client, in a
 * terminal, says "[lost server]" and exits 1); the next daemon restores every acknowledged session
 * with its history, from a database that passes its integrity check.
 */
class CrashDuringAttachIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int SESSIONS = 5;
    private static final int CLIENTS = 50;
    private Scarab scarab;
    private Tmux tmux;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        Files.createDirectories(scarab.root.resolve("config/scarab"));
        Files.writeString(scarab.root.resolve("config/scarab/config.toml"), "snapshot-interval = \"200ms\"\n");
        tmux = new Tmux(scarab.root);
    }

    @AfterEach
    void stop() throws Exception {
        tmux.close();
        scarab.close();
    }

    private Map<String, JsonNode> sessions() throws Exception {
        return scarab.sessionsByName();
    }

    private int attachedClients() {
        try {
            int n = 0;
            for (JsonNode s : sessions().values()) {
                n += s.get("clients").asInt();
            }
            return n;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The real client, typed at a shell in a tmux window; the shell prints its exit status after. */
    private String envLine() {
        return scarab.envLine(true, Map.of("PS1", "outer$ "));
    }

    private void realClient(String window, String session) {
        String command = "env " + envLine() + " " + scarab.clientCommand() + " attach " + session
                + "; echo client-status=$?";
        tmux.newWindow(window, "env -i " + envLine() + " /bin/sh");
        tmux.awaitText(window, "outer$");
        tmux.type(window, command, "Enter");
    }

    /**
     * A daemon lost after it made the client's terminal raw but before its answer (played here by
     * a pretend daemon that does just that and hangs up): the client cannot know how the terminal
     * was, and makes it cooked again rather than leave it without echo and line editing.
     */
    @Test
    void aDaemonLostBeforeItsAnswerLeavesTheTerminalCooked() throws Exception {
        java.nio.file.Path socket = scarab.root.resolve("pretend.sock");
        tmux.start(100, 30, "env -i " + envLine() + " /bin/sh");
        tmux.awaitText(null, "outer$");
        String tty = tmux.paneTty(null);
        java.util.concurrent.ExecutorService accepting = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (java.nio.channels.ServerSocketChannel server =
                     java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            server.bind(java.net.UnixDomainSocketAddress.of(socket));
            tmux.type(null, "env " + envLine() + " " + scarab.clientCommand() + " -S " + socket
                    + " --no-start attach x; echo client-status=$?", "Enter");
            try (java.nio.channels.SocketChannel ch = accepting.submit(server::accept)
                    .get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                FrameReader reader = new FrameReader(new java.io.BufferedInputStream(ChannelStreams.in(ch)));
                reader.read(); // hello
                assertTrue(reader.read().text().contains("\"terminalPid\""), "the terminal is offered");
                Tmux.stty(tty, "raw");
                Tmux.stty(tty, "-echo");
            } // and the pretend daemon is gone without an answer
        } finally {
            accepting.shutdownNow();
        }
        tmux.await(null, "the client's end", WAIT, s -> s.contains("client-status=1"));
        String modes = Tmux.stty(tty, "-a");
        assertTrue(modes.contains(" icanon") && modes.contains(" echo "), "cooked again: " + modes);
    }

    @Test
    void kill9DuringFiftyAttaches() throws Exception {
        for (int i = 0; i < SESSIONS; i++) {
            scarab.ok("new", "-d", "-e", "PS1=$ ", "-c", "/bin/sh", "s" + i);
            scarab.ok("send-keys", "s" + i, "echo history-of-s" + i + "-$((6*7))", "Enter");
        }
        for (int i = 0; i < SESSIONS; i++) {
            String name = "s" + i;
            Scarab.waitFor("a snapshot of " + name, WAIT, () -> {
                try {
                    return Faults.storedSnapshot(scarab.database(), name).contains("history-of-" + name + "-42");
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
        }
        Map<String, String> ids = new HashMap<>();
        sessions().forEach((name, s) -> ids.put(name, s.get("id").asText()));

        CountDownLatch attached = new CountDownLatch(CLIENTS);
        AtomicInteger ended = new AtomicInteger();
        List<Throwable> problems = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                try (DaemonConnection conn = DaemonConnection.open(scarab.socket())) {
                    Response r = conn.call(new Request.Attach(conn.nextId(), "s" + client % SESSIONS, false, false,
                            80, 24, null));
                    assertInstanceOf(Response.Attached.class, r);
                    attached.countDown();
                    for (int n = 0; ; n++) {
                        byte[] typed = ("echo c" + client + "-" + n + "\r").getBytes(StandardCharsets.US_ASCII);
                        conn.sendInput(typed, 0, typed.length);
                        Frame f = conn.readFrame();
                        if (f == null) {
                            break;
                        }
                    }
                } catch (java.io.IOException e) {
                    // the daemon died under us: expected
                } catch (Throwable e) {
                    synchronized (problems) {
                        problems.add(e);
                    }
                } finally {
                    ended.incrementAndGet();
                }
            }, "attacher-" + c);
            t.setDaemon(true);
            threads.add(t);
        }
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Thread creator = new Thread(() -> {
            try (DaemonConnection conn = DaemonConnection.open(scarab.socket())) {
                for (int n = 0; ; n++) {
                    Response r = conn.call(new Request.NewSession(conn.nextId(), "extra" + n, List.of("cat"), "/", 80, 24, Map.of()));
                    if (r instanceof Response.Created) {
                        acknowledged.add("extra" + n);
                    }
                }
            } catch (Exception e) {
                // the daemon died under us
            }
        }, "creator");
        creator.setDaemon(true);
        threads.forEach(Thread::start);
        assertTrue(attached.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS), "50 clients attached");
        creator.start();
        Scarab.waitFor("50 attached clients and a few created sessions", WAIT,
                () -> attachedClients() == CLIENTS && acknowledged.size() >= 3);

        long pid = scarab.daemonPid();
        assertEquals(0, new ProcessBuilder("kill", "-9", String.valueOf(pid)).start().waitFor());
        Scarab.waitFor("the daemon to die", WAIT, () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        Scarab.waitFor("every raw client to see the connection end", WAIT, () -> ended.get() == CLIENTS);
        creator.join(WAIT.toMillis());
        assertTrue(!creator.isAlive(), "the creating client saw the connection end");
        assertEquals(List.of(), problems);

        Map<String, JsonNode> after = sessions(); // a new daemon
        assertTrue(scarab.daemonPid() != pid);
        for (int i = 0; i < SESSIONS; i++) {
            String name = "s" + i;
            assertEquals(ids.get(name), after.get(name).get("id").asText(), name);
            assertTrue(scarab.ok("capture", "-S", "-", name).contains("history-of-" + name + "-42\n"), name);
        }
        for (String name : acknowledged) {
            assertTrue(after.containsKey(name), "acknowledged session " + name + " was restored");
        }
        assertEquals(0, attachedClients());
        assertEquals("ok", Faults.integrityCheck(scarab.database()));
    }

    /** The real client, in a terminal, attached when the daemon is killed. */
    @Test
    void realClientsSayLostServerAndExitOne() throws Exception {
        scarab.ok("new", "-d", "-e", "PS1=$ ", "-c", "/bin/sh", "s0");
        scarab.ok("send-keys", "s0", "echo before-crash-$((6*7))", "Enter");
        tmux.start(100, 30, "env -i " + envLine() + " /bin/sh");
        realClient("real0", "s0");
        realClient("real1", "s0");
        tmux.awaitText("real0", "before-crash-42");
        tmux.awaitText("real1", "before-crash-42");
        Scarab.waitFor("2 attached clients", WAIT, () -> attachedClients() == 2);
        long pid = scarab.daemonPid();
        assertEquals(0, new ProcessBuilder("kill", "-9", String.valueOf(pid)).start().waitFor());
        for (String window : new String[] {"real0", "real1"}) {
            tmux.await(window, "[lost server] and status 1", WAIT,
                    s -> s.contains("[lost server]") && s.contains("client-status=1"));
            // The daemon had made the terminal raw; the client put the settings back without it.
            String modes = Tmux.stty(tmux.paneTty(window), "-a");
            assertTrue(modes.contains(" icanon") && modes.contains(" echo "), window + " cooked again: " + modes);
        }
        assertTrue(scarab.ok("capture", "-S", "-", "s0").contains("before-crash-42"));
    }
}
