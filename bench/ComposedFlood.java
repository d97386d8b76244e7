import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import scarab.daemon.terminal.Screen;
import scarab.daemon.view.*;

/**
 * A flood in one pane of a two-pane window, as a composed client is sent it: bytes sent and the
 * CPU time of composing and diffing, the whole picture every time (Compositor + FrameDiff, as
 * before per-row damage) against the rows that changed (WindowComposer, with the scroll region
 * for a full-width pane). The output is fed in chunks of CHUNK bytes, one picture after each (the
 * picture thread draws at most every 20 ms; a flood brings a few hundred kilobytes meanwhile).
 * Both ways see the same screens, fed once; feeding is not timed.
 *
 * Usage: java -cp scarab-daemon/target/classes:SLF4J_API_JAR bench/ComposedFlood.java [MB] [CHUNK]
 */
public class ComposedFlood {
    public static void main(String[] args) {
        int mb = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int chunk = args.length > 1 ? Integer.parseInt(args[1]) : 64 * 1024;
        for (boolean sideBySide : new boolean[] {true, false}) {
            for (int round = 0; round < 3; round++) run(sideBySide, mb, chunk, round == 2);
        }
    }

    private static void run(boolean sideBySide, int mb, int chunk, boolean report) {
        int cols = 160, rows = 50, area = rows - 1;
        Screen flood, quiet;
        List<PaneRect> panes;
        if (sideBySide) { // split-window -h
            flood = new Screen(80, area, 2000);
            quiet = new Screen(79, area, 2000);
            panes = List.of(new PaneRect(quiet, 0, 0, 79, area, false), new PaneRect(flood, 80, 0, 80, area, true));
        } else { // split-window -v
            flood = new Screen(cols, 24, 2000);
            quiet = new Screen(cols, 24, 2000);
            panes = List.of(new PaneRect(quiet, 0, 0, cols, 24, false), new PaneRect(flood, 0, 25, cols, 24, true));
        }
        quiet.feed("$ vim notes.txt\r\n\033[1mquiet pane\033[0m with some text on it\r\n");
        StatusLine status = StatusLine.of("s", List.of(new StatusLine.WindowEntry(0, "sh", true, false, false)), "vm",
                Clock.systemUTC());
        WindowPicture picture = WindowPicture.of(cols, rows, panes, status);
        String line = "\033[32m2026-11-25T06:00:00Z INFO\033[0m worker-3 request handled in 12 ms path=/api/items?page=%d id=%08x\r\n";
        int counter = 0;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        TerminalWriter wholeWriter = new TerminalWriter();
        TerminalWriter damageWriter = new TerminalWriter();
        WindowComposer composer = new WindowComposer();
        long wholeBytes = 0, damageBytes = 0, wholeCpu = 0, damageCpu = 0;
        int pictures = 0;
        for (long fed = 0; fed < (long) mb << 20; ) {
            StringBuilder text = new StringBuilder(chunk + 200);
            while (text.length() < chunk) text.append(String.format(line, counter, counter++ * 0x9E3779B1));
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            fed += bytes.length;
            flood.feed(bytes);
            long t0 = cpu.getCurrentThreadCpuTime();
            wholeBytes += wholeWriter.update(Compositor.compose(picture)).length;
            long t1 = cpu.getCurrentThreadCpuTime();
            WindowComposer.Composed c = composer.compose(picture);
            damageBytes += damageWriter.update(c.frame(), c.from(), c.scrolls()).length;
            long t2 = cpu.getCurrentThreadCpuTime();
            wholeCpu += t1 - t0;
            damageCpu += t2 - t1;
            pictures++;
        }
        if (report) {
            System.out.printf("%s, %d MB in %d pictures: whole picture %,d bytes %d ms CPU; rows that changed %,d bytes %d ms CPU%n",
                    sideBySide ? "split -h (half width)" : "split -v (full width)", mb, pictures, wholeBytes,
                    wholeCpu / 1_000_000, damageBytes, damageCpu / 1_000_000);
        }
    }
}
