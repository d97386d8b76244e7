package scarab.daemon.session;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import scarab.daemon.FatalErrors;

/**
 * tmux's automatic-rename: a window without a fixed name is called after what its active pane
 * runs in the foreground now. As tmux does, a pane is looked at only after it wrote something
 * (a program starting or ending at a shell prompt always writes: the echoed command line, the next
 * prompt), half a second after the first output since the last look (by then the program the
 * shell was starting runs): the output path only notes when it first wrote, and this timer reads
 * {@code /proc} for those panes, so an idle daemon with a thousand panes reads nothing.
 */
public final class WindowNames implements AutoCloseable {
    static final long DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long TICK_MILLIS = 100;
    private final SessionManager sessions;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scarab-names");
        t.setDaemon(true);
        return t;
    });

    public WindowNames(SessionManager sessions) {
        this.sessions = sessions;
    }

    public void start() {
        timer.scheduleWithFixedDelay(FatalErrors.guarded("the window names task", this::checkFlagged), TICK_MILLIS,
                TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Reads the foreground command of every pane that wrote since the last look; redraws status lines that show a change. */
    void checkFlagged() {
        long now = System.nanoTime();
        for (Pane p : sessions.allPanes()) {
            if (!p.takeNameCheck(now, DELAY_NANOS)) {
                continue;
            }
            String name = p.hasLiveProcess() ? ForegroundCommand.of(p.pid()) : null;
            if (name != null && p.currentCommand(name)) {
                Window w = p.window();
                Session s = p.session();
                if (w != null && w.fixedName() == null && w.active() == p && s.currentWindow() != null) {
                    s.activePane().redrawStatus();
                }
                if (w != null && w.fixedName() == null && w.active() == p) {
                    SessionEvents.shapeChanged(s); // window-renamed
                }
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
