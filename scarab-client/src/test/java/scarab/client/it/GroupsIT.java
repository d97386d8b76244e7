package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.protocol.Json;

/**
 * Session groups: {@code new --group}, {@code ls --group}, {@code kill --group}, the table grouping
 * its rows, {@code #{session_group}}, a workspace's {@code group}, and groups after a daemon restart.
 */
class GroupsIT {
    private Scarab scarab;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    private List<String> names(String... args) throws Exception {
        List<String> names = new ArrayList<>();
        for (JsonNode s : Json.mapper().readTree(scarab.ok(args))) {
            names.add(s.get("name").asText());
        }
        return names;
    }

    @Test
    void sessionsAreListedKilledAndShownByGroupAndKeepItAcrossARestart() throws Exception {
        scarab.ok("new", "-d", "--group", "web", "-c", "sleep 1001", "front");
        scarab.ok("new", "-d", "-c", "sleep 1002", "loose");
        scarab.ok("new", "-d", "--group", "db", "-c", "sleep 1003", "pg");
        scarab.ok("new", "-d", "--group=web", "-c", "sleep 1004", "api");

        Map<String, JsonNode> all = scarab.sessionsByName();
        assertEquals("web", all.get("front").get("group").asText());
        assertEquals("db", all.get("pg").get("group").asText());
        assertTrue(all.get("loose").get("group").isNull(), "no group: null");
        assertEquals(List.of("front", "api"), names("ls", "--group", "web", "--json"));
        assertEquals("front\napi\n", scarab.ok("ls", "--group", "web", "--names"));
        assertEquals("", scarab.ok("ls", "--group", "nobody"), "an empty group lists nothing");

        // The table: a GROUP column, sessions of no group first, then each group's together.
        String table = scarab.ok("ls");
        List<String> lines = table.lines().toList();
        assertTrue(lines.get(0).matches("ID +NAME +GROUP +STATUS .*"), table);
        List<String> order = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(" +");
            order.add(cells[1] + "/" + cells[2]);
        }
        assertEquals(List.of("loose/-", "pg/db", "front/web", "api/web"), order, table);

        assertEquals("front:web\nloose:\npg:db\napi:web\n", scarab.ok("ls", "-F", "#{session_name}:#{session_group}"));
        assertEquals("web 1 2 front,api", scarab.ok("display-message", "-p", "-t", "api:",
                "#{session_group} #{session_grouped} #{session_group_size} #{session_group_list}").strip());
        assertEquals("0", scarab.ok("display-message", "-p", "-t", "loose:", "#{session_grouped}").strip());

        Scarab.Result bad = scarab.run("new", "-d", "--group", "no spaces", "x");
        assertEquals(2, bad.status(), bad.err());
        assertTrue(bad.err().contains("invalid group name \"no spaces\""), bad.err());
        assertEquals(4, scarab.sessionsByName().size(), "nothing created");

        // Groups are stored: a new daemon has them.
        scarab.ok("daemon", "stop");
        assertEquals(List.of("pg"), names("ls", "--group", "db", "--json"));

        scarab.ok("kill", "--group", "web");
        assertEquals(List.of("loose", "pg"), names("ls", "--json"));
        Scarab.Result none = scarab.run("kill", "--group", "web");
        assertEquals(1, none.status());
        assertEquals("scarab: no session in group \"web\"\n", none.err());
        Scarab.Result neither = scarab.run("kill");
        assertEquals(2, neither.status(), neither.err());
        assertEquals(List.of("loose", "pg"), names("ls", "--json"));
    }

    @Test
    void aWorkspaceGroupIsTheSessionsAndSaveWritesIt() throws Exception {
        Path dir = scarab.root.resolve("project");
        Files.createDirectories(dir);
        Path file = dir.resolve("svc.toml");
        Files.writeString(file, "session = \"svc\"\ngroup = \"backend\"\n[[windows]]\ncommand = \"sleep 1005\"\n");
        scarab.ok("up", "-d", file.toString());
        assertEquals(List.of("svc"), names("ls", "--group", "backend", "--json"));
        Path saved = dir.resolve("saved.toml");
        scarab.ok("save", "svc", "-o", saved.toString());
        assertTrue(Files.readString(saved).contains("\ngroup = \"backend\"\n"), Files.readString(saved));
        scarab.ok("down", "svc");
        scarab.ok("up", "-d", saved.toString());
        assertEquals("backend", scarab.sessionsByName().get("svc").get("group").asText());

        Files.writeString(file, "session = \"svc2\"\ngroup = 7\n[[windows]]\n");
        Scarab.Result r = scarab.run("up", "-d", file.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains(file + ":2: group: "), r.err());
    }
}
