package scarab.daemon.session;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import scarab.daemon.keys.MouseEncoder;
import scarab.daemon.keys.MouseReport;
import scarab.daemon.layout.Layout;
import scarab.daemon.layout.PaneGeometry;
import scarab.daemon.view.StatusLine;

/**
 * One client's mouse with {@code mouse} on: what tmux 3.3a's server_client_check_mouse finds
 * under each report (the status line, a border, a pane) and what its default root-table bindings
 * then do:
 * <ul>
 * <li>MouseDown1Pane: {@code select-pane -t =}, then the click to the pane's program if it asked
 *     for the mouse ({@code send-keys -M}); button 3 likewise when the program asked for the mouse
 *     (tmux's menu otherwise: not done); button 2 goes to the program under the mouse;
 * <li>MouseDown1Status: the window whose name was clicked; the wheel over the status line:
 *     {@code previous-window} / {@code next-window};
 * <li>MouseDrag1Border: {@code resize-pane -M}, the border follows each motion
 *     ({@link PaneOperations#dragBorder}) until the button goes up;
 * <li>the wheel, drags and releases over a pane: to its program when it asked for the mouse,
 *     re-encoded for the pane's own cells in the encoding it chose ({@link MouseEncoder}); else
 *     to the {@link WheelTarget} (tmux's copy-mode -e / copy-mode -M).
 * </ul>
 * Reports come on the client's reading thread in the order typed; commands and deliveries go
 * after the key commands typed before them, as typing does ({@link ClientKeys}). Geometry is read
 * when the report comes, under the session's structure lock. A window panned in a smaller client
 * is not offset (clicks act on the window's top-left part as drawn when it fits).
 */
public final class ClientMouse {
    /**
     * Where the wheel and button-1 drags over a pane go when its program did not ask for the mouse,
     * or when the pane shows copy mode for this client: tmux binds WheelUpPane to
     * {@code copy-mode -e} (then scrolls) and MouseDrag1Pane to {@code copy-mode -M}. Copy mode
     * plugs in here ({@link #wheelTarget}): the client's own, {@link #COPY_MODE}, unless a test
     * puts another.
     * Called on the key commands' thread, in order with the commands typed before and after
     * (typing that follows waits for it); it must not wait for a client's reading thread.
     */
    public interface WheelTarget {
        /** Whether {@code pane} shows copy mode to {@code client}: its wheel and drags go here, never to the program. */
        default boolean inMode(ClientLink client, Pane pane) {
            return false;
        }

        /** The wheel over {@code pane}, up or down (tmux: enter copy mode on up, with -e; scroll in it). */
        void wheel(ClientLink client, Pane pane, boolean up);

        /** Button 1 dragged over {@code pane} to cell (x, y) of it; {@code end}: the button went up (a selection). */
        default void drag(ClientLink client, Pane pane, int x, int y, boolean end) {}
    }

    /** The client's copy mode ({@link CopyModeClient}): the wheel scrolls it, a drag selects. */
    public static final WheelTarget COPY_MODE = new WheelTarget() {
        @Override
        public boolean inMode(ClientLink client, Pane pane) {
            return client.copyMode().inMode(pane);
        }

        @Override
        public void wheel(ClientLink client, Pane pane, boolean up) {
            client.copyMode().wheel(pane, up);
        }

        @Override
        public void drag(ClientLink client, Pane pane, int x, int y, boolean end) {
            client.copyMode().drag(pane, x, y, end);
        }
    };

    private static volatile boolean enabled;
    private static volatile PaneOperations operations;
    private static volatile WheelTarget wheelTarget = COPY_MODE;

    private enum Drag { NONE, BORDER, PANE }

    /** A visible pane and its place in the window. */
    private record Place(Pane pane, int left, int top, int width, int height) {
        boolean contains(int x, int y) {
            return x >= left && x < left + width && y >= top && y < top + height;
        }
    }

    /** What the client shows when a report comes: its window's panes, the active one, the status line. */
    private record View(Session session, Window window, Pane active, List<Place> places, boolean zoomed, int statusRow) {}

    private final ClientLink link;
    private final Consumer<List<String>> commands;
    private final Consumer<Runnable> tasks;
    private final Consumer<Runnable> afterCommands;
    // Reading thread only: tmux's mouse_last_x/y/b and the drag in progress.
    private int lastX;
    private int lastY;
    private int lastB;
    private Drag drag = Drag.NONE;
    private Pane dragPane;

    /**
     * @param commands      queues a table command line of this client (typing after it waits for it)
     * @param tasks         queues work on the key commands' thread (typing after it waits for it)
     * @param afterCommands runs something after the commands typed before (at once when none waits)
     */
    ClientMouse(ClientLink link, Consumer<List<String>> commands, Consumer<Runnable> tasks,
                Consumer<Runnable> afterCommands) {
        this.link = link;
        this.commands = commands;
        this.tasks = tasks;
        this.afterCommands = afterCommands;
    }

    /** tmux's {@code mouse} option, from the config file; set once at start. */
    public static void enable(boolean on) {
        enabled = on;
    }

    public static boolean enabled() {
        return enabled;
    }

    /** What border drags change; set once when the commands are made. */
    public static void paneOperations(PaneOperations ops) {
        operations = ops;
    }

    /** Copy mode's entry for the wheel and drags (the default drops them). */
    public static void wheelTarget(WheelTarget target) {
        wheelTarget = target == null ? COPY_MODE : target;
    }

    /** A mouse report from this client's terminal. Reading thread. */
    void report(MouseReport m) {
        int lx = lastX;
        int ly = lastY;
        int lb = lastB;
        lastX = m.x();
        lastY = m.y();
        lastB = m.b();
        if (m.sgr() && m.sgrType() == 'm' && (m.sgrB() & 64) != 0) {
            return; // a wheel "release" some terminals send: tmux drops it
        }
        View v = view();
        if (v == null) {
            return;
        }
        if (m.wheel()) {
            wheel(v, m, lb);
        } else if (m.release() && !m.drag()) {
            release(v, m, lb);
        } else if (m.drag() && m.button() == 3) {
            deliver(v, under(v, m.x(), m.y()), m, lb); // motion without a button (1003): MouseMove, unbound
        } else if (m.drag()) {
            drag(v, m, lx, ly, lb);
        } else {
            press(v, m, lb);
        }
    }

    private void press(View v, MouseReport m, int lb) {
        drag = Drag.NONE;
        if (m.y() == v.statusRow()) {
            if (m.button() == 0) {
                int index = statusLine(v).windowAt(link.cols(), m.x());
                for (Window w : v.session().windows()) {
                    if (index >= 0 && w.index() == index) {
                        commands.accept(List.of("select-window", "-t", w.label()));
                    }
                }
            }
            return;
        }
        if (border(v, m.x(), m.y())) {
            return; // MouseDown1Border: unbound; the drag that follows moves it
        }
        Place p = under(v, m.x(), m.y());
        if (p == null) {
            return;
        }
        boolean wants = modes(p.pane()).any();
        if (m.button() == 0 || m.button() == 2 && wants) {
            if (p.pane() != v.active()) {
                commands.accept(List.of("select-pane", "-t", p.pane().label()));
            }
        }
        deliver(v, p, m, lb); // send-keys -M: only to a program that asked for the mouse
    }

    private void drag(View v, MouseReport m, int lx, int ly, int lb) {
        if (drag == Drag.NONE) {
            // The drag starts where the button went down (tmux's "drag start" at m->lx, m->ly).
            if (m.button() == 0 && ly != v.statusRow() && border(v, lx, ly)) {
                drag = Drag.BORDER;
            } else {
                Place p = ly == v.statusRow() ? null : under(v, lx, ly);
                if (p == null) {
                    return;
                }
                drag = Drag.PANE;
                dragPane = p.pane();
            }
        }
        if (drag == Drag.BORDER) {
            moveBorder(v, lx, ly, m.x(), m.y());
            return;
        }
        Place p = placeOf(v, dragPane);
        if (p == null) {
            return;
        }
        if (m.button() == 0 && !modes(p.pane()).any()) {
            toWheelTarget(p, m, false);
            return;
        }
        deliver(v, p, m, lb);
    }

    private void release(View v, MouseReport m, int lb) {
        Drag was = drag;
        drag = Drag.NONE;
        if (was == Drag.BORDER) {
            return; // MouseDragEnd1Border: unbound, and on a border no pane gets it
        }
        Place p = was == Drag.PANE ? placeOf(v, dragPane) : under(v, m.x(), m.y());
        if (p == null || m.y() == v.statusRow()) {
            return;
        }
        if (!modes(p.pane()).any()) {
            if (was == Drag.PANE) {
                toWheelTarget(p, m, true);
            }
            return;
        }
        deliver(v, p, m, lb);
    }

    private void wheel(View v, MouseReport m, int lb) {
        if (m.y() == v.statusRow()) {
            // WheelUpStatus / WheelDownStatus
            commands.accept(List.of("select-window", m.wheelUp() ? "-p" : "-n"));
            return;
        }
        if (border(v, m.x(), m.y())) {
            return;
        }
        Place p = under(v, m.x(), m.y());
        if (p == null) {
            return;
        }
        WheelTarget t = wheelTarget;
        Pane pane = p.pane();
        boolean up = m.wheelUp();
        byte[] bytes = encode(p, m, lb);
        // WheelUpPane: if -F '#{||:#{pane_in_mode},#{mouse_any_flag}}' { send -M } { copy-mode -e }
        tasks.accept(() -> {
            if (t.inMode(link, pane) || bytes == null) {
                t.wheel(link, pane, up);
            } else {
                pane.mouseInput(bytes);
            }
        });
    }

    private void toWheelTarget(Place p, MouseReport m, boolean end) {
        WheelTarget t = wheelTarget;
        Pane pane = p.pane();
        int x = Math.max(0, Math.min(p.width() - 1, m.x() - p.left()));
        int y = Math.max(0, Math.min(p.height() - 1, m.y() - p.top()));
        tasks.accept(() -> t.drag(link, pane, x, y, end));
    }

    /** The event to the pane's program, if it asked for the mouse and the event is inside the pane. */
    private void deliver(View v, Place p, MouseReport m, int lb) {
        if (p == null) {
            return;
        }
        byte[] bytes = encode(p, m, lb);
        if (bytes != null) {
            Pane pane = p.pane();
            afterCommands.accept(() -> pane.mouseInput(bytes));
        }
    }

    /** The report for the program of pane {@code p} (tmux's input_key_mouse), or null. */
    private byte[] encode(Place p, MouseReport m, int lb) {
        int wy = windowY(m.y());
        if (!p.contains(m.x(), wy)) {
            return null;
        }
        return MouseEncoder.encode(m, lb, m.x() - p.left(), wy - p.top(), modes(p.pane()));
    }

    private void moveBorder(View v, int lx, int ly, int x, int y) {
        PaneOperations ops = operations;
        if (ops == null) {
            return;
        }
        Session session = v.session();
        Pane any = v.active();
        int fromY = windowY(ly);
        int toY = windowY(y);
        tasks.accept(() -> ops.dragBorder(session, any, lx, fromY, x, toY));
    }

    /** A row of the client as a row of the window: the status line's row counts as the one above it (tmux's statusat). */
    private int windowY(int y) {
        Pane shown = link.pane();
        boolean status = shown != null && shown.session().statusShown();
        int statusRow = status ? link.rows() - 1 : -1;
        return statusRow > 0 && y >= statusRow ? statusRow - 1 : y;
    }

    /** The mouse modes the pane's program set. */
    private static MouseEncoder.Modes modes(Pane p) {
        return p.readScreen(s -> new MouseEncoder.Modes(s.mouseTracking(), s.mouseSgr(), s.mouseUtf8(), s.mouseUrxvt()));
    }

    /** tmux's border test (server_client_check_mouse): a cell just right of or below a pane, not when zoomed. */
    private static boolean border(View v, int x, int y) {
        if (v.zoomed()) {
            return false;
        }
        for (Place p : v.places()) {
            int right = p.left() + p.width();
            int bottom = p.top() + p.height();
            if (right == x && p.top() <= 1 + y && bottom >= y || bottom == y && p.left() <= 1 + x && right >= x) {
                return true;
            }
        }
        return false;
    }

    private static Place under(View v, int x, int y) {
        for (Place p : v.places()) {
            if (p.contains(x, y)) {
                return p;
            }
        }
        return null;
    }

    private static Place placeOf(View v, Pane pane) {
        for (Place p : v.places()) {
            if (p.pane() == pane) {
                return p;
            }
        }
        return null;
    }

    private StatusLine statusLine(View v) {
        return ComposedView.status(v.session(), v.window(), v.active(), v.zoomed(), Clock.systemDefaultZone());
    }

    private View view() {
        Pane shown = link.pane();
        if (shown == null) {
            return null;
        }
        Session session = shown.session();
        List<Place> places = new ArrayList<>();
        Window window;
        Pane active;
        boolean zoomed;
        synchronized (session.structure) {
            window = session.currentWindow();
            if (window == null || window.indexOf(shown) < 0) {
                return null;
            }
            Layout layout = window.layout();
            active = window.active();
            java.util.OptionalInt z = layout.zoomedPane();
            zoomed = z.isPresent();
            for (Pane p : window.panes()) {
                if (z.isEmpty() || z.getAsInt() == p.id()) {
                    PaneGeometry g = layout.pane(p.id());
                    places.add(new Place(p, g.left(), g.top(), g.width(), g.height()));
                }
            }
        }
        int statusRow = session.statusShown() ? link.rows() - 1 : -1;
        return new View(session, window, active, places, zoomed, statusRow);
    }
}
