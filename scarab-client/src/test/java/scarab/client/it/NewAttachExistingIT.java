package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code new -A} (tmux's: attach when the session exists) and {@code has-session} (only the exit
 * status; tmux's message on stderr), the messages checked against a live tmux 3.3a.
 */
class NewAttachExistingIT {
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

    @Test
    void newDashACreatesOnceAndThenNamesTheExistingSession() throws Exception {
        for (Scarab.Way way : Scarab.Way.values()) {
            String name = "work-" + way.name().toLowerCase();
            Scarab.Result first = scarab.run(way, false, java.time.Clock.systemUTC(), "new", "-A", "-d", "-c", "sleep 600", name);
            assertEquals(0, first.status(), first.err());
            Scarab.Result again = scarab.run(way, false, java.time.Clock.systemUTC(), "new", "-A", "-c", "sleep 601", name);
            assertEquals(new Scarab.Result(0, first.out(), ""), again, "the existing session's short id, nothing created");
            assertEquals("[\"sleep\",\"600\"]", scarab.sessionsByName().get(name).get("command").toString(),
                    "the first session's command, not the second's");
        }
        assertEquals(2, scarab.sessionsByName().size());
        Scarab.Result taken = scarab.run("new", "-d", "-c", "sleep 600", "work-fast");
        assertEquals(1, taken.status(), "without -A a taken name is still refused");
        assertTrue(taken.err().contains("already exists"), taken.err());
    }

    @Test
    void hasSessionAnswersWithItsStatusAndTmuxsMessages() throws Exception {
        scarab.ok("new", "-d", "-c", "sleep 600", "here");
        assertEquals(new Scarab.Result(0, "", ""), scarab.run("has-session", "-t", "here"));
        assertEquals(new Scarab.Result(0, "", ""), scarab.run("has", "-t", "here"));
        String socket = "scarab-has-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try {
            assertEquals(0, tmux(socket, "new-session", "-d", "-s", "here", "sleep 600").waitFor());
            for (String target : new String[] {"nope", "here:9"}) {
                Process q = tmux(socket, "has-session", "-t", target);
                String theirs = new String(q.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                int theirStatus = q.waitFor();
                Scarab.Result ours = scarab.run("has-session", "-t", target);
                assertEquals(new Scarab.Result(theirStatus, "", theirs), ours, "has-session -t " + target);
                assertEquals(1, ours.status());
            }
        } finally {
            tmux(socket, "kill-server").waitFor();
            int uid = (Integer) java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self"), "unix:uid");
            java.nio.file.Files.deleteIfExists(java.nio.file.Path.of("/tmp", "tmux-" + uid, socket));
        }
    }

    /** A tmux client of a private server, in a small plain environment (its socket under /tmp). */
    private static Process tmux(String socket, String... args) throws java.io.IOException {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("tmux", "-L", socket, "-f", "/dev/null"));
        cmd.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("TERM", "xterm-256color");
        return pb.start();
    }

    @Test
    void newDashAAttachesOnATerminal() throws Exception {
        scarab.ok("new", "-d", "-e", "PS1=there$ ", "-c", "/bin/sh", "there");
        scarab.ok("send-keys", "there", "echo marker-$((6*7))", "Enter");
        Scarab.waitFor("the marker", WAIT, () -> scarab.ok("capture", "there").contains("marker-42"));
        try (Tmux tmux = new Tmux(scarab.root)) {
            String env = scarab.envLine(true, Map.of());
            tmux.start(100, 30, "env -i " + env + " PS1='outer$ ' /bin/sh");
            tmux.awaitText(null, "outer$");
            tmux.type(null, "clear; env " + env + " " + scarab.clientCommand() + " new -A -c 'sleep 9' there", "Enter");
            tmux.awaitText(null, "marker-42");
            assertEquals(1, scarab.sessionsByName().size(), "attached, not created");
            Scarab.waitFor("the client counted", WAIT, () -> {
                try {
                    return scarab.sessionsByName().get("there").get("clients").asInt() == 1;
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            });
        }
    }
}
