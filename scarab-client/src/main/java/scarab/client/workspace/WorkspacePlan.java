package scarab.client.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import scarab.client.requests.ResourceLimits;

/**
 * A workspace as the daemon's own commands, worked out before anything is created: the session
 * ({@code new}), each further window ({@code new-window}), each pane by {@code split-window -b -l
 * CELLS} of the pane that holds the rest of its split, the layouts, the keys to type and the
 * panes and window to select. Sizes are turned into cells here, from the window's size: a
 * percentage is of the split's whole extent (rounded down, as tmux rounds {@code -l N%}),
 * children without a size share what the others leave (the first ones one cell more), and the
 * last child of a split takes whatever is left. So the geometry is the one declared, and the same
 * {@code split-window} commands give it in tmux.
 *
 * <p>Pane targets are window indexes and pane indexes, followed here as each split inserts its
 * pane before the one it splits (tmux's {@code -b}): the whole plan needs no answer from the
 * daemon, so it runs as one batch over one connection.
 */
public final class WorkspacePlan {
    /** One request. */
    public sealed interface Step {
        /** The scarab command line that does the same (for {@code up -n} and for people). */
        List<String> words();
    }

    /** The session, running the window 0's first pane's command ({@code command} null: the default). */
    public record NewSession(String name, List<String> command, String cwd, int cols, int rows,
                             Map<String, String> env, String group, ResourceLimits limits) implements Step {
        @Override
        public List<String> words() {
            List<String> w = new ArrayList<>(List.of("new", "-d"));
            if (command != null) {
                w.addAll(List.of("-c", WorkspaceCommands.line(command)));
            }
            if (group != null) {
                w.addAll(List.of("--group", group));
            }
            if (limits != null && limits.memoryMax() != null) {
                w.addAll(List.of("--memory-max", Long.toString(limits.memoryMax())));
            }
            if (limits != null && limits.cpuMax() != null) {
                w.addAll(List.of("--cpu-max", Integer.toString(limits.cpuMax())));
            }
            if (limits != null && limits.tasksMax() != null) {
                w.addAll(List.of("--tasks-max", Integer.toString(limits.tasksMax())));
            }
            w.addAll(List.of("-C", cwd, "--size", cols + "x" + rows));
            for (Map.Entry<String, String> e : env.entrySet()) {
                w.addAll(List.of("-e", e.getKey() + "=" + e.getValue()));
            }
            w.add(name);
            return w;
        }
    }

    /** A table command ({@code new-window}, {@code split-window}, {@code select-layout}, ...). */
    public record Command(List<String> argv) implements Step {
        @Override
        public List<String> words() {
            return argv;
        }
    }

    /** Text typed into a pane, then Enter. */
    public record Type(String target, String text) implements Step {
        @Override
        public List<String> words() {
            return List.of("send-keys", "-t", target, "-l", text, ";", "send-keys", "-t", target, "Enter");
        }
    }

    /** A size that does not fit: reported with the file's place. */
    public static final class DoesNotFit extends RuntimeException {
        DoesNotFit(String message) {
            super(message, null, false, false);
        }
    }

    private final Workspace ws;
    private final List<Step> steps = new ArrayList<>();

    private WorkspacePlan(Workspace ws) {
        this.ws = ws;
    }

    /** The steps for {@code ws} in a window of {@code cols} x {@code rows} (the session's size). */
    public static List<Step> of(Workspace ws, int cols, int rows) {
        WorkspacePlan plan = new WorkspacePlan(ws);
        for (int i = 0; i < ws.windows().size(); i++) {
            plan.window(i, ws.windows().get(i), cols, rows);
        }
        plan.steps.add(new Command(List.of("select-window", "-t", ws.session() + ":0")));
        return List.copyOf(plan.steps);
    }

    private void window(int index, Workspace.Window w, int cols, int rows) {
        Workspace.Node tree = w.root();
        List<Workspace.Node> leaves = tree.leaves();
        Workspace.Node first = leaves.get(leaves.size() - 1);
        String win = ws.session() + ":" + index;
        if (index == 0) {
            steps.add(new NewSession(ws.session(), WorkspaceCommands.of(first), first.cwd(), cols, rows, ws.env(),
                    ws.group(), ws.limits()));
            if (w.name() != null) {
                steps.add(new Command(List.of("rename-window", "-t", win, w.name())));
            }
        } else {
            List<String> argv = new ArrayList<>(List.of("new-window", "-d", "-t", win));
            if (w.name() != null) {
                argv.addAll(List.of("-n", w.name()));
            }
            paneOptions(argv, first);
            steps.add(new Command(argv));
        }
        List<Workspace.Node> order = new ArrayList<>(List.of(first));
        if (w.layout() != null) {
            for (int i = 0; i < leaves.size() - 1; i++) {
                // Each pane goes before the first one; tiled after each split keeps room for the next.
                List<String> argv = new ArrayList<>(List.of("split-window", "-b", "-d", "-t", win + "." + i));
                paneOptions(argv, leaves.get(i));
                steps.add(new Command(argv));
                steps.add(new Command(List.of("select-layout", "-t", win + ".0", "tiled")));
                order.add(i, leaves.get(i));
            }
            steps.add(new Command(List.of("select-layout", "-t", win + ".0", w.layout())));
        } else {
            split(tree, first, cols, rows, win, order);
        }
        for (int k = 0; k < order.size(); k++) {
            for (String line : order.get(k).send()) {
                steps.add(new Type(win + "." + k, line));
            }
        }
        steps.add(new Command(List.of("select-pane", "-t", win + ".0")));
    }

    /**
     * Builds {@code node} (of {@code width} x {@code height}) in the pane now running {@code pane}:
     * each child but the last is split off it, before it, at its size; the pane keeps the last.
     */
    private void split(Workspace.Node node, Workspace.Node pane, int width, int height, String win,
                       List<Workspace.Node> order) {
        if (node.leaf()) {
            return;
        }
        int extent = node.horizontal() ? width : height;
        int[] sizes = sizes(node, extent);
        for (int i = 0; i < node.children().size() - 1; i++) {
            Workspace.Node child = node.children().get(i);
            List<Workspace.Node> childLeaves = child.leaves();
            Workspace.Node runs = childLeaves.get(childLeaves.size() - 1);
            int at = indexOf(order, pane);
            List<String> argv = new ArrayList<>(List.of("split-window", "-b", "-d", node.horizontal() ? "-h" : "-v",
                    "-l", Integer.toString(sizes[i]), "-t", win + "." + at));
            paneOptions(argv, runs);
            steps.add(new Command(argv));
            order.add(at, runs);
            split(child, runs, node.horizontal() ? sizes[i] : width, node.horizontal() ? height : sizes[i], win, order);
        }
        int last = sizes[sizes.length - 1];
        split(node.children().get(node.children().size() - 1), pane, node.horizontal() ? last : width,
                node.horizontal() ? height : last, win, order);
    }

    private static int indexOf(List<Workspace.Node> order, Workspace.Node pane) {
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i) == pane) {
                return i;
            }
        }
        throw new IllegalStateException("pane not placed");
    }

    /** Each child's extent in cells; they and the borders between them fill {@code extent}. */
    int[] sizes(Workspace.Node node, int extent) {
        List<Workspace.Node> children = node.children();
        int n = children.size();
        int[] sizes = new int[n];
        int free = extent - (n - 1);
        int unsized = 0;
        for (int i = 0; i < n; i++) {
            String s = children.get(i).size();
            if (s == null) {
                unsized++;
            } else if (s.endsWith("%")) {
                sizes[i] = extent * Integer.parseInt(s.substring(0, s.length() - 1)) / 100;
            } else {
                sizes[i] = Integer.parseInt(s);
            }
            free -= sizes[i];
        }
        int share = unsized == 0 ? 0 : Math.floorDiv(free, unsized);
        int extra = unsized == 0 ? 0 : Math.floorMod(free, unsized);
        for (int i = 0; i < n; i++) {
            if (children.get(i).size() == null) {
                sizes[i] = share + (extra-- > 0 ? 1 : 0);
            }
        }
        int used = n - 1;
        for (int i = 0; i < n - 1; i++) {
            used += sizes[i];
        }
        sizes[n - 1] = extent - used;
        for (int i = 0; i < n; i++) {
            if (sizes[i] < 1) {
                throw new DoesNotFit(ws.file() + ":" + children.get(i).line() + ": the panes of this split need more"
                        + " than its " + extent + " cells " + (node.horizontal() ? "across" : "down")
                        + " (sizes " + java.util.Arrays.toString(sizes) + "); give a larger size = \"COLSxROWS\" or"
                        + " smaller sizes");
            }
        }
        return sizes;
    }

    private void paneOptions(List<String> argv, Workspace.Node leaf) {
        List<String> command = WorkspaceCommands.of(leaf);
        if (command != null) {
            argv.addAll(List.of("-c", WorkspaceCommands.line(command)));
        }
        argv.addAll(List.of("-C", leaf.cwd()));
        for (Map.Entry<String, String> e : ws.env().entrySet()) {
            argv.addAll(List.of("-e", e.getKey() + "=" + e.getValue()));
        }
    }
}
