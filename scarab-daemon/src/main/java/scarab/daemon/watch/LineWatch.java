package scarab.daemon.watch;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import scarab.daemon.session.OutputWatcher;
import scarab.daemon.terminal.CaptureOptions;
import scarab.daemon.terminal.Screen;
import scarab.protocol.Response;

/**
 * {@code wait-for-output}'s watcher: the first line of a pane that matches a pattern, among its
 * visible lines when the wait starts and then every line its output changes.
 *
 * <p>Under the screen's write lock ({@link #fed}) it only copies the lines that changed: the
 * visible rows whose damage stamp ({@link Screen#rowStamp}) is newer than the last it looked at,
 * and the lines pushed into history since (a burst may scroll a line through the screen within
 * one chunk). The copies are turned into text and matched on the work pool, in order, one piece
 * at a time. A line that changes several times within one chunk of output is seen as it ended.
 * If the matching falls {@link #MAX_PENDING_LINES} behind (a pattern far slower than the output),
 * the wait fails rather than let the copies grow without bound.
 */
public final class LineWatch implements OutputWatcher {
    static final int MAX_PENDING_LINES = 200_000;

    /** Lines to match; {@code view} null: the pane ended, nothing more will come. */
    private record Piece(Screen.CaptureView view, int lines) {}

    private final Pattern pattern;
    private final WatchAnswer answer;
    private final Watches watches;
    private final String pane;
    private final ConcurrentLinkedQueue<Piece> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingLines = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    /** Under the screen's write lock only: what has been copied so far. */
    private Screen screen;
    private long seenStamp;
    private long seenHistory;

    public LineWatch(Pattern pattern, String pane, WatchAnswer answer, Watches watches) {
        this.pattern = pattern;
        this.pane = pane;
        this.answer = answer;
        this.watches = watches;
    }

    /** The screen as the wait finds it: every visible line is matched first. Under the write lock. */
    public Void first(Screen s) {
        mark(s);
        enqueue(s.captureView(CaptureOptions.visible()), s.rows());
        return null;
    }

    private void mark(Screen s) {
        screen = s;
        seenHistory = s.historyEnd();
        long max = 0;
        for (int y = 0; y < s.rows(); y++) {
            max = Math.max(max, s.rowStamp(y));
        }
        seenStamp = max;
    }

    @Override
    public void fed(Screen s) {
        if (answer.done() || answer.abandonedByClient()) {
            return;
        }
        if (s != screen) {
            // The emulator failed and its screen was replaced: its stamps start again.
            screen = s;
            seenStamp = 0;
            seenHistory = s.historyEnd();
        }
        long end = s.historyEnd();
        long pushed = Math.min(end - Math.min(seenHistory, end), s.historySize());
        if (pushed > 0) {
            enqueue(s.captureView(new CaptureOptions(false, (int) -pushed, -1, false, false)), (int) pushed);
        }
        long max = seenStamp;
        int from = -1;
        for (int y = 0; y <= s.rows(); y++) {
            long stamp = y < s.rows() ? s.rowStamp(y) : 0;
            boolean changed = stamp > seenStamp;
            if (changed && from < 0) {
                from = y;
            } else if (!changed && from >= 0) {
                enqueue(s.captureView(new CaptureOptions(false, from, y - 1, false, false)), y - from);
                from = -1;
            }
            max = Math.max(max, stamp);
        }
        seenStamp = max;
        seenHistory = end;
    }

    /** The pane's process ended: once the lines before are matched, the wait fails. Any thread. */
    public void ended() {
        pending.add(new Piece(null, 0));
        drainLater();
    }

    private void enqueue(Screen.CaptureView view, int lines) {
        if (pendingLines.addAndGet(lines) > MAX_PENDING_LINES) {
            answer.fail("too-fast", "pane " + pane + " printed lines faster than /" + pattern + "/ could match them");
            return;
        }
        pending.add(new Piece(view, lines));
        drainLater();
    }

    private void drainLater() {
        if (draining.compareAndSet(false, true)) {
            watches.work().execute(this::drain);
        }
    }

    /** On the work pool, one drain at a time: the pieces in the order they came. */
    private void drain() {
        while (true) {
            Piece p;
            while ((p = pending.poll()) != null) {
                if (answer.done()) {
                    pending.clear();
                    return; // draining stays set: nothing is matched any more
                }
                if (p.view() == null) {
                    answer.fail("exited", "pane " + pane + " ended without a line matching /" + pattern + "/");
                    return;
                }
                pendingLines.addAndGet(-p.lines());
                List<String> lines = p.view().capture();
                for (String line : lines) {
                    if (pattern.matcher(line).find()) {
                        answer.answer(new Response.OutputMatched(answer.id(), line));
                        return;
                    }
                }
            }
            draining.set(false);
            if (pending.isEmpty() || !draining.compareAndSet(false, true)) {
                return;
            }
        }
    }
}
