package scarab.daemon.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import scarab.daemon.resources.ProcessTable;
import scarab.daemon.resources.Usage;
import scarab.daemon.session.Pane;
import scarab.daemon.session.Session;
import scarab.daemon.session.SessionManager;
import scarab.daemon.session.Window;
import scarab.daemon.target.Target;
import scarab.daemon.target.TargetResolver;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;
import scarab.protocol.command.TargetKind;

/**
 * {@code list-panes [-a] [-F format] [-t target-window] [--json]}: one line per pane in tmux's
 * default format, or the format given, or a JSON array with one object per pane.
 */
public final class ListPanesCommand implements TableCommand {
    static final String DEFAULT = "#{pane_index}: [#{pane_width}x#{pane_height}] [history #{history_size}/"
            + "#{history_limit}, #{history_bytes} bytes] #{pane_id}#{?pane_active, (active),}#{?pane_dead, (dead),}";

    private final TargetResolver resolver;
    private final SessionManager sessions;
    private final ModelTargets model;

    public ListPanesCommand(TargetResolver resolver, SessionManager sessions, ModelTargets model) {
        this.resolver = resolver;
        this.sessions = sessions;
        this.model = model;
    }

    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        List<Session> everyWindowOf = new ArrayList<>();
        Target one = null;
        if (line.has('a')) {
            everyWindowOf.addAll(sessions.list());
        } else {
            one = resolver.resolve(line.value('t'), TargetKind.WINDOW, caller);
        }
        String format = line.value('F') != null ? line.value('F')
                : line.has('a') ? "#{session_name}:#{window_index}." + DEFAULT : DEFAULT;
        List<Function<String, String>> rows = new ArrayList<>();
        if (one != null) {
            Session s = ModelTargets.session(one);
            Window w = ModelTargets.window(one);
            for (Pane p : w.panes()) {
                rows.add(model.variables(ModelTargets.of(s, w, p)));
            }
        }
        for (Session s : everyWindowOf) {
            for (Window w : s.windows()) {
                for (Pane p : w.panes()) {
                    rows.add(model.variables(ModelTargets.of(s, w, p)));
                }
            }
        }
        // One pass over /proc for every pane's figures, and only for --json, which has them.
        ProcessTable processes = line.has("json") ? ProcessTable.read() : null;
        Listing.print(rows, format, line.has("json"), v -> object(v, processes), out);
    }

    private static Map<String, Object> object(Function<String, String> v, ProcessTable processes) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("session", v.apply("session_name"));
        o.put("windowIndex", Integer.parseInt(v.apply("window_index")));
        o.put("windowId", v.apply("window_id"));
        o.put("windowName", v.apply("window_name"));
        o.put("index", Integer.parseInt(v.apply("pane_index")));
        o.put("id", v.apply("pane_id"));
        o.put("left", Integer.parseInt(v.apply("pane_left")));
        o.put("top", Integer.parseInt(v.apply("pane_top")));
        o.put("width", Integer.parseInt(v.apply("pane_width")));
        o.put("height", Integer.parseInt(v.apply("pane_height")));
        o.put("active", "1".equals(v.apply("pane_active")));
        o.put("zoomed", "1".equals(v.apply("window_zoomed_flag")));
        o.put("command", v.apply("pane_current_command"));
        o.put("startCommand", v.apply("pane_start_command"));
        String pid = v.apply("pane_pid");
        o.put("pid", pid.isEmpty() ? null : Long.parseLong(pid));
        o.put("cwd", v.apply("pane_current_path"));
        o.put("title", v.apply("pane_title"));
        o.put("dead", "1".equals(v.apply("pane_dead")));
        String status = v.apply("pane_dead_status");
        o.put("exitCode", status.isEmpty() ? null : Integer.parseInt(status));
        // The pane's process tree: CPU time so far (ms) and resident memory (bytes); null when dead.
        Usage usage = pid.isEmpty() || "1".equals(v.apply("pane_dead")) ? null : processes.treeUsage(Long.parseLong(pid));
        o.put("cpuMillis", usage == null ? null : usage.cpuMillis());
        o.put("memoryBytes", usage == null ? null : usage.memoryBytes());
        return o;
    }
}
