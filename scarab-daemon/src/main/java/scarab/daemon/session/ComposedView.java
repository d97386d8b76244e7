package scarab.daemon.session;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import scarab.daemon.layout.Layout;
import scarab.daemon.layout.PaneGeometry;
import scarab.daemon.terminal.Screen;
import scarab.daemon.view.ChooserPainter;
import scarab.daemon.view.ChooserPicture;
import scarab.daemon.view.Compositor;
import scarab.daemon.view.CopyModePainter;
import scarab.daemon.view.Frame;
import scarab.daemon.view.MouseModes;
import scarab.daemon.view.Overlay;
import scarab.daemon.view.OverlayPainter;
import scarab.daemon.view.PaneRect;
import scarab.daemon.view.StatusLine;
import scarab.daemon.view.TextViewPainter;
import scarab.daemon.view.TerminalWriter;
import scarab.daemon.view.WindowComposer;
import scarab.daemon.view.WindowPicture;

/**
 * A client that is drawn cell by cell rather than sent the program's bytes: its session shows a
 * status line, its window has more than one pane, or it shows a prompt, a message or the pane
 * numbers ({@link Overlay}, painted over a copy of the composed window). Each picture is the window
 * composed with its borders and status line ({@link Compositor}), the rows that changed composed
 * again ({@link WindowComposer}), sent as the least bytes that turn what the client's terminal shows
 * into it ({@link TerminalWriter}); after bytes to it were dropped the
 * next picture is drawn whole. One per client; its {@link #lock} is held while a picture is
 * drawn, so the picture thread's updates and a writer's full redraw never interleave. Takes the
 * panes' screen read locks, one pane after another in pane id order, inside its own lock.
 *
 * <p>A key's echo is drawn by the poller thread that read it ({@link #tryDrawChanges}), without
 * the hand-off to the picture thread, but only when it can take everything without waiting:
 * this view's lock and every pane's read lock by tryLock, and the window's shape (which panes
 * where, the status line) as the last picture drawn elsewhere found it, since the session's
 * structure monitor cannot be tried. Any other request for a picture ({@link ClientLink#pictureDue})
 * marks that shape unsure ({@link #reshape}); the poller then leaves the picture to the picture
 * thread, which looks the shape up again. The poller so never waits on a lock another thread
 * holds.
 */
final class ComposedView {
    private static final String HOST = hostName();
    private final ClientLink link;
    private final TerminalWriter writer = new TerminalWriter();
    private final WindowComposer composer = new WindowComposer();
    private final Clock clock;
    /** Set by threads that hold a pane's lock (they must not wait for this monitor): draw it all next time. */
    private volatile boolean stale = true;
    /** Held while a picture is drawn; only ever tried on the poller thread. */
    private final ReentrantLock lock = new ReentrantLock();
    /** The window's shape the last picture drawn under the structure monitor found; guarded by {@link #lock}. */
    private Shape shape;
    /** Set when anything but the program's output asked for a picture: {@link #shape} may be out of date. */
    private volatile boolean reshape = true;

    /** Which panes are where, as {@link #frame} reads them under the session's structure monitor. */
    private record Shape(Pane shown, Window window, List<Pane> windowPanes, int windowCols, int windowRows, Pane active,
                         List<Pane> panes, List<PaneGeometry> places, List<Integer> indexes, List<Pane> lockOrder,
                         StatusLine status, int cols, int rows) {}

    ComposedView(ClientLink link, Clock clock) {
        this.link = link;
        this.clock = clock;
    }

    /** The next picture is drawn whole (the terminal's contents are unknown, or its size changed). Never blocks. */
    void invalidate() {
        stale = true;
    }

    /** The window's shape may have changed: the poller leaves the next picture to the picture thread. Never blocks. */
    void reshape() {
        reshape = true;
    }

    /** Sends what changed since the last picture (nothing when nothing did), or all of it when stale. */
    void drawChanges() {
        lock.lock();
        try {
            if (stale) {
                stale = false;
                writer.invalidate();
            }
            send(frame());
        } finally {
            lock.unlock();
        }
    }

    /**
     * On the poller thread, after the program's output: draws what changed if everything it needs
     * can be had at once (see the class comment), running {@code starting} first, once it can; false
     * when it cannot, having waited for nothing and drawn nothing.
     */
    boolean tryDrawChanges(Runnable starting) {
        if (stale || reshape || link.overlay() != null || link.copyView() != null || !lock.tryLock()) {
            return false;
        }
        try {
            Shape s = shape;
            if (stale || reshape || s == null || !current(s)) {
                return false;
            }
            int locked = 0;
            try {
                for (Pane p : s.lockOrder()) {
                    if (!p.tryReadLock()) {
                        return false;
                    }
                    locked++;
                }
                if (!sized(s)) {
                    return false; // a resize under way: its own picture follows
                }
                starting.run();
                send(compose(s));
                return true;
            } finally {
                for (int i = 0; i < locked; i++) {
                    s.lockOrder().get(i).readUnlock();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether the shape still describes what the client shows, as far as can be read without the structure monitor. */
    private boolean current(Shape s) {
        if (link.pane() != s.shown() || link.cols() != s.cols() || link.rows() != s.rows()) {
            return false;
        }
        Window w = s.window();
        if (s.shown().window() != w || s.shown().session().currentWindow() != w || w.panes() != s.windowPanes()
                || w.active() != s.active()) {
            return false;
        }
        return true;
    }

    /** Whether every pane's screen is the size of its place (read locks held). */
    private static boolean sized(Shape s) {
        for (int i = 0; i < s.panes().size(); i++) {
            Screen screen = s.panes().get(i).lockedScreen();
            PaneGeometry g = s.places().get(i);
            if (screen.cols() != g.width() || screen.rows() != g.height()) {
                return false;
            }
        }
        return true;
    }

    private void send(WindowComposer.Composed frame) {
        if (frame == null) {
            return;
        }
        byte[] bytes = writer.update(frame.frame(), frame.from(), frame.scrolls());
        if (bytes.length > 0) {
            link.offer(bytes);
            link.outputPaused();
        }
    }

    /** The whole picture, for a terminal whose contents are unknown (attach, after dropped bytes). */
    byte[] full() {
        lock.lock();
        try {
            stale = false;
            writer.invalidate();
            WindowComposer.Composed frame = frame();
            return frame == null ? new byte[0] : writer.update(frame.frame());
        } finally {
            lock.unlock();
        }
    }

    /** Looks the window's shape up under the session's structure monitor, then composes. Lock held. */
    private WindowComposer.Composed frame() {
        reshape = false; // before the look-up: a change after it asks again
        shape = null;
        Pane shown = link.pane();
        if (shown == null) {
            return null;
        }
        Session session = shown.session();
        Window window;
        List<Pane> windowPanes;
        List<Pane> panes = new ArrayList<>();
        List<PaneGeometry> places = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        int windowCols;
        int windowRows;
        Pane active;
        boolean zoomedNow;
        synchronized (session.structure) {
            window = session.currentWindow();
            if (window == null || window.indexOf(shown) < 0) {
                return null; // moving to another pane: its next picture comes from there
            }
            Layout layout = window.layout();
            windowCols = layout.windowWidth();
            windowRows = layout.windowHeight();
            active = window.active();
            windowPanes = window.panes();
            java.util.OptionalInt zoomed = layout.zoomedPane();
            zoomedNow = zoomed.isPresent();
            for (Pane p : windowPanes) {
                if (zoomed.isEmpty() || zoomed.getAsInt() == p.id()) {
                    panes.add(p);
                    places.add(layout.pane(p.id()));
                    indexes.add(window.indexOf(p));
                }
            }
        }
        StatusLine status = session.statusShown() ? status(session, window, shown, zoomedNow, clock) : null;
        List<Pane> lockOrder = new ArrayList<>(panes);
        lockOrder.sort(Comparator.comparingInt(Pane::id));
        Shape s = new Shape(shown, window, windowPanes, windowCols, windowRows, active, List.copyOf(panes),
                List.copyOf(places), List.copyOf(indexes), List.copyOf(lockOrder), status, link.cols(), link.rows());
        Overlay overlay = link.overlay();
        int areaRows = status == null ? s.rows() : s.rows() - 1;
        // The chooser's preview reads another pane's screen: made before the window's locks are taken.
        ChooserPicture chooser = overlay instanceof Overlay.Tree t ? t.source().picture(s.cols(), areaRows) : null;
        for (Pane p : lockOrder) {
            p.ensureLoaded(); // before any lock: a load takes the pane's write lock
        }
        int locked = 0;
        try {
            for (Pane p : lockOrder) {
                p.readLock();
                locked++;
            }
            shape = s;
            return compose(s, overlay, chooser, areaRows);
        } finally {
            for (int i = 0; i < locked; i++) {
                lockOrder.get(i).readUnlock();
            }
        }
    }

    /** The window of {@code s} as it is now, nothing over it (the poller's pictures). Locks held. */
    private WindowComposer.Composed compose(Shape s) {
        return compose(s, null, null, 0);
    }

    /** The window of {@code s} with what is over it. This view's lock and the panes' read locks held. */
    private WindowComposer.Composed compose(Shape s, Overlay overlay, ChooserPicture chooser, int areaRows) {
        List<Pane> panes = s.panes();
        Pane active = s.active();
        List<PaneRect> rects = new ArrayList<>();
        boolean anyAllMotion = false;
        for (int i = 0; i < panes.size(); i++) {
            Pane p = panes.get(i);
            PaneGeometry g = s.places().get(i);
            Screen screen = p.lockedScreen();
            rects.add(new PaneRect(screen, g.left(), g.top(), g.width(), g.height(), p == active || panes.size() == 1));
            anyAllMotion |= screen.mouseTracking() == 1003;
        }
        WindowPicture picture = new WindowPicture(s.cols(), s.rows(), s.windowCols(), s.windowRows(), rects,
                s.status(), false);
        WindowComposer.Composed composed = composer.compose(picture);
        if (ClientMouse.enabled()) {
            MouseModes.mouseOn(composed.frame(), anyAllMotion);
        }
        CopyModeClient.View copy = link.copyView();
        int copyIndex = copy == null ? -1 : panes.indexOf(copy.pane());
        if (overlay == null && copyIndex < 0) {
            return composed;
        }
        // Painted on a copy: the composer's frame is the base of its next picture.
        Frame frame = composed.frame().copy();
        if (copyIndex >= 0) {
            CopyModePainter.paint(frame, picture, rects.get(copyIndex), copy.picture(), panes.get(copyIndex) == active);
        }
        if (overlay == null) {
            return new WindowComposer.Composed(frame, composed.from(), composed.scrolls());
        }
        List<OverlayPainter.PaneLabel> labels = new ArrayList<>();
        for (int i = 0; i < rects.size(); i++) {
            PaneRect r = rects.get(i);
            labels.add(new OverlayPainter.PaneLabel(r.left(), r.top(), r.width(), r.height(), s.indexes().get(i),
                    panes.get(i) == active));
        }
        if (chooser != null) {
            ChooserPainter.paint(frame, chooser, areaRows);
        } else if (overlay instanceof Overlay.Text text) {
            TextViewPainter.paint(frame, text, areaRows);
        } else {
            OverlayPainter.paint(frame, overlay, labels);
        }
        return new WindowComposer.Composed(frame, composed.from(), composed.scrolls());
    }

    /** The status line a client of {@code session} is shown (also read by {@link ClientMouse} for its window names). */
    static StatusLine status(Session session, Window current, Pane active, boolean currentZoomed, Clock clock) {
        List<StatusLine.WindowEntry> entries = new ArrayList<>();
        Window last = session.lastWindow();
        for (Window w : session.windows()) {
            entries.add(new StatusLine.WindowEntry(w.index(), w.name(), w == current, w == last,
                    w == current && currentZoomed));
        }
        String title = active.meta().title();
        return StatusLine.of(session.meta().name(), entries, title.isEmpty() ? HOST : title, clock);
    }

    /** tmux shows a pane's title, which starts as the host name. Read once, without a DNS lookup. */
    private static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (java.io.IOException | RuntimeException e) {
            return "localhost";
        }
    }
}
