package scarab.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * A control message from daemon to client: a response echoing a request's {@code id}, or an
 * event (id 0) about an attached session.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Response.Welcome.class, name = "welcome"),
    @JsonSubTypes.Type(value = Response.Error.class, name = "error"),
    @JsonSubTypes.Type(value = Response.Created.class, name = "created"),
    @JsonSubTypes.Type(value = Response.Listing.class, name = "listing"),
    @JsonSubTypes.Type(value = Response.Killed.class, name = "killed"),
    @JsonSubTypes.Type(value = Response.Renamed.class, name = "renamed"),
    @JsonSubTypes.Type(value = Response.Captured.class, name = "captured"),
    @JsonSubTypes.Type(value = Response.Done.class, name = "done"),
    @JsonSubTypes.Type(value = Response.Attached.class, name = "attached"),
    @JsonSubTypes.Type(value = Response.InputAck.class, name = "input-ack"),
    @JsonSubTypes.Type(value = Response.Detached.class, name = "detached"),
    @JsonSubTypes.Type(value = Response.Exited.class, name = "exited"),
    @JsonSubTypes.Type(value = Response.OutputMatched.class, name = "output-matched"),
    @JsonSubTypes.Type(value = Response.Status.class, name = "status"),
    @JsonSubTypes.Type(value = Response.CommandResult.class, name = "command-result"),
    @JsonSubTypes.Type(value = Response.Subscribed.class, name = "subscribed"),
})
public sealed interface Response {

    /** The request id this answers; 0 for events and for errors about unreadable input. */
    long id();

    record Welcome(long id, int protocolVersion, String daemonVersion, long pid, List<String> capabilities)
            implements Response {}

    /** A request failed; {@code code} is a stable machine-readable word, {@code message} one clear line. */
    record Error(long id, String code, String message) implements Response {}

    /** {@code configWarnings}: the config file's problems when the daemon started, for {@code new} to show. */
    record Created(long id, SessionInfo session, List<String> configWarnings) implements Response {
        public Created(long id, SessionInfo session) {
            this(id, session, null);
        }
    }

    /**
     * {@code notices}: one-time messages from the daemon the user should see (e.g. a recovered
     * database). {@code text}: the listing rendered as asked by {@code ListSessions.format} ("" when
     * there are no sessions; {@code sessions} is then empty), else null.
     */
    record Listing(long id, List<SessionInfo> sessions, List<String> notices, String text) implements Response {
        public Listing(long id, List<SessionInfo> sessions, List<String> notices) {
            this(id, sessions, notices, null);
        }
    }

    /**
     * The last input number applied for a client identity; -1 when the daemon did not know the
     * identity (a first attach, or a daemon that has restarted since: what was sent is unknown).
     */
    record InputAck(long id, long lastSeq) implements Response {}

    record Killed(long id, List<SessionInfo> sessions) implements Response {}

    record Renamed(long id, SessionInfo session) implements Response {}

    /** Lines of a capture; a long capture comes in several messages, all but the last with {@code more}. */
    record Captured(long id, List<String> lines, boolean more) implements Response {}

    /** A request that needs no data back succeeded. */
    record Done(long id) implements Response {}

    /**
     * Attach accepted. {@code direct}: the daemon writes to and reads from the client's terminal
     * itself, having put it in raw mode, and only control frames follow; {@code terminalModes}
     * ({@link TerminalModes#encode}) are the terminal's settings from before, which the daemon
     * puts back when the attach ends and the client puts back if the daemon is lost. Otherwise
     * the redraw and live output follow as 'O' frames.
     */
    record Attached(long id, SessionInfo session, boolean direct, String terminalModes) implements Response {
        public Attached(long id, SessionInfo session) {
            this(id, session, false, null);
        }

        public Attached(long id, SessionInfo session, boolean direct) {
            this(id, session, direct, null);
        }
    }

    /** Event: this client was detached ({@code reason}: "requested", "detached-by-other", "server-exit"). */
    record Detached(long id, String session, String reason) implements Response {}

    /** Event or Wait response: the session's process ended with {@code exitCode}. */
    record Exited(long id, String session, int exitCode) implements Response {}

    /** WaitForOutput response: the first line that matched. */
    record OutputMatched(long id, String line) implements Response {}

    /**
     * {@code configWarnings}: the config file's problems when the daemon started (defaults used
     * instead); {@code notices}: what else the daemon found wrong and works around (rows of the
     * database it skipped, a database it made again).
     */
    record Status(long id, String version, long pid, long startedAt, String socket, String database,
                  String config, int sessions, List<String> configWarnings, List<String> notices) implements Response {}

    /**
     * What a table command printed and its exit status, for the client to reproduce as tmux's
     * client does: {@code stdout} to its standard output, {@code stderr} (tmux's wording, e.g.
     * {@code can't find window: 9}) to its standard error. Long output is sent in continued
     * frames, as any long message.
     */
    record CommandResult(long id, int exitStatus, String stdout, String stderr) implements Response {}

    /**
     * An {@code events} request accepted: {@code lastSeq} is the seq of the last event published
     * before the subscription (replayed ones included); every later one that matches follows, as
     * JSON lines in 'O' frames.
     */
    record Subscribed(long id, long lastSeq) implements Response {}
}
