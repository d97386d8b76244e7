package scarab.daemon.session;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
 * next picture is drawn whole. One per client; its methods are synchronized, so the picture
 * thread's updates and a writer's full redraw never interleave. Takes the panes' screen read
 * locks, one pane after another in pane id order, inside its own monitor.
 */
final class ComposedView {
    private static final String HOST = hostName();
    private final ClientLink link;
    private final TerminalWriter writer = new TerminalWriter();
    private final WindowComposer composer = new WindowComposer();
    private final Clock clock;
    /** Set by threads that hold a pane's lock (they must not wait for this monitor): draw it all next time. */
    private volatile boolean stale = true;

    ComposedView(ClientLink link, Clock clock) {
        this.link = link;
        this.clock = clock;
    }

    /** The next picture is drawn whole (the terminal's contents are unknown, or its size changed). Never blocks. */
    void invalidate() {
        stale = true;
    }

    /** Sends what changed since the last picture (nothing when nothing did), or all of it when stale. */
    synchronized void drawChanges() {
        if (stale) {
            stale = false;
            writer.invalidate();
        }
        WindowComposer.Composed frame = frame();
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
    synchronized byte[] full() {
        stale = false;
        writer.invalidate();
        WindowComposer.Composed frame = frame();
        return frame == null ? new byte[0] : writer.update(frame.frame());
    }

    private WindowComposer.Composed frame() {
        Pane shown = link.pane();
        if (shown == null) {
            return null;
        }
        Session session = shown.session();
        Window window;
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
            java.util.OptionalInt zoomed = layout.zoomedPane();
            zoomedNow = zoomed.isPresent();
            for (Pane p : window.panes()) {
                if (zoomed.isEmpty() || zoomed.getAsInt() == p.id()) {
                    panes.add(p);
                    places.add(layout.pane(p.id()));
                    indexes.add(window.indexOf(p));
                }
            }
        }
        StatusLine status = session.statusShown() ? status(session, window, shown, zoomedNow, clock) : null;
        Overlay overlay = link.overlay();
        int areaRows = status == null ? link.rows() : link.rows() - 1;
        // The chooser's preview reads another pane's screen: made before the window's locks are taken.
        ChooserPicture chooser = overlay instanceof Overlay.Tree t ? t.source().picture(link.cols(), areaRows) : null;
        List<Pane> lockOrder = new ArrayList<>(panes);
        lockOrder.sort(Comparator.comparingInt(Pane::id));
        for (Pane p : lockOrder) {
            p.ensureLoaded(); // before any lock: a load takes the pane's write lock
        }
        int locked = 0;
        try {
            for (Pane p : lockOrder) {
                p.readLock();
                locked++;
            }
            List<PaneRect> rects = new ArrayList<>();
            boolean anyAllMotion = false;
            for (int i = 0; i < panes.size(); i++) {
                Pane p = panes.get(i);
                PaneGeometry g = places.get(i);
                Screen s = p.lockedScreen();
                rects.add(new PaneRect(s, g.left(), g.top(), g.width(), g.height(), p == active || panes.size() == 1));
                anyAllMotion |= s.mouseTracking() == 1003;
            }
            WindowPicture picture = new WindowPicture(link.cols(), link.rows(), windowCols, windowRows, rects, status,
                    false);
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
                labels.add(new OverlayPainter.PaneLabel(r.left(), r.top(), r.width(), r.height(), indexes.get(i),
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
        } finally {
            for (int i = 0; i < locked; i++) {
                lockOrder.get(i).readUnlock();
            }
        }
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
