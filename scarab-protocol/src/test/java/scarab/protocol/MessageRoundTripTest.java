package scarab.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every message type survives JSON and back unchanged; the list is checked against the sealed types. */
class MessageRoundTripTest {
    private static final SessionInfo INFO = new SessionInfo("1ae7b849-03f2-4fa5-ac32-4e6948786177", "dev", "exited", 3,
            120, 40, "2026-11-25T05:05:00.674Z", null, 2, List.of("sh", "-c", "exit 3"), "/tmp", "vim: x", true, 2, 3);
    private static final SessionInfo GROUPED = new SessionInfo("2ae7b849-03f2-4fa5-ac32-4e6948786177", "api", "exited", 137,
            80, 24, "2026-11-25T05:05:00.674Z", null, 0, List.of("make"), "/srv", "", false, 1, 2, "web", 12_345L,
            210_000_000L, "out of memory");

    static List<Request> requests() {
        return List.of(
                new Request.Hello(1, Protocol.VERSION, "0.1.0", List.of("attach")),
                new Request.NewSession(2, "dev", List.of("sh", "-c", "echo 'hi there'"), "/tmp", 100, 30, Map.of("A", "b")),
                new Request.NewSession(3, "dev", null, null, 0, 0, null),
                new Request.NewSession(4, "rec", null, "/tmp", 0, 0, null, new Request.Recording("/tmp/a \"b\".cast", true, "v3")),
                new Request.RecordStart(23, "%3", new Request.Recording("/tmp/x.cast", false, null)),
                new Request.RecordStop(24, "work:1.0"),
                new Request.ListSessions(4),
                new Request.ListSessions(5, Request.ListSessions.TABLE_COLOR, 1764000000000L),
                new Request.Kill(5, List.of("dev", "1ae7"), true),
                new Request.Kill(5, List.of(), false, "web"),
                new Request.ListSessions(5, Request.ListSessions.TABLE, 1764000000000L, "web"),
                new Request.NewSession(3, "api", null, "/srv", 0, 0, Map.of(), "web", 200L << 20, 50, 64),
                new Request.NewSession(3, "api", null, "/srv", 0, 0, Map.of(), null, null, 150, null),
                new Request.Rename(6, "dev", "api"),
                new Request.Capture(7, "dev", true, "-", "-5", true),
                new Request.SendKeys(8, "dev", List.of("echo hi", "Enter", "C-c"), false),
                new Request.Attach(9, "dev", true, false, 200, 50, "1ae7b849-03f2-4fa5-ac32-4e6948786177"),
                new Request.Attach(15, null, false, true, 80, 24, null),
                new Request.Attach(16, "dev", false, false, 120, 40, null, 4242L, "ctrl-a,d"),
                new Request.Attach(17, "dev", false, false, 0, 0, null, 4242L, null, 34816L),
                new Request.Resize(10, 90, 20),
                new Request.InputIdentity(26, "5d0c6c1e-0f0b-4b59-9b1e-7c4f6a1b2c3d"),
                new Request.Ping(27),
                new Request.Detach(11, null),
                new Request.Wait(12, "job"),
                new Request.WaitForOutput(21, "job:0.1", "BUILD (SUCCESS|FAILURE) \"x\"", 5000),
                new Request.WaitIdle(22, "%3", 1500, 0),
                new Request.DaemonStatus(13),
                new Request.DaemonStop(14),
                new Request.DaemonUpgrade(23),
                new Request.Events(24, List.of("session-created", "output"), "work:1", true, 17L),
                new Request.Events(25, null, null, false, null),
                new Request.Command(18, List.of("split-window", "-h", "-t", "work:1.0"),
                        new scarab.protocol.command.Caller("/tmp/x \"y\"", "%3", "1ae7b849-03f2-4fa5-ac32-4e6948786177")),
                new Request.Command(19, List.of("display", "-p", "#{session_name}"), null),
                new Request.Command(20, List.of("lsw"), new scarab.protocol.command.Caller(null, null, null)));
    }

    static List<Response> responses() {
        return List.of(
                new Response.Welcome(1, Protocol.VERSION, "0.1.0", 4242, List.of("attach", "capture")),
                new Response.Error(2, "not-found", "no session named \"x\"; see scarab ls"),
                new Response.Created(3, INFO),
                new Response.Created(3, INFO, List.of("/c/config.toml:1: scrollback: expected a number (its default is used)")),
                new Response.Listing(4, List.of(INFO, INFO), List.of("the database was recovered")),
                new Response.Listing(4, List.of(GROUPED, INFO), List.of()),
                new Response.Listing(5, List.of(), List.of(), "ID  NAME\n"),
                new Response.Killed(5, List.of(INFO)),
                new Response.Renamed(6, INFO),
                new Response.Captured(7, List.of("$ echo hi", "hi", ""), true),
                new Response.Done(8),
                new Response.Attached(9, INFO),
                new Response.Attached(10, INFO, true),
                new Response.Attached(11, INFO, true, "500:5:bf:8a3b:f:f:3:1c:7f:15:4:0:1:0"),
                new Response.Detached(0, "dev", "requested"),
                new Response.Exited(0, "dev", 3),
                new Response.OutputMatched(12, "[INFO] BUILD SUCCESS \u00e9"),
                new Response.Status(10, "0.1.0", 4242, 1764000000000L, "/run/s.sock", "/d/sessions.db", "/c/config.toml", 7,
                        List.of("/c/config.toml:2: unknown key \"restor\"; did you mean \"restore\"? (its default is used)"),
                        List.of("session row 1 skipped")),
                new Response.CommandResult(11, 0, "work $0 %0\n", ""),
                new Response.CommandResult(12, 1, "", "can't find window: 9\n"),
                new Response.CommandResult(13, 0, null, null),
                new Response.Subscribed(14, 42),
                new Response.InputAck(15, -1),
                new Response.InputAck(16, 1234567890123L));
    }

    @Test
    void everyRequestRoundTrips() throws Exception {
        for (Request r : requests()) {
            String json = Json.write(r);
            assertTrue(json.contains("\"type\""), json);
            assertEquals(r, Json.readRequest(json), json);
        }
    }

    @Test
    void everyResponseRoundTrips() throws Exception {
        for (Response r : responses()) {
            assertEquals(r, Json.readResponse(Json.write(r)));
        }
    }

    @Test
    void samplesCoverEverySealedSubtype() {
        assertEquals(names(Request.class.getPermittedSubclasses()),
                requests().stream().map(r -> r.getClass().getSimpleName()).collect(Collectors.toSet()));
        assertEquals(names(Response.class.getPermittedSubclasses()),
                responses().stream().map(r -> r.getClass().getSimpleName()).collect(Collectors.toSet()));
    }

    @Test
    void typeNamesAreTheDocumentedWireNames() {
        assertTrue(Json.write(new Request.SendKeys(1, "a", List.of(), true)).contains("\"type\":\"send-keys\""));
        assertTrue(Json.write(new Request.ListSessions(1)).startsWith("{\"type\":\"ls\""));
    }

    private static Set<String> names(Class<?>[] classes) {
        return Arrays.stream(classes).map(Class::getSimpleName).collect(Collectors.toSet());
    }
}
