import java.lang.reflect.Method;
import java.util.Arrays;
import scarab.daemon.terminal.CaptureOptions;
import scarab.daemon.terminal.Renderer;
import scarab.daemon.terminal.Screen;

/**
 * What a snapshot and a `capture -e -S -` do while they hold a session's screen lock, timed on a
 * 200x50 screen with a 10,000-line coloured history (issue 13 item 5). Works against the daemon's
 * classes of any version: before incremental snapshots, the whole render and the whole capture
 * ran under the lock; after, only HistoryArchive.prepare and Screen.captureView do (found by
 * reflection, so that this file compiles against both).
 *
 * Usage: java -cp scarab-daemon/target/classes bench/LockHold.java [LINES]
 */
public class LockHold {
    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Screen s = new Screen(200, 50, lines * 2);
        String pad = "0".repeat(170);
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= lines + 50; i++) {
            b.append("\033[3").append(i % 8).append("mline ").append(String.format("%6d", i)).append("\033[0m ")
                    .append(pad).append(" history\r\n");
        }
        s.feed(b.toString());
        CaptureOptions all = new CaptureOptions(true, Integer.MIN_VALUE, null, false, false);
        Method captureView = find(Screen.class, "captureView", CaptureOptions.class);
        Class<?> archiveClass = null;
        try {
            archiveClass = Class.forName("scarab.daemon.terminal.HistoryArchive");
        } catch (ClassNotFoundException e) {
            // before incremental snapshots
        }
        System.out.printf("history %d lines of 200 columns; median (min) of 30 runs after 20 untimed%n", s.historySize());
        if (captureView == null) {
            time("snapshot: render history and screen (under the lock)", () -> Renderer.renderHistoryAndScreen(s));
            time("capture -e -S - (under the lock)", () -> s.capture(all));
        } else {
            Class<?> ac = archiveClass;
            Method prepare = ac.getMethod("prepare", Screen.class);
            Method committed = ac.getMethod("committed", prepare.getReturnType());
            Method chunks = prepare.getReturnType().getMethod("chunks");
            time("snapshot, first round: prepare (under the lock)", () -> prepare.invoke(ac.getConstructor().newInstance(), s));
            Object steady = ac.getConstructor().newInstance();
            Object first = prepare.invoke(steady, s);
            chunks.invoke(first);
            committed.invoke(steady, first);
            time("snapshot, next rounds: prepare (under the lock)", () -> prepare.invoke(steady, s));
            time("capture -e -S -: captureView (under the lock)", () -> captureView.invoke(s, all));
            Object view = captureView.invoke(s, all);
            Method text = view.getClass().getMethod("capture");
            time("  (capture text, after the lock)", () -> text.invoke(view));
            Method screenReplay = prepare.getReturnType().getMethod("screenReplay");
            time("  (snapshot screen render + first round's chunks, after the lock)", () -> {
                Object r = prepare.invoke(ac.getConstructor().newInstance(), s);
                screenReplay.invoke(r);
                return chunks.invoke(r);
            });
        }
    }

    interface Work { Object run() throws Exception; }

    static Method find(Class<?> c, String name, Class<?>... types) {
        try {
            return c.getMethod(name, types);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    static void time(String what, Work w) throws Exception {
        for (int i = 0; i < 20; i++) w.run();
        long[] t = new long[30];
        for (int i = 0; i < t.length; i++) {
            long s = System.nanoTime();
            w.run();
            t[i] = System.nanoTime() - s;
        }
        Arrays.sort(t);
        System.out.printf("%-66s %9.3f ms (min %.3f)%n", what, t[t.length / 2] / 1e6, t[0] / 1e6);
    }
}
