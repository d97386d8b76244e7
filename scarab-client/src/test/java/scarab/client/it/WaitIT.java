package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code scarab wait}: answered when the session ends; a client that gives up holds nothing. */
class WaitIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int CLIENTS = 20;
    private Scarab scarab;
    private final List<Process> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
    }

    @AfterEach
    void stop() throws Exception {
        clients.forEach(Process::destroyForcibly);
        scarab.close();
    }

    /** The daemon's threads, without the JIT's compiler threads (the JVM adds and ends those as it likes). */
    private static int threads(long pid) {
        int n = 0;
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (!Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                        n++;
                    }
                } catch (IOException e) {
                    // ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return n;
    }

    /** The daemon's sockets: its listening socket and one per connection. */
    private static java.util.Set<String> sockets(long pid) {
        return Faults.openFiles(pid).stream().filter(f -> f.startsWith("socket:")).collect(java.util.stream.Collectors.toSet());
    }

    /**
     * The daemon's sockets that were not open at {@code before}: new connections. Counted by
     * identity, not by number, so that a connection of the warm-up still closing when the baseline
     * was taken cannot hide a new one.
     */
    private static long newSockets(long pid, java.util.Set<String> before) {
        return sockets(pid).stream().filter(s -> !before.contains(s)).count();
    }

    private Process waitClient(String session) throws IOException {
        List<String> command = new ArrayList<>(Arrays.asList(scarab.clientCommand().split(" ")));
        command.addAll(List.of("wait", session));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(scarab.env);
        return pb.start();
    }

    @Test
    void killedWaitClientsLeaveNoThreadOrDescriptorBehind() throws Exception {
        scarab.ok("new", "-d", "-c", "sleep 1000", "long");
        scarab.ok("new", "-d", "-c", "sh -c 'exit 4'", "short");
        // Warm-up: the daemon's own threads and files that come with the first wait are there already.
        Scarab.waitFor("short to exit", WAIT, () -> scarab.run("wait", "short").status() == 4);
        long daemon = scarab.daemonPid();
        int threadsBefore = threads(daemon);
        int fdsBefore = Faults.descriptors(daemon);
        java.util.Set<String> socketsBefore = sockets(daemon);

        for (int i = 0; i < CLIENTS; i++) {
            clients.add(waitClient("long"));
        }
        Scarab.waitFor("every wait client to be connected", WAIT, () -> newSockets(daemon, socketsBefore) >= CLIENTS);
        for (Process p : clients) {
            p.destroyForcibly(); // SIGKILL: no goodbye
        }
        for (Process p : clients) {
            p.waitFor();
        }
        Scarab.waitFor("the daemon's threads (" + threadsBefore + ") and descriptors (" + fdsBefore + ") to be back",
                WAIT, () -> threads(daemon) <= threadsBefore && Faults.descriptors(daemon) <= fdsBefore);

        // A wait still works, and is answered when the session ends.
        clients.add(waitClient("long"));
        Scarab.waitFor("the wait client to be connected", WAIT, () -> newSockets(daemon, socketsBefore) > 0);
        scarab.ok("send-keys", "long", "C-c");
        Process last = clients.get(clients.size() - 1);
        assertEquals(true, last.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        int status = scarab.sessionsByName().get("long").get("exitCode").asInt();
        assertEquals(status & 0xff, last.exitValue(), "wait exits with the session's status");
    }
}
