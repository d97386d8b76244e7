package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A broken config file as a user meets it: the daemon still starts (with the defaults of the bad
 * keys) and the problems are shown by {@code new}, {@code attach}, {@code daemon start},
 * {@code daemon status}, in daemon.out and in the log; {@code config check} lists them without
 * starting anything; a daemon that cannot start says why in the client's error.
 */
class ConfigIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BROKEN = """
            scrollback = "lots"
            restor = "lazy"
            detach-keys = "ctrl-b d"
            default-command = "/bin/sh -c 'echo from-default-command; exec sleep 100000'"
            """;
    private Scarab scarab;
    private Path config;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        config = scarab.root.resolve("config/scarab/config.toml");
        Files.createDirectories(config.getParent());
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    private void assertNamesEveryProblem(String text) {
        assertTrue(text.contains(config + ":1: scrollback: expected a number of lines"), text);
        assertTrue(text.contains(config + ":2: unknown key \"restor\"; did you mean \"restore\"?"), text);
        assertTrue(text.contains(config + ":3: detach-keys: expected keys like"), text);
        assertFalse(text.contains("java."), text);
    }

    @Test
    void aBrokenConfigCostsDefaultsNotTheSessions() throws Exception {
        Files.writeString(config, BROKEN);
        Scarab.Result created = scarab.run("new", "-d", "work");
        assertEquals(0, created.status(), created.err());
        assertNamesEveryProblem(created.err());
        assertTrue(created.err().contains("(its default is used)"), created.err());
        // the good key is used: a string default-command is split like -c
        Scarab.waitFor("the default command's output", WAIT,
                () -> scarab.ok("capture", "work").contains("from-default-command"));

        Scarab.Result status = scarab.run("daemon", "status");
        assertEquals(0, status.status(), status.err());
        assertNamesEveryProblem(status.out());

        Path log = scarab.root.resolve("state/scarab/daemon.log");
        Scarab.waitFor("the warnings in the log", WAIT, () -> {
            try {
                return Files.exists(log) && Files.readString(log).contains("unknown key \"restor\"");
            } catch (java.io.IOException e) {
                return false;
            }
        });
        assertNamesEveryProblem(Files.readString(scarab.root.resolve("state/scarab/daemon.out")));

        scarab.ok("daemon", "stop");
        Scarab.Result started = scarab.run("daemon", "start");
        assertEquals(0, started.status(), started.err());
        assertNamesEveryProblem(started.err());
        assertTrue(scarab.ok("ls").contains("work"), "the session is reachable after a restart");
    }

    @Test
    void attachShowsTheProblemsAndUsesTheDefaultDetachKeys() throws Exception {
        Files.writeString(config, BROKEN);
        scarab.run("new", "-d", "-c", "sh", "work");
        try (Tmux tmux = new Tmux(scarab.root)) {
            Map<String, String> env = new TreeMap<>(scarab.env);
            env.put("TERM", "xterm-256color");
            env.put("PS1", "outer$ ");
            String envLine = env.entrySet().stream().map(e -> e.getKey() + "='" + e.getValue() + "'")
                    .collect(Collectors.joining(" "));
            tmux.start(200, 30, "env -i " + envLine + " /bin/sh");
            tmux.awaitText(null, "outer$");
            tmux.type(null, "env " + envLine + " " + scarab.clientCommand() + " attach work 2>" + scarab.root.resolve("problems.txt"), "Enter");
            Scarab.waitFor("the attach", WAIT, () -> scarab.ok("ls", "--json").contains("\"clients\" : 1"));
            tmux.type(null, "C-b", "d");
            tmux.awaitText(null, "[detached (from session work)]");
        }
        Path problems = scarab.root.resolve("problems.txt");
        assertNamesEveryProblem(Files.readString(problems));
    }

    @Test
    void configCheckListsEveryProblemWithoutStartingAnything() throws Exception {
        Files.writeString(config, BROKEN + "\n[session]\nname = \"x\"\n");
        Scarab.Result bad = scarab.run("config", "check");
        assertEquals(1, bad.status());
        assertNamesEveryProblem(bad.err());
        assertTrue(bad.err().contains(config + ":6: [session]: no such table (there are [keys] and [hooks])"), bad.err());
        assertEquals(4, bad.err().lines().count(), bad.err());

        Path good = scarab.root.resolve("good.toml");
        Files.writeString(good, "scrollback = 500\ndefault-command = [\"/bin/zsh\", \"-l\"]\n");
        Scarab.Result ok = scarab.run("config", "check", good.toString());
        assertEquals(0, ok.status(), ok.err());
        assertEquals(good + ": ok", ok.outTrimmed());
        assertEquals(1, scarab.run("config", "check", scarab.root.resolve("nope.toml").toString()).status());
        assertFalse(Files.exists(scarab.socket()), "no daemon was started");
    }

    @Test
    void aDaemonThatCannotStartSaysWhyInTheClientsError() throws Exception {
        // the database path is a directory: the daemon cannot open its store
        Files.createDirectories(scarab.database());
        Files.createDirectories(scarab.root.resolve("state/scarab"));
        Files.writeString(scarab.root.resolve("state/scarab/daemon.out"), "scarab daemon: an old failure\n");
        Scarab.Result r = scarab.run("ls");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("the daemon failed to start: cannot start: "), r.err());
        assertTrue(r.err().contains(scarab.database().toString()), r.err());
        assertFalse(r.err().contains("an old failure"), r.err());
        assertFalse(r.err().contains("daemon.log"), r.err());
    }
}
