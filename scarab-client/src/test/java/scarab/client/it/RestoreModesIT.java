package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.protocol.Json;

/** Lazy restore, cleanup of old exited sessions, and a crash loop where every acknowledged change survives. */
class RestoreModesIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private Scarab scarab;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        Files.createDirectories(scarab.root.resolve("config/scarab"));
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    private void config(String toml) throws Exception {
        Files.writeString(scarab.root.resolve("config/scarab/config.toml"), toml);
    }

    private JsonNode session(String name) throws Exception {
        for (JsonNode s : Json.mapper().readTree(scarab.ok("ls", "--json"))) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        return null;
    }

    @Test
    void lazyRestoreStartsTheCommandOnFirstUse() throws Exception {
        config("restore = \"lazy\"\n");
        scarab.ok("new", "-d", "-e", "PS1=$ ", "-c", "/bin/sh", "later");
        scarab.ok("send-keys", "later", "echo before-restart", "Enter");
        Scarab.waitFor("output", WAIT, () -> scarab.ok("capture", "later").contains("before-restart\n"));
        scarab.ok("daemon", "stop");
        assertEquals("stopped", session("later").get("status").asText(), "not started until used");
        assertTrue(scarab.ok("capture", "later").contains("before-restart"), "history is there meanwhile");
        scarab.ok("send-keys", "later", "echo after-restart", "Enter");
        Scarab.waitFor("the restarted shell", WAIT, () -> scarab.ok("capture", "-S", "-", "later").contains("after-restart\n"));
        assertEquals("running", session("later").get("status").asText());
    }

    @Test
    void exitedSessionsAreCleanedUpOnlyWhenConfigured() throws Exception {
        scarab.ok("new", "-d", "-c", "true", "quick");
        scarab.ok("new", "-d", "-c", "sleep 1000", "idle");
        Scarab.waitFor("quick to exit", WAIT, () -> scarab.ok("ls").contains("exited (0)"));
        scarab.ok("daemon", "stop");
        assertTrue(scarab.ok("ls").contains("quick"), "nothing is removed without a configured age");
        scarab.ok("daemon", "stop");
        config("cleanup-exited-after = \"1ms\"\n");
        Scarab.waitFor("quick to be cleaned up", WAIT, () -> !scarab.ok("ls").contains("quick"));
        assertTrue(scarab.ok("ls").contains("idle"), "a detached running session is never cleaned up by the exited age");
        assertTrue(Files.readString(scarab.root.resolve("state/scarab/daemon.log")).contains("cleanup removed session"));
    }

    @Test
    void crashLoopKeepsEveryAcknowledgedChange() throws Exception {
        Random random = new Random(20261125);
        Set<String> expected = new HashSet<>();
        int counter = 0;
        for (int round = 0; round < 20; round++) {
            int changes = 1 + random.nextInt(4);
            for (int c = 0; c < changes; c++) {
                List<String> names = new ArrayList<>(expected);
                int op = names.isEmpty() ? 0 : random.nextInt(3);
                if (op == 0 || names.size() < 2) {
                    String name = "s" + counter++;
                    scarab.ok("new", "-d", "-c", "sh -c 'while :; do echo output-$$; sleep 0.05; done'", name);
                    expected.add(name);
                } else if (op == 1) {
                    String old = names.get(random.nextInt(names.size()));
                    String renamed = "r" + counter++;
                    scarab.ok("rename", old, renamed);
                    expected.remove(old);
                    expected.add(renamed);
                } else {
                    String victim = names.get(random.nextInt(names.size()));
                    scarab.ok("kill", victim);
                    expected.remove(victim);
                }
            }
            long pid = scarab.daemonPid();
            assertEquals(0, new ProcessBuilder("kill", "-9", String.valueOf(pid)).start().waitFor());
            Scarab.waitFor("the daemon to die", WAIT, () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
            Set<String> listed = new HashSet<>(List.of(scarab.ok("ls", "--names").strip().split("\n")));
            listed.remove("");
            assertEquals(expected, listed, "round " + round);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + scarab.database());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertEquals("ok", rs.getString(1));
        }
        assertFalse(expected.isEmpty());
    }
}
