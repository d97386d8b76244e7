package scarab.daemon.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scarab.daemon.Await;
import scarab.daemon.TestNatives;
import scarab.daemon.UserError;
import scarab.daemon.store.SessionStore;
import scarab.daemon.store.StoredSession;

/** Windows of a session: created, selected, renamed, killed, closed by their last pane, stored and restored. */
class WindowOperationsTest {
    static {
        TestNatives.keepOutOfTmp();
    }

    @TempDir
    Path dir;
    private SessionStore store;
    private SessionManager manager;
    private WindowOperations windows;

    @BeforeEach
    void setUp() {
        store = SessionStore.open(dir.resolve("sessions.db"));
        manager = new SessionManager(store, new PtyLauncher(System.getenv(), dir.resolve("s.sock"), null), 1000, 20, 64);
        windows = new WindowOperations(manager);
    }

    @AfterEach
    void tearDown() {
        manager.shutdown();
        store.close();
    }

    private Session create(String name, String... command) {
        return manager.create(new NewSessionSpec(name, List.of(command), dir.toString(), 80, 24, Map.of()));
    }

    private static List<Integer> indexes(Session s) {
        return s.windows().stream().map(Window::index).toList();
    }

    private StoredSession stored(Session s) {
        return store.loadAll().stream().filter(x -> x.meta().id().equals(s.id())).findFirst().orElseThrow();
    }

    @Test
    void newWindowsTakeTheFirstFreeIndexAndBecomeCurrent() {
        Session s = create("w", "sleep", "1000");
        Window w0 = s.currentWindow();
        Window w1 = windows.newWindow(s, null, null, List.of("sleep", "1001"), null, Map.of(), false);
        assertEquals(List.of(0, 1), indexes(s));
        assertSame(w1, s.currentWindow());
        assertSame(w0, s.lastWindow());
        Window w5 = windows.newWindow(s, 5, "five", List.of("sleep", "1002"), null, Map.of(), true);
        assertSame(w1, s.currentWindow(), "-d leaves the current window current");
        assertEquals("five", w5.name());
        assertEquals("sleep", w1.name(), "a window is named after its command until renamed");
        UserError taken = assertThrows(UserError.class,
                () -> windows.newWindow(s, 5, null, List.of("sleep", "1"), null, Map.of(), false));
        assertEquals("index 5 in use", taken.getMessage());
        windows.killWindow(s, w1);
        Window again = windows.newWindow(s, null, null, List.of("sleep", "1003"), null, Map.of(), true);
        assertEquals(1, again.index(), "the gap is filled first, as tmux's base-index search does");
        assertEquals(List.of(0, 1, 5), stored(s).windows().stream().map(w -> w.index()).toList());
        assertEquals(3, manager.allPanes().size());
        Pane p = again.active();
        assertEquals(80, p.meta().cols(), "a new window has the session's size");
        assertEquals(24, p.meta().rows());
    }

    @Test
    void selectRenameAndKillAreStored() throws Exception {
        Session s = create("sel", "sleep", "1000");
        Window w0 = s.currentWindow();
        Window w1 = windows.newWindow(s, null, null, List.of("sleep", "1001"), null, Map.of(), false);
        windows.selectWindow(s, w0);
        assertSame(w0, s.currentWindow());
        assertSame(w1, s.lastWindow());
        windows.renameWindow(s, w1, "logs");
        assertEquals("logs", w1.name());
        StoredSession st = stored(s);
        assertEquals(w0.id(), st.currentWindow());
        assertEquals(w1.id(), st.lastWindow());
        assertEquals("logs", st.windows().get(1).fixedName());
        assertEquals("bad-name", assertThrows(UserError.class, () -> windows.renameWindow(s, w1, "a\u0007b")).code());
        assertEquals("logs", w1.name(), "a refused rename changes nothing");
        long pid = w1.active().pid();
        windows.killWindow(s, w1);
        assertEquals(List.of(0), indexes(s));
        assertNull(s.lastWindow());
        Await.until("the killed window's process ended", () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        assertEquals(1, stored(s).windows().size());
        windows.killWindow(s, w0);
        assertEquals(0, manager.count(), "killing the last window ends the session");
    }

    @Test
    void aWindowWhosePaneExitsClosesAndTheSessionEndsWithItsLastPane() throws Exception {
        Session s = create("ex", "sleep", "1000");
        Window w0 = s.currentWindow();
        Window w1 = windows.newWindow(s, null, null, List.of("sh", "-c", "read x; exit 4"), null, Map.of(), false);
        byte[] enter = "\n".getBytes();
        w1.active().write(enter, 0, 1);
        Await.until("the window closed", () -> s.windows().size() == 1);
        assertSame(w0, s.currentWindow());
        assertEquals("running", s.status());
        Await.until("stored without it", () -> stored(s).windows().size() == 1);
        windows.killPane(s, w0.active());
        assertEquals(0, manager.count());
    }

    @Test
    void windowsAndTheirIdsComeBackAfterARestart() throws Exception {
        Session s = create("re", "sleep", "1000");
        Window w1 = windows.newWindow(s, 3, "three", List.of("sleep", "1001"), null, Map.of(), false);
        int paneId = w1.active().id();
        SessionManager later = new SessionManager(store, new PtyLauncher(System.getenv(), dir.resolve("s.sock"), null),
                1000, 20, 64);
        try {
            later.loadStored(RestoreMode.LAZY);
            Session back = later.resolve("re");
            assertEquals(List.of(0, 3), indexes(back));
            assertEquals(w1.id(), back.currentWindow().id());
            assertEquals("three", back.currentWindow().name());
            assertEquals(paneId, back.activePane().id());
            assertSame(back.activePane(), later.pane(paneId));
            assertEquals(s.windows().get(0).id(), back.lastWindow().id());
            Window fresh = new WindowOperations(later).newWindow(back, null, null, List.of("sleep", "1"), null, Map.of(), true);
            assertTrue(fresh.active().id() > paneId, "ids are never reused: new ones come after every stored one");
            assertTrue(fresh.id() > w1.id());
        } finally {
            later.shutdown();
        }
    }
}
