package scarab.daemon.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import scarab.daemon.session.Session;
import scarab.daemon.session.SessionManager;
import scarab.daemon.session.Window;
import scarab.daemon.target.Target;
import scarab.daemon.target.TargetResolver;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;
import scarab.protocol.command.TargetKind;

/**
 * {@code list-windows [-a] [-F format] [-t target-session] [--json]}: one line per window in
 * tmux's default format, or the format given, or a JSON array with one object per window.
 */
public final class ListWindowsCommand implements TableCommand {
    static final String DEFAULT = "#{window_index}: #{window_name}#{window_raw_flags} (#{window_panes} panes)"
            + " [#{window_width}x#{window_height}] [layout #{window_layout}] #{window_id}#{?window_active, (active),}";

    private final TargetResolver resolver;
    private final SessionManager sessions;
    private final ModelTargets model;

    public ListWindowsCommand(TargetResolver resolver, SessionManager sessions, ModelTargets model) {
        this.resolver = resolver;
        this.sessions = sessions;
        this.model = model;
    }

    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        List<Session> which = line.has('a') ? sessions.list()
                : List.of(ModelTargets.session(resolver.resolve(line.value('t'), TargetKind.SESSION, caller)));
        String format = line.value('F') != null ? line.value('F')
                : line.has('a') ? "#{session_name}:" + DEFAULT : DEFAULT;
        List<Function<String, String>> rows = new ArrayList<>();
        for (Session s : which) {
            for (Window w : s.windows()) {
                rows.add(model.variables(ModelTargets.of(s, w, w.active())));
            }
        }
        Listing.print(rows, format, line.has("json"), ListWindowsCommand::object, out);
    }

    private static Map<String, Object> object(Function<String, String> v) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("session", v.apply("session_name"));
        o.put("index", Integer.parseInt(v.apply("window_index")));
        o.put("id", v.apply("window_id"));
        o.put("name", v.apply("window_name"));
        o.put("active", "1".equals(v.apply("window_active")));
        o.put("last", "1".equals(v.apply("window_last_flag")));
        o.put("panes", Integer.parseInt(v.apply("window_panes")));
        o.put("width", Integer.parseInt(v.apply("window_width")));
        o.put("height", Integer.parseInt(v.apply("window_height")));
        o.put("layout", v.apply("window_layout"));
        o.put("zoomed", "1".equals(v.apply("window_zoomed_flag")));
        return o;
    }
}
