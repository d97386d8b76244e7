package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client attached through a real terminal (a tmux pane) while the daemon upgrades in place: it
 * stays attached, to the same session, without {@code [lost server]}, and typing into it works.
 * Run with the terminal served by the daemon ({@link UpgradeAttachIT}) and relayed by the client
 * ({@link UpgradeAttachRelayIT}). The same jars before and after (one build).
 */
abstract class UpgradeAttachScenarios {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private Scarab scarab;
    private Tmux tmux;

    abstract boolean direct();

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        tmux = new Tmux(scarab.root);
        tmux.start(100, 30, "env -i " + envLine(Map.of("PS1", "outer$ ")) + " /bin/sh");
        tmux.awaitText(null, "outer$");
    }

    @AfterEach
    void stop() throws Exception {
        tmux.close();
        scarab.close();
    }

    private String envLine(Map<String, String> extra) {
        Map<String, String> env = new java.util.TreeMap<>(scarab.env);
        env.put("TERM", "xterm-256color");
        if (!direct()) {
            env.put("SCARAB_DIRECT", "0");
        }
        env.putAll(extra);
        return env.entrySet().stream().map(e -> e.getKey() + "='" + e.getValue() + "'").collect(Collectors.joining(" "));
    }

    @Test
    void anAttachedClientStaysAttachedAcrossAnUpgrade() throws Exception {
        scarab.ok("new", "-d", "-e", "PS1=inner$ ", "-c", "/bin/sh", "work");
        long shell = Long.parseLong(scarab.ok("list-panes", "-t", "work", "-F", "#{pane_pid}").strip());
        // The client replaces the outer shell: the tmux pane's process is the client.
        tmux.type(null, "clear; exec env " + envLine(Map.of()) + " " + scarab.clientCommand() + " attach work", "Enter");
        tmux.awaitText(null, "inner$");
        long client = tmux.panePid(null);
        tmux.type(null, "echo before-$((5*5))", "Enter");
        tmux.awaitText(null, "before-25");
        long daemon = scarab.daemonPid();

        String said = scarab.ok("daemon", "upgrade");

        assertTrue(said.contains("upgraded in place"), said);
        assertEquals(daemon, scarab.daemonPid());
        Scarab.waitFor("the client attached again", WAIT, () -> scarab.ok("list-clients").contains("work"));
        tmux.type(null, "echo after-$((6*7))", "Enter");
        String screen = tmux.await(null, "the typed command's output", WAIT, s -> s.contains("after-42"));
        assertFalse(screen.contains("lost server"), screen);
        assertFalse(screen.contains("[detached"), screen);
        assertTrue(screen.contains("before-25"), "the screen as it was: " + screen);
        assertTrue(ProcessHandle.of(client).map(ProcessHandle::isAlive).orElse(false), "the client goes on");
        assertEquals(shell, Long.parseLong(scarab.ok("list-panes", "-t", "work", "-F", "#{pane_pid}").strip()),
                "the same shell");
        Scarab.waitFor("typed into the same shell", WAIT, () -> scarab.ok("capture", "work").contains("after-42\n"));
    }

    /** Keys typed while no program reads them (the daemon held between its notice and its exec) are not lost. */
    @Test
    void keysTypedDuringTheUpgradeReachTheProgram() throws Exception {
        java.nio.file.Path faults = scarab.faultDirectory();
        scarab.ok("new", "-d", "-e", "PS1=inner$ ", "-c", "/bin/sh", "work");
        tmux.type(null, "clear; exec env " + envLine(Map.of()) + " " + scarab.clientCommand() + " attach work", "Enter");
        tmux.awaitText(null, "inner$");
        java.nio.file.Files.createFile(faults.resolve("upgrade-hold"));
        java.util.concurrent.CompletableFuture<String> upgrade =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> scarab.ok("daemon", "upgrade"));
        java.nio.file.Path log = scarab.root.resolve("state/scarab/daemon.log");
        Scarab.waitFor("the upgrade held", WAIT, () -> {
            try {
                return java.nio.file.Files.readString(log).contains("upgrade held for a test");
            } catch (java.io.IOException e) {
                return false;
            }
        });
        tmux.type(null, "echo during-$((7*7))", "Enter");
        java.nio.file.Files.createFile(faults.resolve("upgrade-go"));
        assertTrue(upgrade.get(60, java.util.concurrent.TimeUnit.SECONDS).contains("upgraded in place"));
        Scarab.waitFor("the keys typed during the upgrade ran", WAIT,
                () -> scarab.ok("capture", "work").contains("during-49\n"));
        tmux.await(null, "the client shows it", WAIT, s -> s.contains("during-49"));
    }
}
