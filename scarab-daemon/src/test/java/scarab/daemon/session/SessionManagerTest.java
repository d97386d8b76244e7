package scarab.daemon.session;

import scarab.daemon.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scarab.daemon.UserError;
import scarab.daemon.store.SessionStore;
import scarab.daemon.TestNatives;

/** Session creation, naming and target resolution, with real processes on real ptys. */
class SessionManagerTest {
    static {
        TestNatives.keepOutOfTmp();
    }

    @TempDir
    Path dir;
    private SessionStore store;
    private SessionManager manager;

    @BeforeEach
    void setUp() {
        store = SessionStore.open(dir.resolve("sessions.db"));
        manager = new SessionManager(store, new PtyLauncher(System.getenv(), dir.resolve("s.sock"), null), 1000, 20, 64);
    }

    @AfterEach
    void tearDown() {
        manager.shutdown();
        store.close();
    }

    private Session create(String name, String... command) {
        return manager.create(new NewSessionSpec(name, List.of(command), dir.toString(), 80, 24, Map.of()));
    }

    @Test
    void resolvesByNameFullIdAndUniquePrefix() {
        Session s = create("alpha", "sleep", "1000");
        assertSame(s, manager.resolve("alpha"));
        assertSame(s, manager.resolve(s.id().full()));
        assertSame(s, manager.resolve(s.id().shortForm()));
        assertSame(s, manager.resolve(s.id().full().substring(0, 3).toUpperCase()));
        UserError e = assertThrows(UserError.class, () -> manager.resolve("beta"));
        assertEquals("not-found", e.code());
    }

    @Test
    void ambiguousPrefixListsTheCandidates() {
        // 17 ids over 16 possible first hex digits: at least two share their first character.
        Map<Character, List<Session>> byFirst = new HashMap<>();
        for (int i = 0; i < 17; i++) {
            Session s = create("s" + i, "sleep", "1000");
            byFirst.computeIfAbsent(s.id().full().charAt(0), k -> new ArrayList<>()).add(s);
        }
        List<Session> clash = byFirst.values().stream().filter(l -> l.size() > 1).findFirst().orElseThrow();
        String prefix = clash.get(0).id().full().substring(0, 1);
        UserError e = assertThrows(UserError.class, () -> manager.resolve(prefix));
        assertEquals("ambiguous", e.code());
        for (Session s : clash) {
            assertTrue(e.getMessage().contains(s.id().shortForm() + " (" + s.meta().name() + ")"), e.getMessage());
        }
    }

    @Test
    void namesAreUniqueAndRenamesAreSeenAtOnce() {
        // Names that cannot be read as hex id prefixes, so a lookup by name never falls through to an id.
        Session a = create("pa", "sleep", "1000");
        create("pb", "sleep", "1000");
        assertEquals("name-taken", assertThrows(UserError.class, () -> create("pa", "sleep", "1")).code());
        assertEquals("name-taken", assertThrows(UserError.class, () -> manager.rename(a, "pb")).code());
        manager.rename(a, "pc");
        assertEquals("pc", a.meta().name());
        assertSame(a, manager.resolve("pc"));
        assertThrows(UserError.class, () -> manager.resolve("pa"));
        create("pa", "sleep", "1000"); // the old name is free again
        assertEquals("pc", store.loadAll().stream().filter(m -> m.meta().id().equals(a.id())).findFirst().orElseThrow().meta().name());
    }

    @Test
    void badRequestsLeaveNothingBehind() {
        assertEquals("bad-name", assertThrows(UserError.class, () -> create("no spaces", "sleep", "1")).code());
        assertEquals("bad-command", assertThrows(UserError.class, () -> create("x", "no-such-program-xyz")).code());
        assertEquals("bad-cwd", assertThrows(UserError.class, () -> manager.create(
                new NewSessionSpec("x", List.of("sleep", "1"), dir.resolve("missing").toString(), 80, 24, Map.of()))).code());
        assertEquals("bad-size", assertThrows(UserError.class, () -> manager.create(
                new NewSessionSpec("x", List.of("sleep", "1"), dir.toString(), 0, 0, Map.of()))).code());
        assertEquals("bad-size", assertThrows(UserError.class, () -> manager.create(
                new NewSessionSpec("x", List.of("sleep", "1"), dir.toString(), 100000, 100000, Map.of()))).code());
        assertEquals(0, manager.count());
        assertEquals(List.of(), store.loadAll());
        create("x", "sleep", "1000"); // the name was not left reserved by the failures
    }

    @Test
    void exitStatusIsRecordedAndStored() throws Exception {
        Session s = create("job", "sh", "-c", "exit 3");
        assertEquals(3, s.exitFuture().get(10, TimeUnit.SECONDS));
        assertEquals("exited", s.status());
        assertEquals(3, store.loadAll().get(0).meta().exitCode());
        assertEquals(3, store.loadAll().get(0).windows().get(0).panes().get(0).exitCode());
    }

    @Test
    void killEndsTheProcessAndForgetsTheSession() throws Exception {
        Session s = create("victim", "sleep", "1000");
        long pid = s.activePane().pid();
        manager.kill(s);
        assertEquals(0, manager.count());
        assertEquals(List.of(), store.loadAll());
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
        assertTrue(ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
    }

    @Test
    void killEscalatesToSigkillWhenSighupIsIgnored() {
        Session s = create("stubborn", "sh", "-c", "trap '' HUP; while :; do sleep 1; done");
        long pid = s.activePane().pid();
        manager.kill(s);
        assertTrue(ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
    }

    /**
     * A starting daemon lists its sessions before it has loaded their screens and histories (a
     * minute for large ones once): a session is loaded by the first request that needs its screen,
     * or in the background once the daemon listens, and either way shows what was stored.
     */
    @Test
    void storedScreensAreLoadedOnFirstNeedOrInTheBackground() throws Exception {
        for (String name : new String[] {"first", "second"}) {
            Pane s = create(name, "sh", "-c", "seq 1 500; echo " + name + "-done; exec sleep 1000").activePane();
            scarab.daemon.Await.until(name + " output", () -> s.readScreen(sc -> sc.capture(
                    scarab.daemon.terminal.CaptureOptions.visible())).contains(name + "-done"));
            store.saveSnapshot(s.snapshotIfChanged()).join(); // what a round of snapshots does
            s.snapshotStored();
        }
        SessionManager later = new SessionManager(store, new PtyLauncher(System.getenv(), dir.resolve("s.sock"), null),
                1000, 20, 64);
        try {
            later.loadStored(RestoreMode.LAZY);
            Pane first = later.resolve("first").activePane();
            Pane second = later.resolve("second").activePane();
            assertTrue(!first.loaded() && !second.loaded(), "listed before anything is loaded");
            List<String> all = first.captureView(scarab.daemon.terminal.CaptureOptions.all()).capture();
            assertTrue(first.loaded(), "a capture loads the session it needs");
            assertTrue(all.contains("1") && all.contains("500") && all.contains("first-done"), "its history: " + all.size());
            later.restartLoadedInBackground();
            scarab.daemon.Await.until("the other session loaded in the background", second::loaded);
            assertTrue(second.captureView(scarab.daemon.terminal.CaptureOptions.all()).capture().contains("second-done"));
        } finally {
            later.shutdown();
        }
    }

    /**
     * The session's locks are taken in one order (docs/architecture.md): starting a restored
     * session, which writes its marker into the screen, must not hold the metadata monitor while
     * it waits for the screen, since the poller changes metadata (a resize) under the screen lock.
     */
    @Test
    void startingARestoredSessionWhileTheScreenIsBusyDoesNotDeadlock() throws Exception {
        create("restored", "sleep", "1000");
        SessionManager later = new SessionManager(store, new PtyLauncher(System.getenv(), dir.resolve("s.sock"), null),
                1000, 20, 64);
        try {
            later.loadStored(RestoreMode.LAZY);
            Session session = later.resolve("restored");
            assertEquals("stopped", session.status());
            Pane s = session.activePane();
            java.util.concurrent.CompletableFuture<Void> screenWork = new java.util.concurrent.CompletableFuture<>();
            Thread starter = new Thread(() -> later.ensureRunning(session), "starter");
            Thread poller = new Thread(() -> {
                try {
                    s.writeScreen(screen -> {
                        starter.start();
                        // The starter now waits for the screen lock that this thread holds.
                        while (starter.getState() != Thread.State.WAITING && starter.isAlive()) {
                            Thread.onSpinWait();
                        }
                        s.updateMeta(m -> m.withSize(m.cols(), m.rows())); // what a resize does under the screen lock
                        return null;
                    });
                    screenWork.complete(null);
                } catch (RuntimeException e) {
                    screenWork.completeExceptionally(e);
                }
            }, "poller-like");
            poller.setDaemon(true);
            poller.start();
            screenWork.get(60, TimeUnit.SECONDS);
            starter.join(60_000);
            assertEquals("running", session.status());
        } finally {
            later.shutdown();
        }
    }

    private static String screenText(Pane s) {
        return s.readScreen(screen -> {
            StringBuilder b = new StringBuilder();
            for (int y = 0; y < screen.rows(); y++) {
                for (int x = 0; x < screen.cols(); x++) {
                    b.append(screen.cellText(x, y));
                }
                b.append('\n');
            }
            return b.toString();
        });
    }


    /** A bug in the emulator meets the output: logged, that screen reset, and the program runs on. */
    @Test
    void aFailingEmulatorResetsTheScreenAndTheProgramRunsOn() throws Exception {
        Session session = create("faulty", "sh");
        Pane s = session.activePane();
        long pid = s.pid();
        java.util.concurrent.CountDownLatch failed = new java.util.concurrent.CountDownLatch(1);
        Pane.emulatorFaultForTests = chunk -> {
            if (new String(chunk, java.nio.charset.StandardCharsets.ISO_8859_1).contains("BOOM")) {
                failed.countDown();
                throw new IllegalStateException("a bug in the emulator (injected)");
            }
        };
        try {
            byte[] boom = "echo BO''OM\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            s.write(boom, 0, boom.length);
            assertTrue(failed.await(60, TimeUnit.SECONDS), "the output reached the emulator");
        } finally {
            Pane.emulatorFaultForTests = null;
        }
        byte[] after = "echo after-$((6*7))\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        s.write(after, 0, after.length);
        Await.until("output after the failure", () -> screenText(s).contains("after-42"));
        assertTrue(screenText(s).contains("terminal emulator failed here and was reset"), screenText(s));
        assertEquals("running", session.status());
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the program still runs");
    }
}
