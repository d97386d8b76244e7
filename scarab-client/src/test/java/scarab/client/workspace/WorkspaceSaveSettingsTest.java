package scarab.client.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import scarab.client.requests.ResourceLimits;
import scarab.protocol.Json;
import scarab.protocol.SessionInfo;

/**
 * What {@code save} writes of a session's group and limits, from the session as {@code ls} lists
 * it (this machine cannot make a session with limits: {@code new} refuses them here), and that
 * {@code up} reads the same values back.
 */
class WorkspaceSaveSettingsTest {
    private static SessionInfo listed(String group, Long memoryMax, Integer cpuMax, Integer tasksMax) throws Exception {
        SessionInfo s = new SessionInfo("1ae7b849-03f2-4fa5-ac32-4e6948786177", "build", "running", null, 80, 24,
                "2024-01-01T00:00:00Z", null, 0, null, "/", null, false, 1, 1, group, null, null, null, memoryMax,
                cpuMax, tasksMax);
        // As the client has it: through the wire's JSON.
        return Json.mapper().readValue(Json.mapper().writeValueAsString(s), SessionInfo.class);
    }

    private static Workspace readBack(String settings) {
        String text = "session = \"build\"\n" + settings + "\n[[windows]]\nname = \"w\"\n";
        return WorkspaceFile.parse(Path.of("/tmp/saved.toml"), text, "/home/u", Path.of("/"));
    }

    @Test
    void groupAndLimitsAreWrittenAndReadBack() throws Exception {
        String settings = WorkspaceSave.settings(listed("web", 2L << 30, 50, 256));
        assertEquals("group = \"web\"\nmemory-max = \"2G\"\ncpu-max = 50\ntasks-max = 256\n", settings);
        Workspace w = readBack(settings);
        assertEquals("web", w.group());
        assertEquals(new ResourceLimits(2L << 30, 50, 256), w.limits());
    }

    @Test
    void onlyWhatTheSessionHasIsWritten() throws Exception {
        assertEquals("", WorkspaceSave.settings(listed(null, null, null, null)));
        String settings = WorkspaceSave.settings(listed(null, null, 150, null));
        assertEquals("cpu-max = 150\n", settings);
        Workspace w = readBack(settings);
        assertNull(w.group());
        assertEquals(new ResourceLimits(null, 150, null), w.limits());
    }

    @Test
    void lsJsonCarriesTheLimitsNullForNone() throws Exception {
        com.fasterxml.jackson.databind.JsonNode rows = Json.mapper().readTree(scarab.protocol.SessionTable.json(
                java.util.List.of(listed("web", 2L << 30, 50, 256), listed(null, null, null, 64))));
        assertEquals(2L << 30, rows.get(0).get("memoryMax").asLong());
        assertEquals(50, rows.get(0).get("cpuMax").asInt());
        assertEquals(256, rows.get(0).get("tasksMax").asInt());
        assertEquals("web", rows.get(0).get("group").asText());
        assertEquals(true, rows.get(1).get("memoryMax").isNull());
        assertEquals(true, rows.get(1).get("cpuMax").isNull());
        assertEquals(64, rows.get(1).get("tasksMax").asInt());
    }

    @Test
    void memoryInTheLargestExactUnit() {
        assertEquals("512M", WorkspaceSave.size(512L << 20));
        assertEquals("1536M", WorkspaceSave.size(3L << 29));
        assertEquals("3T", WorkspaceSave.size(3L << 40));
        assertEquals("1025K", WorkspaceSave.size(1025L << 10));
        assertEquals("1048577", WorkspaceSave.size((1L << 20) + 1));
    }
}
