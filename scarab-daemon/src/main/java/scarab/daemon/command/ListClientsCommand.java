package scarab.daemon.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import scarab.daemon.session.ClientLink;
import scarab.daemon.session.Session;
import scarab.daemon.session.Window;
import scarab.daemon.target.TargetResolver;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;
import scarab.protocol.command.TargetKind;

/**
 * {@code list-clients [-F format] [-t target-session] [--json]}: one line per attached client in
 * tmux 3.3a's default format ({@code /dev/pts/5: work [100x30 xterm-256color] (attached,focused,UTF-8)}),
 * or the format given (the client's variables and those of the session it shows), or a JSON array.
 */
public final class ListClientsCommand implements TableCommand {
    static final String DEFAULT = "#{client_name}: #{session_name} [#{client_width}x#{client_height} #{client_termname}]"
            + "#{?client_flags, (,}#{client_flags}#{?client_flags,),}";

    private final TargetResolver resolver;
    private final AttachedClients clients;
    private final ModelTargets model;

    ListClientsCommand(TargetResolver resolver, AttachedClients clients, ModelTargets model) {
        this.resolver = resolver;
        this.clients = clients;
        this.model = model;
    }

    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        Session only = line.value('t') == null ? null
                : ModelTargets.session(resolver.resolve(line.value('t'), TargetKind.SESSION, caller));
        List<Function<String, String>> rows = new ArrayList<>();
        for (ClientLink c : clients.of(only)) {
            Session s = c.session();
            if (s == null) {
                continue; // detached meanwhile
            }
            Window w = s.currentWindow();
            Function<String, String> sessionVars = w == null ? n -> null
                    : model.variables(ModelTargets.of(s, w, w.active()));
            rows.add(name -> {
                String v = variable(name, c, s);
                return v != null ? v : sessionVars.apply(name);
            });
        }
        Listing.print(rows, line.value('F') != null ? line.value('F') : DEFAULT, line.has("json"),
                ListClientsCommand::object, out);
    }

    private static String variable(String name, ClientLink c, Session s) {
        Session last = c.lastSession();
        return switch (name) {
            case "client_name", "client_tty" -> c.name();
            case "client_width" -> Integer.toString(c.cols());
            case "client_height" -> Integer.toString(c.rows());
            case "client_termname" -> c.termName();
            case "client_readonly" -> c.readOnly() ? "1" : "0";
            case "client_flags" -> "attached,focused," + (c.readOnly() ? "read-only," : "") + "UTF-8";
            case "client_session" -> s.meta().name();
            case "client_last_session" -> last == null ? "" : last.meta().name();
            case "client_created" -> Long.toString(c.createdMillis() / 1000);
            default -> null;
        };
    }

    private static Map<String, Object> object(Function<String, String> v) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", v.apply("client_name"));
        o.put("tty", v.apply("client_tty"));
        o.put("width", Integer.parseInt(v.apply("client_width")));
        o.put("height", Integer.parseInt(v.apply("client_height")));
        o.put("termName", v.apply("client_termname"));
        o.put("session", v.apply("client_session"));
        String last = v.apply("client_last_session");
        o.put("lastSession", last.isEmpty() ? null : last);
        o.put("readOnly", "1".equals(v.apply("client_readonly")));
        return o;
    }
}
