package scarab.daemon.session;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import scarab.daemon.ipc.Connection;
import scarab.daemon.view.Overlay;
import scarab.protocol.DetachKeys;
import scarab.protocol.Response;

/**
 * One attached client of a session, as the session sees it: where its output goes, its size and
 * when it was last active. The session offers every output chunk while holding its screen lock;
 * an offer never blocks, so a client that stops reading never slows the session or the others.
 * Two ways to reach a client: {@link FrameLink} (output frames on its socket, written by a thread
 * of its own) and {@link TerminalLink} (straight to the client's terminal, from the poller).
 */
public abstract class ClientLink {
    /** Backlog beyond which a client is considered stalled: about 1 s of very heavy output. */
    static final int MAX_QUEUED_BYTES = 4 << 20;
    /** Pictures for a client of another size are drawn at most this often (50 a second). */
    static final long PICTURE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Connection connection;
    private final boolean readOnly;
    private volatile int cols;
    private volatile int rows;
    private volatile long lastActive;
    /**
     * Whether it is sent pictures drawn from the screen instead of the program's output: its size
     * is not the session's. Changed under the session's screen write lock.
     */
    private volatile boolean picture;
    /** A picture is scheduled (output changed the screen since the last one was drawn). */
    private final AtomicBoolean pictureDue = new AtomicBoolean();
    private volatile long lastPicture;
    /** Its terminal's answers to the queries in the output it was sent; see {@link QueryReplyFilter}. */
    private final QueryReplyFilter queryReplies = new QueryReplyFilter();
    /** Drawn cell by cell (a status line, or several panes), else null. Changed under its pane's write lock. */
    private volatile ComposedView view;
    /** The pane it shows: its input goes there. Changed under that pane's screen write lock. */
    private volatile Pane pane;
    /**
     * Held while the client moves to another session ({@link ClientSwitch}) or detaches, so a
     * detach never misses a client half way between two sessions. Taken before any pane's lock.
     */
    final Object moves = new Object();
    /** The session it showed before the current one (switch-client -l), or null. Changed under {@link #moves}. */
    private volatile Session lastSession;
    /** Its name in list-clients and switch-client -c: its terminal's path, as tmux names clients. */
    private volatile String name;
    /** Its terminal's TERM, or "unknown". */
    private volatile String termName = "unknown";
    private final long createdMillis = System.currentTimeMillis();
    /** What it shows over its window (a prompt, a message, pane numbers), or null; see {@link ClientKeys}. */
    private volatile Overlay overlay;
    /** A pane's picture in copy mode, painted over that pane while shown, or null; see {@link CopyModeClient}. */
    private volatile CopyModeClient.View copyView;
    /** Its keys: read by the daemon, whichever way they arrive. */
    private final ClientKeys keys;
    /** Finished or abandoned: what still holds the link (a pane it previews) lets it go. */
    private volatile boolean ended;

    ClientLink(Connection connection, boolean readOnly, int cols, int rows, DetachKeys detachKeys) {
        this.connection = connection;
        this.readOnly = readOnly;
        this.cols = cols;
        this.rows = rows;
        this.lastActive = System.nanoTime();
        this.keys = new ClientKeys(this, detachKeys, !readOnly, System::nanoTime);
    }

    ClientKeys keys() {
        return keys;
    }

    /** Called first by {@link #finish} and {@link #abandon}. */
    final void markEnded() {
        ended = true;
    }

    boolean ended() {
        return ended;
    }

    Overlay overlay() {
        return overlay;
    }

    void overlay(Overlay shown) {
        overlay = shown;
    }

    CopyModeClient.View copyView() {
        return copyView;
    }

    void copyView(CopyModeClient.View shown) {
        copyView = shown;
    }

    /** Copy mode on this client: {@link CopyModeClient#enterCopyMode} enters it (the mouse wheel). */
    public CopyModeClient copyMode() {
        return keys.copyMode();
    }

    /** Starts delivering; {@code redraw} renders the screen (the caller's lock rules apply inside). */
    abstract void start(String threadName, Supplier<byte[]> redraw);

    /**
     * The program's output paused (on the poller thread, after a turn of reads): a link that
     * gathers output while it flows passes it on now.
     */
    void outputPaused() {
    }

    /** Queues output. Called with the session's screen lock held, so order matches the screen. */
    abstract void offer(byte[] chunk);

    /** Replaces whatever is queued with a full redraw (after a size change, or falling behind). */
    abstract void replaceWithRedraw(byte[] redraw);

    /** Sends {@code lastBytes} and then {@code message}, then stops. */
    abstract void finish(byte[] lastBytes, Response message);

    /** The client is gone: stop at once. */
    abstract void abandon();

    ComposedView view() {
        return view;
    }

    void view(ComposedView composed) {
        view = composed;
    }

    /** The pane this client shows now. */
    Pane pane() {
        return pane;
    }

    void pane(Pane shown) {
        pane = shown;
    }

    /** The session it shows now; null before it is registered. */
    /** tmux's display-time: how long a message stays. */
    public static final long DISPLAY_MILLIS = ClientKeys.DISPLAY_MILLIS;

    /**
     * Shows {@code text} on this client's status line (display-message) for {@code millis}, or
     * until a key when 0; not over an open prompt, as tmux keeps a prompt in front of messages.
     */
    public void display(String text, long millis) {
        keys.display(text, millis);
    }

    public Session session() {
        Pane p = pane;
        return p == null ? null : p.session();
    }

    public Session lastSession() {
        return lastSession;
    }

    void lastSession(Session s) {
        lastSession = s;
    }

    public String name() {
        return name;
    }

    public String termName() {
        return termName;
    }

    /** Named once, before it is registered. */
    void name(String clientName, String term) {
        name = clientName;
        if (term != null && !term.isEmpty()) {
            termName = term;
        }
    }

    public long createdMillis() {
        return createdMillis;
    }

    public Connection connection() {
        return connection;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public int cols() {
        return cols;
    }

    public int rows() {
        return rows;
    }

    void size(int newCols, int newRows) {
        cols = newCols;
        rows = newRows;
    }

    boolean picture() {
        return picture;
    }

    void picture(boolean on) {
        picture = on;
    }

    /**
     * The screen changed: {@code draw} sends this client a fresh picture, at once if the last one
     * is older than {@link #PICTURE_INTERVAL_NANOS} or the client typed since it, else when it is;
     * changes meanwhile share it. The interval keeps a flood from spending a core on pictures; a
     * key's echo is what a person waits for, and tmux draws it at once (waiting for the interval
     * made the echo in a four-pane window 20 ms at p50 against tmux's 0.5 ms).
     */
    void pictureDue(Runnable draw) {
        ComposedView v = view;
        if (v != null) {
            v.reshape(); // not the program's output: what the window looks like may have changed
        }
        if (pictureDue.compareAndSet(false, true)) {
            long wait = pictureDelay(System.nanoTime());
            PictureScheduler.schedule(() -> {
                pictureStarts();
                draw.run();
            }, wait);
        }
    }

    /**
     * The program's output changed what a composed client shows (poller thread, a pane's write lock
     * held): true when the poller is to draw it itself once it holds no lock
     * ({@link #drawViewOnPoller}), as the client typed since the last picture; false when the
     * picture is due already or waits for its interval on the picture thread.
     */
    boolean viewDueOnPoller() {
        if (!pictureDue.compareAndSet(false, true)) {
            return false;
        }
        long wait = pictureDelay(System.nanoTime());
        if (wait > 0) {
            PictureScheduler.schedule(this::drawView, wait);
            return false;
        }
        return true;
    }

    /**
     * Draws the picture {@link #viewDueOnPoller} left to the poller, when it can be drawn without
     * waiting for any lock ({@link ComposedView#tryDrawChanges}); else the picture thread draws it
     * at once. Poller thread, no lock held.
     */
    void drawViewOnPoller() {
        ComposedView v = view;
        if (v != null && v.tryDrawChanges(this::pictureStarts)) {
            return;
        }
        PictureScheduler.schedule(this::drawView, 0);
    }

    /**
     * Draws the composed picture asked for ({@link #pictureDue}) on the calling thread, now, instead
     * of handing it to the picture thread: a switch-client's other session, drawn by the thread that
     * switched, one thread wake sooner. The picture thread's turn then finds nothing left to send.
     * Never on the poller (this waits for the panes' locks).
     */
    void drawDueView() {
        ComposedView v = view;
        if (v != null && pictureDue.get()) {
            pictureStarts();
            v.drawChanges();
        }
    }

    /** A scheduled picture starts: changes from now on ask for another. */
    private void pictureStarts() {
        pictureDue.set(false);
        lastPicture = System.nanoTime();
    }

    /** The picture thread's composed picture, by the view the client has now. */
    private void drawView() {
        pictureStarts();
        ComposedView v = view;
        if (v != null) {
            v.drawChanges();
        }
    }

    /** How long a picture that became due at {@code now} waits. */
    long pictureDelay(long now) {
        if (lastActive - lastPicture > 0) {
            return 0;
        }
        return Math.max(0, lastPicture + PICTURE_INTERVAL_NANOS - now);
    }

    /**
     * The composed picture changed: the view the client has when the picture is drawn draws it
     * (not the one it had when asked: a prompt that closes and a message that opens replace the
     * view in between, and a replaced view must not draw over what its successor shows).
     */
    void viewDue() {
        pictureDue(() -> {
            ComposedView v = view;
            if (v != null) {
                v.drawChanges();
            }
        });
    }

    QueryReplyFilter queryReplies() {
        return queryReplies;
    }

    /** {@link System#nanoTime} of its last key or resize (tmux's client activity). */
    public long lastActive() {
        return lastActive;
    }

    void touch() {
        lastActive = System.nanoTime();
    }
}
