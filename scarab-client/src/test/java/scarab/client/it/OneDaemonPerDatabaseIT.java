package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One database, one daemon: a second socket ({@code -S}) does not start a second daemon on the
 * same {@code sessions.db} (it would restore every session a second time); it is refused with
 * the socket of the daemon that holds the database. Lock files go when their daemon stops, and
 * {@code -S} never makes directories.
 */
class OneDaemonPerDatabaseIT {
    private Scarab scarab;
    private Path other;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        other = scarab.root.resolve("other.sock");
    }

    @AfterEach
    void stop() throws Exception {
        scarab.run("-S", other.toString(), "daemon", "stop"); // in case a second daemon did start
        scarab.close();
    }

    private Path databaseLock() {
        return scarab.root.resolve("data/scarab/sessions.db.lock");
    }

    @Test
    void aSecondSocketOnTheSameDatabaseIsRefusedNamingTheFirst() throws Exception {
        scarab.ok("new", "-d", "-c", "sleep 1000", "work");
        long pid = scarab.daemonPid();

        Scarab.Result r = scarab.run("-S", other.toString(), "ls");
        assertEquals(1, r.status(), r.out() + r.err());
        assertEquals("scarab: the session database " + scarab.database() + " is in use by the scarab daemon on "
                + scarab.socket() + " (pid " + pid + "); use that socket (scarab -S " + scarab.socket()
                + " ...) or stop that daemon first", r.err().strip());
        assertFalse(Files.exists(other), "no second daemon listens");
        assertFalse(Files.exists(Path.of(other + ".lock")), "the refused daemon left no lock file");
        assertEquals(1, scarab.sessionsByName().size());

        scarab.ok("daemon", "stop");
        assertFalse(Files.exists(Path.of(scarab.socket() + ".lock")), "the socket's lock file goes with its daemon");
        assertFalse(Files.exists(databaseLock()), "the database's lock file goes with its daemon");

        // With the first one gone, the database is free for a daemon on the other socket.
        assertTrue(scarab.ok("-S", other.toString(), "ls").contains("work"));
        assertTrue(Files.readString(databaseLock()).contains(other.toString()), "the lock names its holder's socket");
        scarab.ok("-S", other.toString(), "daemon", "stop");
        assertFalse(Files.exists(Path.of(other + ".lock")), "other.sock.lock is not left behind");
        assertFalse(Files.exists(databaseLock()));
    }

    @Test
    void daemonsStartedAtOnceOnTwoSocketsLeaveOneOnTheDatabase() throws Exception {
        List<Callable<Scarab.Result>> starts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            starts.add(() -> scarab.run("ls"));
            starts.add(() -> scarab.run("-S", other.toString(), "ls"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(starts.size());
        List<Scarab.Result> results = new ArrayList<>();
        try {
            for (Future<Scarab.Result> f : pool.invokeAll(starts)) {
                results.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        Set<Integer> winners = new HashSet<>();
        for (int i = 0; i < results.size(); i++) {
            Scarab.Result r = results.get(i);
            if (r.status() == 0) {
                winners.add(i % 2);
            } else {
                assertTrue(r.err().contains("is in use by the scarab daemon on"), r.err());
            }
        }
        assertEquals(1, winners.size(), "the clients of exactly one socket were served: " + results);
        assertEquals(1, (Files.exists(scarab.socket()) ? 1 : 0) + (Files.exists(other) ? 1 : 0), "one daemon listens");
    }

    @Test
    void minusSDoesNotCreateMissingDirectories() throws Exception {
        Path missing = scarab.root.resolve("some/where/x.sock");
        Scarab.Result r = scarab.run("-S", missing.toString(), "ls");
        assertEquals(1, r.status());
        assertEquals("scarab: the directory of socket " + missing + " does not exist (" + missing.getParent()
                + "); create it first, or use the default socket", r.err().strip());
        assertFalse(Files.exists(scarab.root.resolve("some")), "nothing was created");
    }
}
