package scarab.daemon.command;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scarab.daemon.events.DaemonEvent;
import scarab.daemon.events.EventBus;
import scarab.daemon.events.EventFields;
import scarab.daemon.events.Subscriber;
import scarab.daemon.session.Pane;
import scarab.daemon.session.Session;
import scarab.daemon.session.SessionManager;
import scarab.protocol.CommandSplitter;
import scarab.protocol.command.Caller;
import scarab.protocol.command.Format;

/**
 * The config file's {@code [hooks]}: event type = a command line, run for each such event, as
 * tmux's {@code set-hook}. The hooks are one subscriber of the {@link EventBus}, so they run on
 * its thread, one after another in the order of the events, never on the thread that published
 * (the PTY poller among them); a hook that falls 10,000 events behind loses events, logged.
 *
 * <p>Each word of the command line is a format expanded before the command runs: the event's
 * fields as {@code #{hook_FIELD}} and {@code #{FIELD}} ({@code #{hook_session_name}},
 * {@code #{status}}), tmux's names for the ids ({@code #{session_id}}, {@code #{window_id}},
 * {@code #{pane_id}}, and {@code #{hook_session}}, {@code #{hook_window}}, {@code #{hook_pane}}),
 * {@code #{hook}} (the type) and {@code #{hook_seq}}; then, while they are still there, the
 * event's pane's (or session's) own variables ({@code #{pane_current_path}}, ...). The command
 * runs with that pane (or session) as its caller, as tmux runs a hook for its target. What it
 * prints goes to the log.
 */
public final class Hooks {
    private static final Logger log = LoggerFactory.getLogger(Hooks.class);
    private static volatile Map<String, String> configured = Map.of();

    private Hooks() {}

    /** The config file's {@code [hooks]} (already checked); set once at start, before {@link #start}. */
    public static void configure(Map<String, String> hooks) {
        configured = hooks == null ? Map.of() : Map.copyOf(hooks);
    }

    /** Subscribes the configured hooks, if any. */
    static void start(CommandHandler table, SessionManager sessions, ModelTargets model) {
        Map<String, List<String>> byType = new LinkedHashMap<>();
        configured.forEach((type, line) -> {
            try {
                byType.put(type, CommandSplitter.split(line));
            } catch (IllegalArgumentException e) {
                log.warn("hook {} left out: {}", type, e.getMessage());
            }
        });
        if (byType.isEmpty()) {
            return;
        }
        boolean output = byType.containsKey(scarab.protocol.EventTypes.OUTPUT);
        Subscriber.Sink sink = new Subscriber.Sink() {
            @Override
            public void write(byte[] lines, List<DaemonEvent> events) {
                for (DaemonEvent e : events) {
                    run(e, byType.get(e.type()), table, sessions, model);
                }
            }

            @Override
            public void lost(long from, long to, long count) {
                log.warn("hooks fell behind: {} events from seq {} to {} ran no hook", count, from, to);
            }
        };
        // From this process's first event: the sessions restored before the daemon listened have hooks too.
        try {
            EventBus.daemon().subscribe("hooks", e -> byType.containsKey(e.type()), output, EventBus.daemon().firstSeq(),
                    sink);
        } catch (scarab.daemon.UserError gone) {
            log.warn("hooks start late: {}", gone.getMessage());
            EventBus.daemon().subscribe("hooks", e -> byType.containsKey(e.type()), output, null, sink);
        }
        log.info("hooks set for {}", String.join(", ", byType.keySet()));
    }

    private static void run(DaemonEvent e, List<String> words, CommandHandler table, SessionManager sessions,
                            ModelTargets model) {
        try {
            Caller caller = caller(e.fields(), sessions);
            Function<String, String> vars = variables(e, caller, model, sessions);
            List<String> argv = words.stream().map(w -> Format.expand(w, vars)).toList();
            TableCommand.Output out = table.run(argv, caller);
            if (out.status() == 0) {
                log.info("hook {} (seq {}): {}{}", e.type(), e.seq(), String.join(" ", argv),
                        out.stdout().isEmpty() ? "" : ": " + out.stdout().strip());
            } else {
                log.warn("hook {} (seq {}) failed: {}: {}{}", e.type(), e.seq(), String.join(" ", argv),
                        out.stderr().strip(), out.stdout().isEmpty() ? "" : " (printed: " + out.stdout().strip() + ")");
            }
        } catch (RuntimeException x) {
            log.warn("hook {} (seq {}) failed", e.type(), e.seq(), x);
        }
    }

    /** The event's pane if it is still there, else its session's id: where the command runs from. */
    private static Caller caller(EventFields f, SessionManager sessions) {
        String home = System.getProperty("user.home");
        String pane = f.get("pane");
        if (pane != null && sessions.pane(Integer.parseInt(pane.substring(1))) != null) {
            return new Caller(home, pane, null);
        }
        Session s = session(f, sessions);
        return new Caller(home, null, s == null ? null : s.id().full());
    }

    private static Session session(EventFields f, SessionManager sessions) {
        String number = f.get("session");
        if (number == null) {
            return null;
        }
        for (Session s : sessions.list()) {
            if (("$" + s.number()).equals(number)) {
                return s;
            }
        }
        return null;
    }

    static Function<String, String> variables(DaemonEvent e, Caller caller, ModelTargets model, SessionManager sessions) {
        Map<String, String> own = new HashMap<>();
        EventFields f = e.fields();
        for (int i = 0; i < f.names().size(); i++) {
            String name = f.names().get(i);
            own.put(name, f.text(i));
            own.put("hook_" + name, f.text(i));
        }
        own.put("hook", e.type());
        own.put("hook_seq", Long.toString(e.seq()));
        alias(own, "session", "session_id");
        alias(own, "window", "window_id");
        alias(own, "pane", "pane_id");
        Function<String, String> target = targetVariables(caller, model, sessions);
        return name -> own.containsKey(name) ? own.get(name) : target.apply(name);
    }

    private static void alias(Map<String, String> vars, String field, String tmuxName) {
        if (vars.containsKey(field)) {
            vars.put(tmuxName, vars.get(field));
        }
    }

    private static Function<String, String> targetVariables(Caller caller, ModelTargets model, SessionManager sessions) {
        try {
            if (caller.pane() != null) {
                Pane p = sessions.pane(Integer.parseInt(caller.pane().substring(1)));
                Session s = p.session();
                return model.variables(ModelTargets.of(s, p.window(), p));
            }
            if (caller.session() != null) {
                Session s = sessions.resolve(caller.session());
                return model.variables(ModelTargets.of(s, s.currentWindow(), s.activePane()));
            }
        } catch (RuntimeException gone) {
            // the pane or session went meanwhile: only the event's own fields
        }
        return name -> null;
    }
}
