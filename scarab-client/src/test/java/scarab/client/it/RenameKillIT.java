package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.client.ClientError;
import scarab.client.daemon.DaemonConnection;
import scarab.protocol.Request;
import scarab.protocol.Response;
import scarab.protocol.SessionInfo;

/**
 * A rename and a kill of the same session at once: one of them comes first, the other sees its
 * result. A killed session never comes back (not in memory, not in the store, not after a
 * restart) and every name is free again. And a rename waiting for the disk holds up nobody's
 * output.
 */
class RenameKillIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PAIRS = 100;
    private Scarab scarab;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        Files.createDirectories(scarab.root.resolve("config/scarab"));
        Files.writeString(scarab.root.resolve("config/scarab/config.toml"), "snapshot-interval = \"200ms\"\n");
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    private int storedRows() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + scarab.database());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM sessions")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void spin(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    @Test
    void concurrentRenamesAndKillsLeaveNothingBehind() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            ids.add(scarab.ok("new", "-d", "-c", "sleep 1000", "old" + i).strip());
        }
        // Two connections of the real client; each pair's requests are sent without waiting, the
        // second after a pause that differs from pair to pair (either one first, by 0 to 200 us),
        // so that some pairs meet at every point of each other's way through the daemon.
        List<String> names = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            names.add("old" + i);
            names.add("new" + i);
        }
        int renamed = 0;
        try (DaemonConnection renamer = DaemonConnection.open(scarab.socket());
             DaemonConnection killer = DaemonConnection.open(scarab.socket())) {
            for (int i = 0; i < PAIRS; i++) {
                long rename = renamer.nextId();
                long kill = killer.nextId();
                long pauseNanos = (i % 41 - 20) * 10_000L;
                if (pauseNanos < 0) {
                    killer.send(new Request.Kill(kill, List.of(ids.get(i)), false));
                    spin(-pauseNanos);
                    renamer.send(new Request.Rename(rename, "old" + i, "new" + i));
                } else {
                    renamer.send(new Request.Rename(rename, "old" + i, "new" + i));
                    spin(pauseNanos);
                    killer.send(new Request.Kill(kill, List.of(ids.get(i)), false));
                }
                assertInstanceOf(Response.Killed.class, killer.next(kill), "the kill by id always finds the session");
                try {
                    renamer.next(rename);
                    renamed++;
                } catch (ClientError e) {
                    assertTrue(e.getMessage().startsWith("no session named \"old" + i + "\""),
                            "a rename either came first or found the session gone: " + e.getMessage());
                }
            }
        }
        System.out.println(renamed + " of " + PAIRS + " renames came before their kill");

        assertNothingLeft(names);
    }

    /** No session, no row, every name free, and nothing comes back after a restart. */
    private void assertNothingLeft(List<String> names) throws Exception {
        assertEquals("", scarab.ok("ls", "--names").strip(), "every session was killed");
        assertEquals(0, storedRows(), "no row is left behind");
        // Every name is free: the old ones and the ones renames reserved.
        for (String name : names) {
            scarab.ok("new", "-d", "-c", "sleep 1000", name);
        }
        List<String> kill = new ArrayList<>(List.of("kill"));
        kill.addAll(names);
        scarab.ok(kill.toArray(String[]::new));
        long first = scarab.daemonPid();
        scarab.ok("daemon", "stop");
        Scarab.waitFor("the old daemon to exit", WAIT, () -> ProcessHandle.of(first).map(h -> !h.isAlive()).orElse(true));
        assertEquals("", scarab.ok("ls", "--names").strip(), "no killed session comes back after a restart");
        assertTrue(scarab.daemonPid() != first);
    }

    private int threadsIn(String method) {
        return Faults.connectionThreadsIn(scarab.daemonPid(), method);
    }

    /**
     * A rename waits for a locked database; meanwhile another rename and a kill of the same
     * session queue up behind it. Once the database is free they go through in some order, and
     * whichever comes first, the kill has the last word: no row, no name, nothing after a restart.
     * (Without the lock the two would rarely meet: a rename resolves its session and reaches
     * the point where it stores it within a microsecond or two.)
     */
    @Test
    void renameAndKillQueuedBehindARenameWaitingForTheDisk() throws Exception {
        String id = scarab.ok("new", "-d", "-c", "sleep 1000", "s").strip();
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + scarab.database());
             Statement lock = other.createStatement();
             DaemonConnection first = DaemonConnection.open(scarab.socket());
             DaemonConnection second = DaemonConnection.open(scarab.socket());
             DaemonConnection killer = DaemonConnection.open(scarab.socket())) {
            lock.execute("BEGIN IMMEDIATE");
            lock.execute("UPDATE sessions SET name = name");
            long a = first.nextId();
            first.send(new Request.Rename(a, "s", "x"));
            java.util.concurrent.CompletableFuture<String> firstDone = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> answer(first, a));
            Scarab.waitFor("the first rename to be under way", WAIT,
                    () -> firstDone.isDone() || threadsIn("SessionManager.rename") == 1);
            long b = second.nextId();
            second.send(new Request.Rename(b, id, "y"));
            long c = killer.nextId();
            killer.send(new Request.Kill(c, List.of(id), false));
            // If the lock's wait ran out first, the three went through one by one: still correct.
            Scarab.waitFor("the second rename and the kill to wait behind the first", WAIT,
                    () -> firstDone.isDone() || threadsIn("SessionManager.rename") + threadsIn("SessionManager.kill") == 3);
            lock.execute("ROLLBACK");
            System.out.println("first rename: " + firstDone.join() + "; second: " + answer(second, b) + "; kill: "
                    + answer(killer, c));
        }
        // A kill refused while the database was locked is simply repeated.
        Scarab.waitFor("the session to be killed", WAIT,
                () -> scarab.ok("ls", "--names").isBlank() || scarab.run("kill", id).status() == 0);
        assertNothingLeft(List.of("s", "x", "y"));
    }

    private static List<String> names(DaemonConnection c) {
        try {
            Response.Listing listing = (Response.Listing) c.call(new Request.ListSessions(c.nextId(), null, null));
            return listing.sessions().stream().map(SessionInfo::name).toList();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String screen(DaemonConnection c, String target) {
        try {
            Response.Captured captured = (Response.Captured) c.call(
                    new Request.Capture(c.nextId(), target, false, null, null, false));
            return String.join("\n", captured.lines());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String answer(DaemonConnection c, long id) {
        try {
            return c.next(id).getClass().getSimpleName();
        } catch (ClientError e) {
            return e.getMessage();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Another process holds the database's write lock, and a session keeps setting its title. A
     * rename of that session waits for the database; meanwhile another session's output goes on:
     * what send-keys types is echoed and seen by capture before the rename has its answer.
     */
    @Test
    void renameWaitingForALockedDatabaseHoldsUpNoOutput() throws Exception {
        scarab.ok("new", "-d", "-c", "sh -c 'i=0; while :; do i=$((i+1)); printf \"\\033]0;t%d\\007\" $i; sleep 0.05; done'",
                "titler");
        scarab.ok("new", "-d", "-c", "cat", "echoer");
        Scarab.waitFor("the title to change", WAIT, () -> {
            try {
                return scarab.sessionsByName().get("titler").get("title").asText().startsWith("t");
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        // The probes go through one open connection, not the client's command line: a client JVM's
        // start-up on a busy machine could outlast the daemon's 5 s wait for the lock by itself.
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + scarab.database());
             Statement lock = other.createStatement();
             DaemonConnection renamer = DaemonConnection.open(scarab.socket());
             DaemonConnection probe = DaemonConnection.open(scarab.socket())) {
            lock.execute("BEGIN IMMEDIATE");
            lock.execute("UPDATE sessions SET name = name");
            long rename = renamer.nextId();
            renamer.send(new Request.Rename(rename, "titler", "renamed"));
            java.util.concurrent.CompletableFuture<String> answered = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> answer(renamer, rename));
            Scarab.waitFor("the rename to be under way", WAIT,
                    () -> answered.isDone() || names(probe).contains("renamed"));
            probe.call(new Request.SendKeys(probe.nextId(), "echoer", List.of("typed-while-renaming", "Enter"), false));
            Scarab.waitFor("the echo, or the rename's answer", WAIT,
                    () -> answered.isDone() || screen(probe, "echoer").contains("typed-while-renaming"));
            assertFalse(answered.isDone(), "the rename was answered (" + (answered.isDone() ? answered.join() : "")
                    + ") before the other session's output was seen");
            assertTrue(screen(probe, "echoer").contains("typed-while-renaming"));
            lock.execute("ROLLBACK");
            System.out.println("the rename: " + answered.join());
        }
    }
}
