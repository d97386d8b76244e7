package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Commands and attaches on "another machine": SCARAB_SSH names a stand-in for ssh that ignores
 * the host and runs this test's {@code scarab proxy} (its daemon's directories), after printing
 * junk for host {@code noisy}, never answering for host {@code down}, and through a
 * {@link FlakyLink} (delay, random cuts) for host {@code flaky}.
 */
class RemoteIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private Scarab scarab;
    private FlakyLink link;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        link = new FlakyLink(List.of("bash", "-c", "exec " + javaClient() + " proxy"), scarab.env, 150,
                System.nanoTime());
        Path ssh = scarab.root.resolve("fake-ssh");
        String exports = scarab.env.entrySet().stream().map(e -> "export " + e.getKey() + "='" + e.getValue() + "'")
                .collect(Collectors.joining("\n"));
        Files.writeString(ssh, "#!/bin/bash\n"
                + "host=\"$1\"; shift\n"
                + exports + "\n"
                + "scarab() { exec " + javaClient() + " \"$@\"; }\n"
                + "case \"$host\" in\n"
                + "  down) exec sleep 600 ;;\n"
                + "  noisy) echo 'Welcome to the machine'; printf 'last login: \\0 somewhere\\n\\0scarab-pro' ;;\n"
                + "  flaky) exec 3<>/dev/tcp/127.0.0.1/" + link.port() + "\n"
                + "         cat <&0 >&3 & up=$!\n"
                + "         cat <&3\n"
                + "         kill $up 2>/dev/null; exit 0 ;;\n"
                + "esac\n"
                + "eval \"$*\"\n");
        ssh.toFile().setExecutable(true);
        scarab.env.put("SCARAB_SSH", ssh.toString());
    }

    private String javaClient() {
        return "java -XX:TieredStopAtLevel=1 -Xshare:auto -cp " + System.getProperty("java.class.path")
                + " scarab.client.Main";
    }

    @AfterEach
    void stop() throws Exception {
        link.close();
        scarab.close();
    }

    @Test
    void commandsRunOnTheRemoteDaemon() {
        scarab.ok("-H", "box", "new", "-d", "-e", "PS1=$ ", "-c", "/bin/sh", "far");
        assertTrue(scarab.ok("ls", "--names").lines().anyMatch("far"::equals), "made by the daemon behind the proxy");
        scarab.ok("-H", "box", "send-keys", "far", "echo $((6*7))", "Enter");
        Scarab.waitFor("the remote capture", WAIT, () -> scarab.ok("-H", "box", "capture", "far").contains("\n42\n"));
        assertEquals(scarab.ok("ls", "--names"), scarab.ok("-H", "box", "ls", "--names"));
        assertTrue(scarab.ok("-H", "box", "list-panes", "-t", "far").contains("%0"));
        scarab.ok("-H", "box", "kill", "far");
        assertFalse(scarab.ok("ls", "--names").contains("far"));
    }

    @Test
    void whatARemoteShellPrintsFirstIsSkipped() {
        scarab.ok("new", "-d", "-c", "/bin/sh", "here");
        assertEquals(scarab.ok("ls", "--names"), scarab.ok("-H", "noisy", "ls", "--names"));
    }

    @Test
    void noScarabOnTheHostIsOneClearLine() {
        scarab.env.put("SCARAB_REMOTE_COMMAND", "no-such-scarab");
        Scarab.Result r = scarab.run("-H", "box", "ls");
        assertEquals(1, r.status());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("scarab: no scarab on box"), r.err());
    }

    @Test
    void lsHostsShowsEveryHostAndOneThatDoesNotAnswer() {
        scarab.ok("new", "-d", "-c", "/bin/sh", "s1");
        scarab.env.put("SCARAB_HOSTS_TIMEOUT", "3");
        Scarab.Result r = scarab.run("ls", "--hosts", "a,down,noisy");
        assertEquals(1, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("HOST +ID +NAME +STATUS.*"), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("a +\\S+ +s1 +running.*")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("noisy +\\S+ +s1 +running.*")), r.out());
        assertTrue(lines.contains("down   (no answer within 3 s)"), r.out());
    }

    /**
     * Attached through a link that delays and drops: every reconnect redraws the screen exactly
     * (the client's picture equals capture -e, also for what the session printed meanwhile), and
     * 50 commands typed across the cuts reach the shell once each, in order.
     */
    @Test
    void anAttachSurvivesCutsExactly() throws Exception {
        scarab.ok("new", "-d", "-e", "PS1=$ ", "-c", "/bin/sh", "work");
        try (Tmux tmux = new Tmux(scarab.root)) {
            tmux.start(100, 30, "env -i " + scarab.envLine(false, Map.of("PS1", "outer$ ")) + " /bin/sh");
            tmux.awaitText(null, "outer$");
            tmux.type(null, "clear; env " + scarab.envLine(false, Map.of()) + " " + scarab.clientCommand()
                    + " attach flaky:work; echo client-ended", "Enter"); // no exec: the pane outlives the client
            RemoteChecks.awaitSame(scarab, tmux);

            // Cuts the test makes, with output while the client is away: the reconnect redraws it.
            for (int i = 1; i <= 3; i++) {
                int before = link.connections.get();
                link.cutNow();
                scarab.ok("send-keys", "work", "printf '\\033[1;3" + i + "mcut-%s\\033[0m\\n' " + i, "Enter");
                Scarab.waitFor("reconnect " + i, WAIT, () -> link.connections.get() > before);
                RemoteChecks.awaitSame(scarab, tmux);
            }

            // Cuts at random moments while typing: each key once, in order.
            Path out = scarab.root.resolve("typed");
            link.cutting(6);
            for (int n = 1; n <= 50; n++) {
                tmux.type(null, "echo " + n + " >> " + out, "Enter");
                int behind = n - 3;
                Scarab.waitFor("command " + behind, WAIT, () -> RemoteChecks.lines(out).size() >= behind);
            }
            List<String> expected = IntStream.rangeClosed(1, 50).mapToObj(String::valueOf).toList();
            Scarab.waitFor(() -> "the 50 commands, once each, in order: " + RemoteChecks.lines(out), WAIT,
                    () -> RemoteChecks.lines(out).size() >= 50);
            link.cutting(0);
            assertEquals(expected, RemoteChecks.lines(out), "after " + link.cuts.get() + " random cuts");
            RemoteChecks.awaitSame(scarab, tmux);
            assertTrue(link.cuts.get() > 0, "the link was cut while typing");

            tmux.type(null, "C-b", "d");
            String end = tmux.await(null, "the client's end", WAIT, s -> s.contains("client-ended"));
            assertTrue(end.contains("[detached (from session work)]"), end);
        }
    }

    @Test
    void detachKeysWorkWhileReconnecting() throws Exception {
        scarab.ok("new", "-d", "-e", "PS1=$ ", "-c", "/bin/sh", "work");
        try (Tmux tmux = new Tmux(scarab.root)) {
            tmux.start(100, 30, "env -i " + scarab.envLine(false, Map.of("PS1", "outer$ ")) + " /bin/sh");
            tmux.awaitText(null, "outer$");
            tmux.type(null, "clear; env " + scarab.envLine(false, Map.of()) + " " + scarab.clientCommand()
                    + " -H flaky attach work; echo client-ended", "Enter"); // no exec: the pane outlives the client
            RemoteChecks.awaitSame(scarab, tmux);
            link.close(); // nothing answers any more
            tmux.await(null, "the reconnect notice", WAIT, s -> s.contains("[reconnecting to flaky\u2026 ("));
            tmux.type(null, "C-b", "d");
            String s = tmux.await(null, "the detach", WAIT, x -> x.contains("client-ended"));
            assertTrue(s.contains("[detached (from session work on flaky, while reconnecting)]"), s);
        }
    }


}
