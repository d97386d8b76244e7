package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The config file's {@code [hooks]}: commands run on events with the event's fields as formats;
 * run-shell from the command line; a wrong hook entry named by {@code config check} and by the
 * daemon, which starts without it.
 */
class HooksIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private Scarab scarab;
    private Path config;
    private Path log;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        config = scarab.root.resolve("config/scarab/config.toml");
        Files.createDirectories(config.getParent());
        log = scarab.root.resolve("hooks.log");
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    private String hookLog() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void hooksRunWithTheEventsFieldsAsFormats() throws Exception {
        Files.writeString(config, "[hooks]\n"
                + "session-created = \"run-shell 'echo created #{hook_session_name} \\\\#{session_id} #{hook} >> " + log + "'\"\n"
                + "session-renamed = \"run-shell -b 'echo renamed #{hook_old_name} to #{session_name} >> " + log + "'\"\n"
                + "window-added = \"rename-window -t #{window_id} added-#{window_index}\"\n"
                + "session-killed = \"run-shell 'echo killed #{hook_session_name} #{hook_seq} >> " + log + "'\"\n");
        scarab.ok("new", "-d", "-c", "sh", "hooked");
        Scarab.waitFor(() -> "the created hook: " + hookLog(), WAIT, () -> hookLog().contains("created hooked $"));
        assertTrue(hookLog().matches("(?s)created hooked \\$\\d+ session-created\n.*"), hookLog());
        scarab.ok("new-window", "-t", "hooked");
        Scarab.waitFor("the window-added hook's rename", WAIT,
                () -> scarab.ok("list-windows", "-t", "hooked", "-F", "#{window_name}").contains("added-1"));
        scarab.ok("rename", "hooked", "renamed");
        Scarab.waitFor(() -> "the renamed hook: " + hookLog(), WAIT, () -> hookLog().contains("renamed hooked to renamed"));
        scarab.ok("kill", "renamed");
        Scarab.waitFor(() -> "the killed hook: " + hookLog(), WAIT, () -> hookLog().matches("(?s).*killed renamed \\d+\n.*"));
    }

    @Test
    void runShellPrintsWhatTheCommandPrintsAndFailsAsTmuxDoes() throws Exception {
        scarab.ok("new", "-d", "-c", "sh", "work");
        assertEquals("hi work\n", scarab.ok("run-shell", "-t", "work", "echo hi #{session_name}"));
        Scarab.Result failed = scarab.run("run-shell", "echo out; exit 3");
        assertEquals(1, failed.status());
        assertEquals("out\n", failed.out());
        assertTrue(failed.err().contains("'echo out; exit 3' returned 3"), failed.err());
        Path marker = scarab.root.resolve("bg");
        assertEquals("", scarab.ok("run-shell", "-b", "touch " + marker));
        Scarab.waitFor("the background command", WAIT, () -> Files.exists(marker));
    }

    @Test
    void aBrokenHookIsNamedAndLeftOut() throws Exception {
        Files.writeString(config, "[hooks]\n"
                + "session-creatd = \"run-shell 'true'\"\n"
                + "session-killed = \"no-such-command 'true'\"\n"
                + "window-added = 3\n"
                + "session-renamed = \"run-shell 'echo renamed >> " + log + "'\"\n");
        Scarab.Result check = scarab.run("config", "check");
        assertEquals(1, check.status(), check.out() + check.err());
        String said = check.out() + check.err();
        assertTrue(said.contains(config + ":2: hooks: \"session-creatd\": no such event; did you mean \"session-created\"?"), said);
        assertTrue(said.contains(config + ":3: hooks: \"session-killed\": unknown command: no-such-command"), said);
        assertTrue(said.contains(config + ":4: hooks: \"window-added\": expected a command line"), said);
        Scarab.Result created = scarab.run("new", "-d", "-c", "sh", "x");
        assertEquals(0, created.status(), created.err());
        assertTrue(created.err().contains("session-creatd"), created.err());
        scarab.ok("rename", "x", "y");
        Scarab.waitFor(() -> "the good hook: " + hookLog(), WAIT, () -> hookLog().contains("renamed"));
    }
}
