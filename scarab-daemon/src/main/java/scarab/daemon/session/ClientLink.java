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
    /** What it shows over its window (a prompt, a message, pane numbers), or null; see {@link ClientKeys}. */
    private volatile Overlay overlay;
    /** Its keys: read by the daemon, whichever way they arrive. */
    private final ClientKeys keys;

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

    Overlay overlay() {
        return overlay;
    }

    void overlay(Overlay shown) {
        overlay = shown;
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

    public Connection connection() {
        return connection;
    }

    public boolean readOnly() {
        return readOnly;
    }

    int cols() {
        return cols;
    }

    int rows() {
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
     * is older than {@link #PICTURE_INTERVAL_NANOS}, else when it is; changes meanwhile share it.
     */
    void pictureDue(Runnable draw) {
        if (pictureDue.compareAndSet(false, true)) {
            long wait = Math.max(0, lastPicture + PICTURE_INTERVAL_NANOS - System.nanoTime());
            PictureScheduler.schedule(() -> {
                pictureDue.set(false);
                lastPicture = System.nanoTime();
                draw.run();
            }, wait);
        }
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

    long lastActive() {
        return lastActive;
    }

    void touch() {
        lastActive = System.nanoTime();
    }
}
