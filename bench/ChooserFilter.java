import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import scarab.daemon.view.TreeChooser;

/**
 * What one keystroke of the chooser's filter costs with many sessions: a tree of SESSIONS sessions
 * (random names of 4-16 characters, three windows each, two panes in one of them) filtered again
 * for every prefix of a few patterns, as typing does, and the lines listed. Prints the time per
 * keystroke (median and worst of the last round). The issue asks for the list to narrow within
 * 50 ms of a keystroke with 200 sessions; the filter works on the tree in memory, with no I/O.
 *
 * Usage: java -cp scarab-daemon/target/classes bench/ChooserFilter.java [SESSIONS]
 */
public class ChooserFilter {
    public static void main(String[] args) {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Random random = new Random(42);
        List<TreeChooser.Item> roots = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            List<TreeChooser.Item> windows = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                List<TreeChooser.Item> panes = new ArrayList<>();
                if (w == 1) {
                    panes.add(new TreeChooser.Item(TreeChooser.Kind.PANE, "%" + (s * 10 + w), "0", "vim*", "vim", List.of()));
                    panes.add(new TreeChooser.Item(TreeChooser.Kind.PANE, "%" + (s * 10 + w + 5), "1", "bash", "bash", List.of()));
                }
                String name = w == 0 ? "bash" : w == 1 ? "vim" : "htop";
                windows.add(new TreeChooser.Item(TreeChooser.Kind.WINDOW, "@" + (s * 3 + w), Integer.toString(w), name,
                        name, panes));
            }
            String name = name(random);
            roots.add(new TreeChooser.Item(TreeChooser.Kind.SESSION, "$" + s, name, "3 windows", name, windows));
        }
        String[] patterns = {"proj", "ap-srv", "zzzz", "e", "mainwork"};
        for (int round = 0; round < 5; round++) {
            List<Long> times = new ArrayList<>();
            for (boolean expanded : new boolean[] {false, true}) {
                TreeChooser t = new TreeChooser(roots, expanded, "$0");
                for (String p : patterns) {
                    for (int i = 1; i <= p.length(); i++) {
                        long start = System.nanoTime();
                        t.filter(p.substring(0, i));
                        int n = t.lines().size();
                        times.add(System.nanoTime() - start + (n < 0 ? 1 : 0));
                    }
                    t.filter("");
                }
            }
            times.sort(null);
            if (round == 4) {
                System.out.printf("%d sessions: per keystroke median %.3f ms, worst %.3f ms (%d keystrokes)%n", sessions,
                        times.get(times.size() / 2) / 1e6, times.get(times.size() - 1) / 1e6, times.size());
            }
        }
    }

    private static String name(Random r) {
        String[] parts = {"proj", "api", "server", "work", "main", "ops", "db", "web", "test", "dev", "x", "k8s"};
        StringBuilder b = new StringBuilder();
        while (b.length() < 4 + r.nextInt(12)) {
            if (b.length() > 0) {
                b.append(r.nextBoolean() ? "-" : "_");
            }
            b.append(parts[r.nextInt(parts.length)]);
        }
        return b.toString();
    }
}
