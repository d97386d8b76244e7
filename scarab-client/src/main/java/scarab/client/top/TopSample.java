package scarab.client.top;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import scarab.client.ClientError;
import scarab.client.daemon.DaemonConnection;
import scarab.protocol.Json;
import scarab.protocol.Request;
import scarab.protocol.Response;
import scarab.protocol.SessionInfo;
import scarab.protocol.command.Caller;

/**
 * The sessions and every pane's figures at one moment ({@code ls} and {@code list-panes -a --json}
 * over one connection), and the monotonic time it was taken at.
 *
 * @param panes by pane id and pid (a respawned pane is another process: its time starts again)
 */
record TopSample(long nanos, List<SessionInfo> sessions, Map<String, Pane> panes) {

    /** A running pane's process tree. */
    record Pane(String session, String label, String command, long cpuMillis, long memoryBytes) {}

    static TopSample take(DaemonConnection c, long nanos) throws IOException {
        Response.Listing listing = (Response.Listing) c.call(new Request.ListSessions(c.nextId()));
        Response.CommandResult r = (Response.CommandResult) c.call(new Request.Command(c.nextId(),
                List.of("list-panes", "-a", "--json"), Caller.NOBODY, null));
        if (r.exitStatus() != 0) {
            throw new ClientError(r.stderr() == null ? "list-panes failed" : r.stderr().strip());
        }
        Map<String, Pane> panes = new LinkedHashMap<>();
        for (JsonNode p : Json.mapper().readTree(r.stdout())) {
            if (p.path("cpuMillis").isNumber()) {
                String session = p.get("session").asText();
                panes.put(p.get("id").asText() + "/" + p.get("pid").asText(), new Pane(session,
                        session + ":" + p.get("windowIndex").asInt() + "." + p.get("index").asInt(),
                        p.path("command").asText(""), p.get("cpuMillis").asLong(), p.get("memoryBytes").asLong()));
            }
        }
        return new TopSample(nanos, listing.sessions(), panes);
    }
}
