package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.protocol.Json;

/**
 * respawn-pane and remain-on-exit, the window name that follows the foreground command
 * (automatic-rename) until rename-window, and panes moved by break-pane and join-pane coming back
 * after a daemon kill -9: through the real client and daemon.
 */
class PaneCommandsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String GEOMETRY = "#{pane_id} #{pane_left} #{pane_top} #{pane_width} #{pane_height}";
    private Scarab scarab;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        Files.createDirectories(scarab.root.resolve("config/scarab"));
        Files.writeString(scarab.root.resolve("config/scarab/config.toml"),
                "snapshot-interval = \"200ms\"\nremain-on-exit = true\n");
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    private JsonNode pane(String id) throws Exception {
        for (JsonNode p : Json.mapper().readTree(scarab.ok("list-panes", "-a", "--json"))) {
            if (p.get("id").asText().equals(id)) {
                return p;
            }
        }
        throw new AssertionError("no pane " + id);
    }

    private boolean dead(String id) {
        try {
            return pane(id).get("dead").asBoolean();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aDeadPaneStaysUntilRespawnedAndRespawnKillRestartsItInPlace() throws Exception {
        scarab.ok("new", "-d", "--size", "80x24", "-c", "sleep 100000", "work");
        scarab.ok("split-window", "-h", "-t", "work", "-c", "sh -c 'echo goodbye; exit 3'");
        String id = scarab.ok("display", "-p", "-t", "work:0.1", "#{pane_id}").strip();
        Scarab.waitFor("the pane to die", WAIT, () -> dead(id));
        String geometry = scarab.ok("list-panes", "-t", "work:0", "-F", GEOMETRY);
        assertEquals(2, geometry.lines().count(), "remain-on-exit keeps the dead pane: " + geometry);
        JsonNode deadPane = pane(id);
        assertEquals(3, deadPane.get("exitCode").asInt());
        String screen = scarab.ok("capture", id);
        assertTrue(screen.contains("goodbye") && screen.contains("Pane is dead (status 3"), screen);

        scarab.ok("respawn-pane", "-t", id, "-c", "sleep 200000");
        JsonNode respawned = pane(id);
        assertFalse(respawned.get("dead").asBoolean(), respawned.toString());
        assertTrue(respawned.get("exitCode").isNull(), respawned.toString());
        long pid = respawned.get("pid").asLong();
        assertTrue(pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), respawned.toString());
        assertEquals(geometry, scarab.ok("list-panes", "-t", "work:0", "-F", GEOMETRY), "the same place and size");

        Scarab.Result refused = scarab.run("respawn-pane", "-t", id);
        assertEquals(new Scarab.Result(1, "", "respawn pane failed: pane work:0.1 still active\n"), refused);
        assertEquals(pid, pane(id).get("pid").asLong(), "a refusal changes nothing");

        scarab.ok("respawn-pane", "-k", "-t", id);
        long again = pane(id).get("pid").asLong();
        assertNotEquals(pid, again, "-k starts a new process");
        Scarab.waitFor("the old process to end", WAIT, () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        assertFalse(dead(id), "the end of the process -k replaced is not the pane's");
        assertEquals(geometry, scarab.ok("list-panes", "-t", "work:0", "-F", GEOMETRY));
        assertEquals("sleep 200000", pane(id).get("startCommand").asText(), "it runs what it ran last");
    }

    @Test
    void theWindowNameFollowsTheForegroundCommandUntilRenamed() throws Exception {
        scarab.ok("new", "-d", "-c", "sh", "work");
        assertEquals("sh\n", scarab.ok("list-windows", "-t", "work", "-F", "#{window_name}"));
        scarab.ok("send-keys", "work", "sleep 300", "Enter");
        Scarab.waitFor("the name to follow sleep", WAIT,
                () -> scarab.ok("list-windows", "-t", "work", "-F", "#{window_name}").equals("sleep\n"));
        assertEquals("sleep\n", scarab.ok("display", "-p", "-t", "work", "#{pane_current_command}"));
        assertEquals("sleep", pane(scarab.ok("display", "-p", "-t", "work", "#{pane_id}").strip()).get("command").asText());
        scarab.ok("send-keys", "work", "C-c");
        Scarab.waitFor("the name to come back to sh", WAIT,
                () -> scarab.ok("list-windows", "-t", "work", "-F", "#{window_name}").equals("sh\n"));

        scarab.ok("rename-window", "-t", "work:0", "fixed");
        scarab.ok("send-keys", "work", "sleep 301", "Enter");
        Scarab.waitFor("the pane's command to be sleep again", WAIT,
                () -> scarab.ok("display", "-p", "-t", "work", "#{pane_current_command}").equals("sleep\n"));
        assertEquals("fixed\n", scarab.ok("list-windows", "-t", "work", "-F", "#{window_name}"), "renamed: fixed");
    }

    @Test
    void movedPanesAndADeadOneComeBackAfterKill9() throws Exception {
        scarab.ok("new", "-d", "--size", "100x30", "-c", "sleep 100000", "work");
        scarab.ok("split-window", "-h", "-t", "work", "-c", "sleep 100001");
        scarab.ok("split-window", "-v", "-t", "work:0.1", "-c", "sleep 100002");
        scarab.ok("split-window", "-v", "-t", "work:0.0", "-c", "sh -c 'exit 7'");
        scarab.ok("break-pane", "-d", "-n", "broken", "-s", "work:0.2");
        scarab.ok("break-pane", "-s", "work:0.2", "-t", "work:5");
        scarab.ok("join-pane", "-h", "-l", "30%", "-s", "work:5.0", "-t", "work:1.0");
        String dead = scarab.ok("display", "-p", "-t", "work:0.1", "#{pane_id}").strip();
        Scarab.waitFor("the pane to die", WAIT, () -> dead(dead));
        String format = "#{window_index} #{window_name} #{window_active} #{window_layout} #{pane_index} " + GEOMETRY
                + " #{pane_dead} #{pane_dead_status} #{pane_start_command}";
        String before = scarab.ok("list-panes", "-a", "-F", format);
        assertEquals(4, before.lines().count(), before);
        assertTrue(before.contains("\n1 broken 1 "), before);
        List<Long> pids = new ArrayList<>();
        for (JsonNode p : Json.mapper().readTree(scarab.ok("list-panes", "-a", "--json"))) {
            pids.add(p.get("pid").asLong());
        }
        long daemon = scarab.daemonPid();
        assertEquals(0, new ProcessBuilder("kill", "-9", String.valueOf(daemon)).start().waitFor());
        Scarab.waitFor("the daemon to die", WAIT, () -> ProcessHandle.of(daemon).map(h -> !h.isAlive()).orElse(true));

        assertEquals(before, scarab.ok("list-panes", "-a", "-F", format), "windows, panes and the dead pane restored");
        Scarab.waitFor("the live panes to run again", WAIT, () -> {
            try {
                int running = 0;
                for (JsonNode p : Json.mapper().readTree(scarab.ok("list-panes", "-a", "--json"))) {
                    running += !p.get("dead").asBoolean() && p.get("pid").asLong() > 0
                            && !pids.contains(p.get("pid").asLong()) ? 1 : 0;
                }
                return running == 3;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        scarab.ok("respawn-pane", "-t", dead, "-c", "sleep 100003");
        assertFalse(dead(dead), "a restored dead pane respawns");
    }
}
