package scarab.client.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import scarab.client.ClientContext;
import scarab.protocol.Frame;
import scarab.protocol.FrameReader;
import scarab.protocol.FrameWriter;
import scarab.protocol.Json;
import scarab.protocol.Request;
import scarab.protocol.Response;
import scarab.protocol.SessionInfo;

/**
 * Hidden: runs the client's hot start-up path (picocli, frames, the JSON mapping of requests
 * and responses) without a daemon, so that a class-data sharing archive recorded while it runs
 * holds every class a real {@code scarab ls} loads.
 */
@Command(name = "__train", hidden = true)
public final class TrainCommand implements java.util.concurrent.Callable<Integer> {
    public TrainCommand(ClientContext ctx) {
    }

    @Override
    public Integer call() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter w = new FrameWriter(out);
        w.write(Frame.control(Json.write(new Request.ListSessions(1))));
        SessionInfo info = new SessionInfo("00000000-0000-0000-0000-000000000000", "x", "running", null, 80, 24,
                "2026-01-01T00:00:00Z", null, 0, List.of("sh"), "/", "", false);
        w.write(Frame.control(Json.write(new Response.Listing(1, List.of(info), List.of()))));
        w.write(Frame.control(Json.write(new Response.Welcome(1, 1, "x", 1, List.of()))));
        FrameReader r = new FrameReader(new ByteArrayInputStream(out.toByteArray()));
        r.read();
        Json.readResponse(r.read().text());
        Json.readResponse(r.read().text());
        Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(List.of(SessionTable.json(info)));
        SessionTable.table(List.of(info), java.time.Instant.now(), false);
        try {
            scarab.client.daemon.DaemonConnection.open(java.nio.file.Path.of("/nonexistent-scarab-training/s.sock")).close();
        } catch (IOException expected) {
            // loads the socket classes a real connection uses
        }
        SessionTable.json(info);
        return 0;
    }
}
