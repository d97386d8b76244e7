package scarab.client.workspace;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import scarab.client.requests.ResourceLimits;

/**
 * A workspace file read and checked ({@link WorkspaceFile}): a session to build with the daemon's
 * own commands ({@link WorkspacePlan}). Directories are absolute by now.
 *
 * @param size  {@code {cols, rows}}, or null for the daemon's default
 * @param group  the session's group, or null
 * @param limits what each of its panes may use ({@code memory-max}, {@code cpu-max}, {@code tasks-max}), or null
 */
public record Workspace(Path file, String session, String root, int[] size, Map<String, String> env, String group,
                        ResourceLimits limits, List<Window> windows) {

    /**
     * A window: its name (null: tmux's automatic name), its panes as a tree ({@code root}), and a
     * layout to apply once they exist (a preset name or a tmux layout string; null: the tree's).
     */
    public record Window(String name, String layout, Node root, int line) {}

    /**
     * A node of a window's split tree: a pane ({@code children} empty) or a split of its extent
     * left-right ({@code horizontal}) or top-bottom among its children. {@code size}: its extent
     * along its parent's split, as cells ({@code "30"}) or a percentage ({@code "30%"}); null to
     * share what the sized siblings leave.
     */
    public record Node(String size, boolean horizontal, List<Node> children, List<String> command, String cwd,
                       List<String> send, String onStart, int line) {

        public boolean leaf() {
            return children.isEmpty();
        }

        /** Its panes, in the order the window lists them (left to right, top to bottom). */
        public List<Node> leaves() {
            if (leaf()) {
                return List.of(this);
            }
            List<Node> all = new java.util.ArrayList<>();
            for (Node c : children) {
                all.addAll(c.leaves());
            }
            return all;
        }
    }
}
