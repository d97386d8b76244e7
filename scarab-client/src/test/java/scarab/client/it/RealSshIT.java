package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Remote sessions through a real OpenSSH: a private sshd on loopback ({@link Sshd}) whose sessions
 * get a HOME of their own (a {@code .bashrc} there prints junk, NUL bytes and a broken greeting
 * included), a PATH on which {@code scarab} is this checkout's client, and this test's daemon
 * directories, so {@code ssh -F CONFIG host scarab proxy} reaches the same daemon the test asks
 * directly. The client runs the plain ssh, found on PATH.
 */
class RealSshIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private Scarab scarab;
    private Sshd sshd;
    private ServerSocket silent;
    private int downPort;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        Path home = Files.createDirectories(scarab.root.resolve("remote-home"));
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path wrapper = bin.resolve("scarab");
        Files.writeString(wrapper, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -XX:TieredStopAtLevel=1 -Xshare:auto -cp '" + System.getProperty("java.class.path")
                + "' scarab.client.Main \"$@\"\n");
        assertTrue(wrapper.toFile().setExecutable(true));
        // Debian's bash reads ~/.bashrc also for ssh's non-interactive commands: all of this comes
        // before the proxy's greeting.
        Files.writeString(home.resolve(".bashrc"), "echo 'Welcome to the machine'\n"
                + "printf 'last login: \\0 somewhere\\n\\0scarab-pro\\n'\n"
                + "echo \"junk on stderr\" >&2\n");
        Map<String, String> remoteEnv = new LinkedHashMap<>();
        remoteEnv.put("HOME", home.toString());
        remoteEnv.put("PATH", bin + ":/usr/bin:/bin");
        remoteEnv.put("LANG", "C.UTF-8");
        remoteEnv.put("SHELL", "/bin/sh");
        for (String k : List.of("XDG_RUNTIME_DIR", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME")) {
            remoteEnv.put(k, scarab.env.get(k));
        }
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress()); // connects, never speaks
        downPort = Sshd.freePort();
        sshd = new Sshd(scarab.root.resolve("sshd"), remoteEnv, Map.of("down", downPort, "silent",
                silent.getLocalPort()));
        scarab.env.put("SCARAB_SSH", sshd.sshCommand());
    }

    @AfterEach
    void stop() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
        if (silent != null) {
            silent.close();
        }
        scarab.close();
    }

    @Test
    void commandsGoThroughSshPastAChattyBashrc() {
        scarab.ok("-H", "host", "new", "-d", "-e", "PS1=$ ", "-c", "/bin/sh", "far");
        assertTrue(scarab.ok("ls", "--names").lines().anyMatch("far"::equals), "made by the daemon behind sshd");
        assertEquals(scarab.ok("ls", "--names"), scarab.ok("-H", "host", "ls", "--names"));
        scarab.ok("-H", "host", "send-keys", "far", "echo $((6*7))", "Enter");
        Scarab.waitFor("the remote capture", WAIT, () -> scarab.ok("-H", "host", "capture", "far").contains("\n42\n"));
        assertTrue(sshd.logText().contains("Accepted publickey"), sshd.logText());
    }

    @Test
    void lsHostsWithOneHostDownAndOneSilent() {
        scarab.ok("new", "-d", "-c", "/bin/sh", "s1");
        scarab.env.put("SCARAB_HOSTS_TIMEOUT", "5");
        Scarab.Result r = scarab.run("ls", "--hosts", "host,down,silent");
        assertEquals(1, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("HOST +ID +NAME +STATUS.*"), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("host +\\S+ +s1 +running.*")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("down    (cannot reach scarab on down: ")
                && l.contains("port " + downPort + ": Connection refused)")), r.out());
        assertTrue(lines.contains("silent  (no answer within 5 s)"), r.out());
        assertEquals(4, lines.size(), r.out());
    }

    @Test
    void lsHostsWithoutAListTakesTheConfigFilesHosts() throws Exception {
        scarab.ok("new", "-d", "-c", "/bin/sh", "s1");
        Path config = scarab.root.resolve("config/scarab/config.toml");
        Scarab.Result none = scarab.run("ls", "--hosts");
        assertEquals(2, none.status(), none.err());
        assertTrue(none.err().contains(config + " has none: hosts = ["), none.err());

        Files.createDirectories(config.getParent());
        Files.writeString(config, "hosts = [\"host\", \"down\"]\n");
        assertEquals(config + ": ok", scarab.ok("config", "check").strip());
        Scarab.Result r = scarab.run("ls", "--hosts");
        assertEquals(1, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size(), r.out());
        assertTrue(lines.get(1).matches("host +\\S+ +s1 +running.*"), r.out());
        assertTrue(lines.get(2).startsWith("down  (cannot reach scarab on down: "), r.out());
        assertEquals(scarab.run("ls", "--hosts", "host,down").out().lines().map(l -> l.replaceAll("\\d+ seconds? ago", ""))
                .toList(), lines.stream().map(l -> l.replaceAll("\\d+ seconds? ago", "")).toList());

        Files.writeString(config, "hosts = [\"host\", \"-oProxyCommand=touch x\"]\n");
        Scarab.Result check = scarab.run("config", "check");
        assertEquals(1, check.status());
        assertTrue(check.err().contains(config + ":1: hosts: expected an array of host names"), check.err());
        Scarab.Result bad = scarab.run("ls", "--hosts");
        assertEquals(2, bad.status(), bad.err());
        assertTrue(bad.err().contains(config + ":1: hosts: expected an array of host names"), bad.err());
        assertTrue(bad.err().contains(" has none"), bad.err());
        assertEquals("", bad.out());
    }

    /**
     * The client's ssh killed three times while the session prints and the user types: after each
     * reconnect the client's picture equals capture -e, and every command typed (before, during
     * and after the kills) reaches the shell once, in order.
     */
    @Test
    void anAttachSurvivesSshKilledDuringOutputAndTyping() throws Exception {
        scarab.ok("new", "-d", "-e", "PS1=$ ", "-c", "/bin/sh", "work");
        Path out = scarab.root.resolve("typed");
        try (Tmux tmux = new Tmux(scarab.root)) {
            // --ssh, not SCARAB_SSH (which would fail), names the ssh for HOST:TARGET.
            tmux.start(100, 30, "env -i " + scarab.envLine(false, Map.of("PS1", "outer$ ", "SCARAB_SSH", "false"))
                    + " /bin/sh");
            tmux.awaitText(null, "outer$");
            tmux.type(null, "clear; " + scarab.clientCommand() + " --ssh '" + sshd.sshCommand()
                    + "' attach host:work; echo client-ended", "Enter");
            RemoteChecks.awaitSame(scarab, tmux);
            long pane = tmux.panePid(null);
            int typed = 0;
            for (int round = 1; round <= 3; round++) {
                long ssh = sshOf(pane);
                String mark = "round-" + round + "-";
                scarab.ok("send-keys", "work", "i=0; while [ $i -lt 150 ]; do i=$((i+1)); echo " + mark
                        + "$i; sleep 0.02; done", "Enter");
                tmux.await(null, "the output of round " + round, WAIT, s -> s.contains(mark + "1"));
                for (int k = 0; k < 3; k++) {
                    typed++;
                    tmux.type(null, "echo " + typed + " >> " + out, "Enter");
                }
                ProcessHandle.of(ssh).ifPresent(ProcessHandle::destroyForcibly);
                for (int k = 0; k < 3; k++) { // typed while the connection is gone or coming back
                    typed++;
                    tmux.type(null, "echo " + typed + " >> " + out, "Enter");
                }
                int upTo = typed;
                Scarab.waitFor("a new ssh after kill " + round, WAIT, () -> {
                    long now = sshOf(pane);
                    return now > 0 && now != ssh;
                });
                Scarab.waitFor(() -> "commands 1.." + upTo + ": " + RemoteChecks.lines(out), WAIT, () -> RemoteChecks.lines(out).size() >= upTo);
                tmux.await(null, "the end of round " + round, WAIT, s -> s.contains(mark + "150"));
                RemoteChecks.awaitSame(scarab, tmux);
                assertNotEquals(ssh, sshOf(pane));
            }
            List<String> expected = IntStream.rangeClosed(1, typed).mapToObj(String::valueOf).toList();
            assertEquals(expected, RemoteChecks.lines(out), "each command once, in order");
            RemoteChecks.awaitSame(scarab, tmux);

            tmux.type(null, "C-b", "d");
            String end = tmux.await(null, "the client's end", WAIT, s -> s.contains("client-ended"));
            assertTrue(end.contains("[detached (from session work)]"), end);
        }
    }

    /** The pid of the ssh the client in the pane runs now, or -1. */
    private static long sshOf(long panePid) {
        return ProcessHandle.of(panePid).stream().flatMap(ProcessHandle::descendants)
                .filter(p -> p.info().command().map(c -> c.endsWith("/ssh")).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
    }


}
