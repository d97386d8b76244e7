package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.protocol.Json;

/** The walking skeleton from a user's side: the real CLI against a real, auto-started daemon. */
class SessionLifecycleIT {
    private Scarab scarab;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    private JsonNode ls() throws Exception {
        return Json.mapper().readTree(scarab.ok("ls", "--json"));
    }

    private JsonNode session(String name) throws Exception {
        for (JsonNode s : ls()) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        return null;
    }

    @Test
    void createListRenameKill() throws Exception {
        String id = scarab.ok("new", "-d", "dev-server").strip();
        assertTrue(id.matches("[0-9a-f]{8}"), "new prints the short id: " + id);
        String table = scarab.ok("ls");
        assertTrue(table.startsWith("ID"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith(id) && l.contains("dev-server") && l.contains("running")), table);

        JsonNode s = session("dev-server");
        assertEquals("running", s.get("status").asText());
        assertTrue(s.get("id").asText().startsWith(id));
        assertEquals(80, s.get("cols").asInt());
        assertEquals(24, s.get("rows").asInt());
        assertTrue(s.get("lastAttachedAt").isNull());
        assertEquals(0, s.get("clients").asInt());
        assertTrue(s.get("createdAt").asText().endsWith("Z"));
        assertTrue(s.get("exitCode").isNull());

        scarab.ok("rename", "dev-server", "api");
        assertEquals(null, session("dev-server"));
        assertEquals(s.get("id").asText(), session("api").get("id").asText());

        scarab.ok("kill", id);
        assertEquals(0, ls().size());
    }

    @Test
    void sizeCommandAndDirectoryAreHonoured() throws Exception {
        scarab.ok("new", "-d", "--size", "120x40", "-C", "/tmp", "-c", "sh -c 'sleep 1000'", "sized");
        JsonNode s = session("sized");
        assertEquals(120, s.get("cols").asInt());
        assertEquals(40, s.get("rows").asInt());
        assertEquals("/tmp", s.get("cwd").asText());
        assertEquals(List.of("sh", "-c", "sleep 1000"), Json.mapper().convertValue(s.get("command"), List.class));
    }

    @Test
    void exitedSessionShowsItsStatus() throws Exception {
        scarab.ok("new", "-d", "-c", "sh -c 'exit 3'", "job");
        Scarab.waitFor("job to exit", Duration.ofSeconds(10), () -> {
            try {
                return "exited".equals(session("job").get("status").asText());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(3, session("job").get("exitCode").asInt());
        assertTrue(scarab.ok("ls").contains("exited (3)"));
        assertEquals(3, scarab.run("wait", "job").status(), "wait returns the exit status");
    }

    @Test
    void mistakesFailWithOneLineAndTheirStatus() throws Exception {
        scarab.ok("new", "-d", "dev");
        Scarab.Result taken = scarab.run("new", "-d", "dev");
        assertEquals(1, taken.status());
        assertEquals(1, taken.err().strip().lines().count(), taken.err());
        assertTrue(taken.err().contains("already exists"), taken.err());

        Scarab.Result bad = scarab.run("new", "-d", "bad name");
        assertEquals(2, bad.status(), "a bad name is a usage mistake");
        assertTrue(bad.err().contains("invalid session name"), bad.err());
        assertEquals(1, bad.err().strip().lines().count());

        Scarab.Result unknown = scarab.run("kill", "nope");
        assertEquals(1, unknown.status());
        assertEquals("scarab: no session named \"nope\"; see scarab ls", unknown.err().strip());

        Scarab.Result usage = scarab.run("rename", "only-one-arg");
        assertEquals(2, usage.status(), "usage errors exit 2");

        Scarab.Result size = scarab.run("new", "-d", "--size", "0x0", "z");
        assertEquals(2, size.status(), size.err());
        Scarab.Result huge = scarab.run("new", "-d", "--size", "100000x100000", "z");
        assertEquals(2, huge.status(), huge.err());
        assertTrue(huge.err().contains("invalid size"), huge.err());
        Scarab.Result notFound = scarab.run("new", "-d", "-c", "no-such-program-xyz", "z");
        assertEquals(1, notFound.status());
        assertTrue(notFound.err().contains("command not found: no-such-program-xyz"), notFound.err());
        assertEquals(1, ls().size(), "failed creates leave nothing behind");
    }

    @Test
    void ambiguousPrefixNamesTheCandidates() throws Exception {
        Map<Character, List<String>> byFirst = new HashMap<>();
        for (int i = 0; i < 17; i++) {
            String id = scarab.ok("new", "-d", "-c", "sleep 1000", "s" + i).strip();
            byFirst.computeIfAbsent(id.charAt(0), k -> new ArrayList<>()).add(id);
        }
        List<String> clash = byFirst.values().stream().filter(l -> l.size() > 1).findFirst().orElseThrow();
        Scarab.Result r = scarab.run("kill", clash.get(0).substring(0, 1));
        assertEquals(1, r.status());
        assertTrue(r.err().contains("ambiguous"), r.err());
        for (String id : clash) {
            assertTrue(r.err().contains(id), r.err());
        }
        assertEquals(17, ls().size(), "nothing was killed");
        scarab.ok("kill", clash.get(0));
        assertEquals(16, ls().size());
    }

    @Test
    void daemonRestartKeepsEverySession() throws Exception {
        assertFalse(java.nio.file.Files.exists(scarab.socket()), "no daemon before the first command");
        scarab.ok("new", "-d", "one");
        scarab.ok("new", "-d", "-c", "sh -c 'exit 7'", "two");
        scarab.ok("rename", "one", "uno");
        long firstPid = scarab.daemonPid();
        Scarab.waitFor("two to exit", Duration.ofSeconds(10), () -> scarab.ok("ls").contains("exited (7)"));
        scarab.ok("daemon", "stop");
        Scarab.waitFor("the old daemon to exit", Duration.ofSeconds(10),
                () -> ProcessHandle.of(firstPid).map(h -> !h.isAlive()).orElse(true));
        assertFalse(java.nio.file.Files.exists(scarab.socket()), "stop removes the socket");

        JsonNode all = ls(); // auto-starts a new daemon
        assertTrue(scarab.daemonPid() != firstPid);
        assertEquals(2, all.size());
        Scarab.waitFor("uno to be restarted by the default eager restore", Duration.ofSeconds(20), () -> {
            try {
                return "running".equals(session("uno").get("status").asText());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(session("uno").get("restored").asBoolean());
        assertEquals("exited", session("two").get("status").asText());
        assertEquals(7, session("two").get("exitCode").asInt());
    }

    @Test
    void noStartRefusesToStartADaemon() {
        Scarab.Result r = scarab.run("--no-start", "ls");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("no daemon is running"), r.err());
        assertFalse(java.nio.file.Files.exists(scarab.socket()));
    }

    @Test
    void statusDescribesTheDaemon() {
        scarab.ok("daemon", "start");
        String status = scarab.ok("daemon", "status");
        assertTrue(status.contains("pid:      " + scarab.daemonPid()), status);
        assertTrue(status.contains("socket:   " + scarab.socket()), status);
        assertTrue(status.contains("database: " + scarab.database()), status);
        assertTrue(scarab.ok("daemon", "start").contains("already running"));
    }
}
