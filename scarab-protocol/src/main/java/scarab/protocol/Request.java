package scarab.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;

/**
 * A control message from client to daemon. Every request carries an {@code id}
 * that its response echoes. The JSON {@code type} field names the record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Request.Hello.class, name = "hello"),
    @JsonSubTypes.Type(value = Request.NewSession.class, name = "new"),
    @JsonSubTypes.Type(value = Request.ListSessions.class, name = "ls"),
    @JsonSubTypes.Type(value = Request.Kill.class, name = "kill"),
    @JsonSubTypes.Type(value = Request.Rename.class, name = "rename"),
    @JsonSubTypes.Type(value = Request.Capture.class, name = "capture"),
    @JsonSubTypes.Type(value = Request.SendKeys.class, name = "send-keys"),
    @JsonSubTypes.Type(value = Request.Attach.class, name = "attach"),
    @JsonSubTypes.Type(value = Request.Resize.class, name = "resize"),
    @JsonSubTypes.Type(value = Request.InputIdentity.class, name = "input-identity"),
    @JsonSubTypes.Type(value = Request.Ping.class, name = "ping"),
    @JsonSubTypes.Type(value = Request.Detach.class, name = "detach"),
    @JsonSubTypes.Type(value = Request.Wait.class, name = "wait"),
    @JsonSubTypes.Type(value = Request.WaitForOutput.class, name = "wait-for-output"),
    @JsonSubTypes.Type(value = Request.WaitIdle.class, name = "wait-idle"),
    @JsonSubTypes.Type(value = Request.DaemonStatus.class, name = "daemon-status"),
    @JsonSubTypes.Type(value = Request.DaemonStop.class, name = "daemon-stop"),
    @JsonSubTypes.Type(value = Request.DaemonUpgrade.class, name = "daemon-upgrade"),
    @JsonSubTypes.Type(value = Request.Command.class, name = "command"),
    @JsonSubTypes.Type(value = Request.RecordStart.class, name = "record-start"),
    @JsonSubTypes.Type(value = Request.RecordStop.class, name = "record-stop"),
    @JsonSubTypes.Type(value = Request.Events.class, name = "events"),
})
public sealed interface Request {

    long id();

    /** First message on every connection: versions must match before anything else is served. */
    record Hello(long id, int protocolVersion, String clientVersion, List<String> capabilities) implements Request {}

    /**
     * Create a session. {@code command} null or empty means the default shell; {@code cwd} null means
     * the daemon's choice (the client sends its own working directory); 0 for cols/rows means 80x24.
     * {@code group}: the session's group (null: none). {@code memoryMax} (bytes), {@code cpuMax}
     * (percent of one CPU) and {@code tasksMax}: limits every pane's process tree runs under (null:
     * none); refused, creating nothing, where the machine offers no way to enforce them.
     */
    record NewSession(long id, String name, List<String> command, String cwd, int cols, int rows,
                      Map<String, String> env, Recording recording, String group, Long memoryMax, Integer cpuMax,
                      Integer tasksMax) implements Request {
        /** A session in no group, without resource limits or a recording. */
        public NewSession(long id, String name, List<String> command, String cwd, int cols, int rows,
                          Map<String, String> env) {
            this(id, name, command, cwd, cols, rows, env, null, null, null, null, null);
        }

        /** Recorded from its first byte ({@code recording}, or null). */
        public NewSession(long id, String name, List<String> command, String cwd, int cols, int rows,
                          Map<String, String> env, Recording recording) {
            this(id, name, command, cwd, cols, rows, env, recording, null, null, null, null);
        }

        /** In {@code group}, under the limits given (each null: none). */
        public NewSession(long id, String name, List<String> command, String cwd, int cols, int rows,
                          Map<String, String> env, String group, Long memoryMax, Integer cpuMax, Integer tasksMax) {
            this(id, name, command, cwd, cols, rows, env, null, group, memoryMax, cpuMax, tasksMax);
        }
    }
    /**
     * An asciicast recording to make: {@code file} absolute (the client resolves it against its
     * directory), {@code format} {@code v2} (null) or {@code v3}, {@code input}: what is typed too.
     */
    record Recording(String file, boolean input, String format) {}

    /** {@code record start}: record a pane ({@code target} as capture's) from now on. */
    record RecordStart(long id, String target, Recording recording) implements Request {}

    /** {@code record stop}: answered once the pane's recording file is complete. */
    record RecordStop(long id, String target) implements Request {}

    /**
     * List sessions. {@code format} null: every session as a record (for {@code --json} and
     * programs); {@code "table"} or {@code "table-color"}: the table people read, rendered by the
     * daemon (whose code is warm: a cold client parsing a thousand records took as long as its
     * whole start) with relative times against {@code now} (the client's clock, epoch millis);
     * {@code "names"}: one name per line. The rendered text comes back in {@code Listing.text}.
     * {@code group}: only the sessions of that group (null: all).
     */
    record ListSessions(long id, String format, Long now, String group) implements Request {
        public static final String TABLE = "table";
        public static final String TABLE_COLOR = "table-color";
        public static final String NAMES = "names";
        /** Followed by a tmux format ({@code ls -F}): a line per session, the format expanded. */
        public static final String TMUX_FORMAT = "tmux-format:";

        public ListSessions(long id) {
            this(id, null, null, null);
        }

        /** Every session, of any group. */
        public ListSessions(long id, String format, Long now) {
            this(id, format, now, null);
        }
    }

    /**
     * Kill sessions; refused while clients are attached unless {@code force}. {@code group}: also
     * every session of that group (an error when it has none).
     */
    record Kill(long id, List<String> targets, boolean force, String group) implements Request {
        public Kill(long id, List<String> targets, boolean force) {
            this(id, targets, force, null);
        }
    }

    record Rename(long id, String target, String newName) implements Request {}

    /**
     * Print the screen like {@code tmux capture-pane -p}. {@code start}/{@code end}: null for the
     * default (visible screen), "-" for the start of history / end of screen, or a line number
     * (0 = top visible line, negative = into history).
     */
    record Capture(long id, String target, boolean escapes, String start, String end, boolean join)
            implements Request {}

    /** Type keys: tmux key names or literal text; {@code literal} sends every key as text. */
    record SendKeys(long id, String target, List<String> keys, boolean literal) implements Request {}

    /**
     * Attach this connection to a session: the response is followed by a full redraw and the live
     * output stream as 'O' frames; 'I' frames from the client become the session's input.
     * {@code target} null means the most recently used session. {@code fromSession}: the id of the
     * session the client runs inside ({@code SCARAB_SESSION_ID}), so attaching a session to itself
     * can be refused; null when outside any session.
     *
     * <p>{@code terminalPid}: the client's pid when its standard input and output are one terminal
     * that the daemon may use directly (tmux's way): the daemon then opens that terminal itself
     * ({@code /proc/PID/fd/0}), reads the keys from it, watching for {@code detachKeys} (a
     * {@link DetachKeys} spec), and writes the output straight to it; only control frames travel
     * on the socket. Null, or a terminal the daemon cannot open: output and input go as frames.
     *
     * <p>{@code terminalDevice}: the device number of the client's terminal (its standard input),
     * so that attaching a session from its own terminal is refused whatever the environment says.
     *
     * <p>{@code ttyName} and {@code termName}: the path of the client's terminal ({@code /dev/pts/3},
     * which names the client in {@code list-clients} and {@code switch-client -c}, as in tmux) and
     * its {@code TERM}; null when unknown.
     */
    record Attach(long id, String target, boolean readOnly, boolean detachOthers, int cols, int rows,
                  String fromSession, Long terminalPid, String detachKeys, Long terminalDevice,
                  String ttyName, String termName) implements Request {
        /** An attach whose output and input travel as frames. */
        public Attach(long id, String target, boolean readOnly, boolean detachOthers, int cols, int rows,
                      String fromSession) {
            this(id, target, readOnly, detachOthers, cols, rows, fromSession, null, null);
        }

        /** An attach that does not say which terminal it comes from. */
        public Attach(long id, String target, boolean readOnly, boolean detachOthers, int cols, int rows,
                      String fromSession, Long terminalPid, String detachKeys) {
            this(id, target, readOnly, detachOthers, cols, rows, fromSession, terminalPid, detachKeys, null);
        }

        /** An attach that does not name its terminal. */
        public Attach(long id, String target, boolean readOnly, boolean detachOthers, int cols, int rows,
                      String fromSession, Long terminalPid, String detachKeys, Long terminalDevice) {
            this(id, target, readOnly, detachOthers, cols, rows, fromSession, terminalPid, detachKeys, terminalDevice,
                    null, null);
        }
    }

    /** The attached client's terminal changed size. */
    record Resize(long id, int cols, int rows) implements Request {}

    /**
     * Names the client behind this connection (a random id it keeps across reconnects) before it
     * attaches and sends {@link Frame#SEQUENCED_INPUT} frames; answered by
     * {@link Response.InputAck} with the last input number the daemon applied for that id.
     */
    record InputIdentity(long id, String client) implements Request {}

    /**
     * Answered at once with {@link Response.Done}, also on an attached connection: a client that
     * has heard nothing for a while asks, to tell a quiet session from a connection that went
     * silent (a remote attach's keepalive).
     */
    record Ping(long id) implements Request {}

    /** Detach clients: with a target, every client of that session; without, this connection. */
    record Detach(long id, String target) implements Request {}

    /** Block until the session's process exits; the response carries its status. */
    record Wait(long id, String target) implements Request {}

    /**
     * Until a line of the pane's screen, or of its output from now on, matches {@code pattern} (a
     * Java regex, found anywhere in the line); answered by {@link Response.OutputMatched} with the
     * line, or an error {@code timeout} after {@code timeoutMillis} (0: no limit) or when the
     * pane's process ends first.
     */
    record WaitForOutput(long id, String target, String pattern, long timeoutMillis) implements Request {}

    /**
     * Until the pane has printed nothing for {@code idleMillis} (counted from the request at the
     * earliest); answered by {@link Response.Done}, or an error {@code timeout} after
     * {@code timeoutMillis} (0: no limit).
     */
    record WaitIdle(long id, String target, long idleMillis, long timeoutMillis) implements Request {}

    record DaemonStatus(long id) implements Request {}

    record DaemonStop(long id) implements Request {}

    /**
     * Re-execute the daemon in place, keeping every session's process. No answer on success (the
     * connection ends with the old program); an Error when the daemon could not, and goes on.
     */
    record DaemonUpgrade(long id) implements Request {}

    /**
     * A command of the {@link scarab.protocol.command.CommandTable} as its words ({@code argv[0]}
     * is its name or alias), parsed and run by the daemon as tmux's server does. Answered by
     * {@link Response.CommandResult}, also when the command fails. {@code input}: the client's
     * standard input, base64, for a command whose spec {@code readsStdin()} given {@code -}
     * ({@code load-buffer -}); else null.
     */
    record Command(long id, List<String> argv, scarab.protocol.command.Caller caller, String input) implements Request {
        public Command(long id, List<String> argv, scarab.protocol.command.Caller caller) {
            this(id, argv, caller, null);
        }
    }

    /**
     * Subscribes this connection to the daemon's event stream ({@code scarab events}): answered by
     * {@link Response.Subscribed}, then each event as one JSON line in 'O' frames until the
     * connection closes. {@code types}: the event types wanted (null or empty: every type but
     * {@code output}); {@code target}: only events about that session, window or pane (null: all);
     * {@code output}: also each pane's output; {@code since}: first replay the events from that
     * seq on which the daemon still holds (an error {@code gone} when it no longer holds it).
     */
    record Events(long id, List<String> types, String target, boolean output, Long since) implements Request {}
}
