package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.daemon.store.Snapshot;
import scarab.protocol.Json;

/**
 * Windows through the real client and daemon, with tmux's names and habits: new-window takes the
 * first free index, select-window -n/-p wrap, the last window is remembered, a window closes
 * with its last pane, and everything comes back after a kill -9 of the daemon.
 */
class WindowsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private Scarab scarab;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    private String windows(String session) {
        return scarab.ok("list-windows", "-t", session, "-F", "#{window_index}:#{window_name}#{window_flags}");
    }

    @Test
    void windowsAreCreatedSelectedRenamedAndKilledAsInTmux() throws Exception {
        scarab.ok("new", "-d", "-c", "sleep 600", "work");
        scarab.ok("new-window", "-t", "work", "-c", "sleep 601");
        scarab.ok("neww", "-d", "-t", "work:5", "-n", "logs", "-c", "sleep 602");
        assertEquals("0:sleep-\n1:sleep*\n5:logs\n", windows("work"));
        assertEquals(new Scarab.Result(1, "", "index 5 in use\n"), scarab.run("new-window", "-t", "work:5"));

        scarab.ok("select-window", "-t", "work:logs");
        assertEquals("0:sleep\n1:sleep-\n5:logs*\n", windows("work"));
        scarab.ok("select-window", "-n", "-t", "work");
        assertEquals("0:sleep*\n1:sleep\n5:logs-\n", windows("work"), "next wraps around");
        scarab.ok("selectw", "-p", "-t", "work");
        assertEquals("5:logs*", windows("work").lines().filter(l -> l.endsWith("*")).findFirst().orElseThrow());
        scarab.ok("select-window", "-l", "-t", "work");
        assertTrue(windows("work").startsWith("0:sleep*"), windows("work"));

        scarab.ok("rename-window", "-t", "work:1", "editor");
        scarab.ok("kill-window", "-t", "work:logs");
        assertEquals("0:sleep*\n1:editor\n", windows("work"));
        scarab.ok("new-window", "-d", "-t", "work", "-c", "sleep 603");
        assertEquals("0:sleep*\n1:editor\n2:sleep\n", windows("work"));

        JsonNode session = scarab.sessionsByName().get("work");
        assertEquals(3, session.get("windows").asInt());
        assertEquals(3, session.get("panes").asInt());
        assertTrue(scarab.ok("ls").contains("WINDOWS"), scarab.ok("ls"));

        List<String> ids = new ArrayList<>();
        for (JsonNode p : Json.mapper().readTree(scarab.ok("list-panes", "-a", "--json"))) {
            assertEquals("work", p.get("session").asText());
            assertTrue(p.get("id").asText().matches("%\\d+"), p.toString());
            assertEquals(0, p.get("index").asInt());
            assertEquals(false, p.get("dead").asBoolean());
            assertTrue(p.get("pid").asLong() > 0);
            ids.add(p.get("id").asText());
        }
        assertEquals(3, ids.size());
        assertEquals(3, ids.stream().distinct().count(), "pane ids are unique");

        // Every pane knows its own id: a command inside it targets it by default.
        scarab.ok("new-window", "-t", "work", "-n", "self", "-c",
                "sh -c 'printf \"%s\\n\" \"$SCARAB_PANE\" > " + scarab.root.resolve("pane-id") + "; exec sleep 600'");
        Scarab.waitFor("the pane wrote its id", WAIT, () -> java.nio.file.Files.exists(scarab.root.resolve("pane-id")));
        String own = java.nio.file.Files.readString(scarab.root.resolve("pane-id")).strip();
        assertEquals(own + "\n", scarab.ok("display", "-p", "-t", "work:self", "#{pane_id}"));
        scarab.env.put("SCARAB_PANE", own);
        assertEquals("self\n", scarab.ok("display", "-p", "#{window_name}"), "no -t: the caller's own pane");
        scarab.env.remove("SCARAB_PANE");

        scarab.ok("kill-window", "-t", "work:0");
        scarab.ok("kill-window", "-t", "work:1");
        scarab.ok("kill-window", "-t", "work:2");
        scarab.ok("kill-pane", "-t", own);
        assertEquals("", scarab.ok("ls", "--names"), "the last window's last pane ended the session");
    }

    @Test
    void aWindowClosesWhenItsProgramEndsAndTheSessionWithItsLast() {
        scarab.ok("new", "-d", "-c", "sleep 600", "short");
        scarab.ok("new-window", "-t", "short", "-c", "sh -c 'read x; exit 3'");
        scarab.ok("send-keys", "short:1", "Enter");
        Scarab.waitFor("window 1 closed", WAIT, () -> windows("short").equals("0:sleep*\n"));
        assertEquals("running", scarab.ok("ls", "--json").contains("\"running\"") ? "running" : "?");
    }

    @Test
    void windowsComeBackAfterTheDaemonIsKilled() throws Exception {
        scarab.ok("new", "-d", "-c", "sh", "multi");
        scarab.ok("new-window", "-t", "multi", "-n", "second", "-c", "sh");
        scarab.ok("new-window", "-d", "-t", "multi:4", "-c", "sh");
        scarab.ok("send-keys", "multi:second", "-l", "echo from-second");
        scarab.ok("send-keys", "multi:second", "Enter");
        Scarab.waitFor("the echo", WAIT, () -> scarab.ok("capture", "multi:second").contains("from-second\n"));
        String before = windows("multi");
        String panes = scarab.ok("list-panes", "-a", "-F", "#{window_index} #{pane_id}");
        // Snapshots are taken every 2 s by default: wait until the echo is in one.
        Scarab.waitFor("a snapshot with the echo", WAIT, () -> {
            try {
                return java.nio.file.Files.size(scarab.database()) > 0 && snapshotHas("from-second");
            } catch (Exception e) {
                return false;
            }
        });
        long pid = scarab.daemonPid();
        assertEquals(0, new ProcessBuilder("kill", "-9", String.valueOf(pid)).start().waitFor());
        Scarab.waitFor("the daemon to die", WAIT, () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        assertEquals(before, windows("multi"), "the same windows, names, current and last");
        assertEquals(panes, scarab.ok("list-panes", "-a", "-F", "#{window_index} #{pane_id}"), "the same pane ids");
        assertTrue(scarab.ok("capture", "multi:second").contains("from-second"), "the pane's screen came back");
    }

    private boolean snapshotHas(String text) throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + scarab.database() + "?open_mode=1");
             var s = c.createStatement();
             var rs = s.executeQuery("SELECT data FROM pane_snapshots")) {
            while (rs.next()) {
                Snapshot snap = new Snapshot(0, Snapshot.FORMAT_SCREEN_AND_CHUNKS, 0, "/", rs.getBytes(1));
                if (new String(snap.replay(), java.nio.charset.StandardCharsets.UTF_8).contains(text)) {
                    return true;
                }
            }
        }
        return false;
    }
}
