package scarab.client.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import scarab.client.ClientContext;
import scarab.client.ClientError;
import scarab.client.daemon.DaemonConnection;
import scarab.protocol.EventTypes;
import scarab.protocol.Frame;
import scarab.protocol.Request;
import scarab.protocol.Response;

/** {@code scarab events}: the daemon's events as JSON lines, as they happen. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = {"Print what happens in the daemon as JSON lines, one event a line, until interrupted: sessions"
                + " created, renamed, exited, killed, restored; windows and panes added, closed, their layouts changed;"
                + " clients attached, detached, resized, switched; titles, bells, activity; with --output, what panes"
                + " print. Every event has seq (rising by exactly 1 across the daemon), time, type, and the ids"
                + " ($session, @window, %%pane) with their names.",
                "A reader that falls behind gets one {\"type\":\"overflow\",\"first_lost_seq\":N,...} line and goes on"
                + " from there; --since N then gets back what the daemon still holds."},
        footer = {"", "Examples:",
                "  scarab events --filter session-created,session-exited",
                "  scarab events -t work --output | jq -r 'select(.type==\"output\") | .data'",
                "  scarab events --since 1200       replay from seq 1200 (if still held), then live"})
public final class EventsCommand implements java.util.concurrent.Callable<Integer> {
    private final ClientContext ctx;

    @ParentCommand
    ScarabCommand parent;

    @Option(names = "--filter", paramLabel = "TYPE,...", split = ",",
            description = "Only these event types (session-created, window-added, output, ...).")
    List<String> filter;

    @Option(names = "-t", paramLabel = "TARGET",
            description = "Only events about this session, window (s:1, @N) or pane (s:1.2, %N).")
    String target;

    @Option(names = "--output", description = "Also each pane's output, as text (UTF-8, never split inside a character).")
    boolean output;

    @Option(names = "--since", paramLabel = "SEQ",
            description = "First the events from SEQ on that the daemon still holds (an error if it no longer does).")
    Long since;

    public EventsCommand(ClientContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        List<String> types = new ArrayList<>();
        if (filter != null) {
            for (String t : filter) {
                String type = t.strip();
                if (!EventTypes.known(type)) {
                    String near = scarab.protocol.NearMiss.closest(type, EventTypes.ALL);
                    throw new IllegalArgumentException("no event type \"" + type + "\"" + (near != null
                            ? "; did you mean \"" + near + "\"?" : "; the types are " + String.join(", ", EventTypes.ALL)));
                }
                types.add(type);
            }
        }
        if (since != null && since < 1) {
            throw new IllegalArgumentException("--since wants a seq from 1 up");
        }
        try (DaemonConnection c = parent.connect()) {
            Response r = c.call(new Request.Events(c.nextId(), types.isEmpty() ? null : types, target, output, since));
            if (!(r instanceof Response.Subscribed)) {
                throw new ClientError("unexpected answer from the daemon: " + r);
            }
            Frame f;
            while ((f = c.readFrame()) != null) {
                if (f.kind() == Frame.OUTPUT) {
                    ctx.out().write(f.payload(), 0, f.payload().length);
                    ctx.out().flush();
                    if (ctx.out().checkError()) {
                        return 0; // the reader went away (| head)
                    }
                } else if (f.kind() == Frame.CONTROL && DaemonConnection.decode(f) instanceof Response.Error e) {
                    throw new ClientError(e.message());
                }
            }
        }
        throw new ClientError("the daemon closed the connection (stopped, or upgraded: run scarab events --since"
                + " with the last seq you read to go on)");
    }
}
