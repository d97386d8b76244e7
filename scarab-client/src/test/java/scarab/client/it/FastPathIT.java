package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.client.ClientContext;
import scarab.client.fast.FastPath;
import scarab.client.it.Scarab.Result;
import scarab.client.it.Scarab.Way;
import scarab.protocol.ChannelStreams;
import scarab.protocol.Frame;
import scarab.protocol.FrameReader;
import scarab.protocol.FrameWriter;
import scarab.protocol.Json;
import scarab.protocol.Protocol;
import scarab.protocol.Version;
import scarab.protocol.Response;

/**
 * The fast path prints exactly what the picocli path prints for the same daemon state (same
 * stdout, stderr and status), and leaves everything it does not recognise to picocli.
 */
class FastPathIT {
    private Scarab scarab;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    /** Both ways, at the same fixed time, as if on a terminal or not: they must agree byte for byte. */
    private Result same(boolean interactive, Instant now, String... args) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        Result picocli = scarab.run(Way.PICOCLI, interactive, clock, args);
        Result fast = scarab.run(Way.FAST, interactive, clock, args);
        String what = "scarab " + String.join(" ", args) + (interactive ? " (on a terminal)" : "");
        assertEquals(picocli.out(), fast.out(), what + ": stdout");
        assertEquals(picocli.err(), fast.err(), what + ": stderr");
        assertEquals(picocli.status(), fast.status(), what + ": status");
        return fast;
    }

    private void sessions() throws Exception {
        scarab.ok("new", "-d", "-c", "sleep 100000", "plain");
        scarab.ok("new", "-d", "--size", "120x40", "-c", "sh -c 'exit 3'", "fails");
        scarab.ok("new", "-d", "-c", "true", "done-ok");
        scarab.ok("new", "-d", "-C", "/tmp", "-c", "sh -c 'printf \"\\033]0;t\\303\\251t\\303\\251 \\\"q\\\"\\007\"; sleep 100000'",
                "titled");
        java.nio.file.Path dir = Files.createDirectories(scarab.root.resolve("r\u00e9pertoire \u6f22"));
        scarab.ok("new", "-d", "-C", dir.toString(), "-c", "sleep 100000", "dotted.name_2");
        Scarab.waitFor("the two short commands to exit and the title to be seen", Duration.ofSeconds(20), () -> {
            String table = scarab.ok("ls");
            return table.contains("exited (3)") && table.contains("exited (0)") && table.contains("TITLE");
        });
    }

    @Test
    void tableNamesAndJsonAreIdenticalAtAnyTime() throws Exception {
        sessions();
        Instant created = Instant.parse(session("plain").get("createdAt").asText());
        List<Instant> times = new ArrayList<>();
        for (Duration d : List.of(Duration.ZERO, Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofSeconds(59),
                Duration.ofSeconds(61), Duration.ofMinutes(90), Duration.ofHours(47), Duration.ofDays(3))) {
            times.add(created.plus(d));
        }
        for (Instant now : times) {
            for (boolean terminal : new boolean[] {false, true}) {
                Result table = same(terminal, now, "ls");
                assertTrue(table.out().startsWith(terminal ? "\033[1mID\033[0m" : "ID"), table.out());
                same(terminal, now, "list");
                same(terminal, now, "list-sessions");
            }
        }
        Result names = same(false, times.get(0), "ls", "--names");
        assertEquals(5, names.out().lines().count(), names.out());
        assertTrue(names.out().contains("dotted.name_2\n"), names.out());
        Result json = same(false, times.get(0), "ls", "--json");
        assertEquals(5, Json.mapper().readTree(json.out()).size());
        assertTrue(json.out().contains("\"exitCode\" : 3,"), json.out());
        assertTrue(json.out().contains("r\u00e9pertoire \u6f22"), json.out());
        same(false, times.get(0), "ls", "--json", "--names");
        same(false, times.get(0), "ls", "--names", "--json");
        same(true, times.get(0), "ls", "--json");

        scarab.env.put("NO_COLOR", "1");
        Result plain = same(true, times.get(0), "ls");
        assertFalse(plain.out().contains("\033["), plain.out());
    }

    @Test
    void topLevelOptionsAreHonouredTheSameWay() throws Exception {
        sessions();
        Instant now = Instant.now();
        String socket = scarab.socket().toString();
        same(false, now, "-S", socket, "ls");
        same(false, now, "--socket", socket, "ls", "--json");
        same(false, now, "--socket=" + socket, "ls", "--names");
        same(false, now, "--no-start", "ls");
        same(false, now, "--no-start", "-S", socket, "list", "--names");
        scarab.env.put("SCARAB_SOCKET", socket);
        same(false, now, "ls");
    }

    @Test
    void noSessionsLooksTheSame() throws Exception {
        scarab.ok("daemon", "start");
        Instant now = Instant.now();
        assertEquals("", same(false, now, "ls").out());
        Result terminal = same(true, now, "ls");
        assertEquals("no sessions; create one with: scarab new NAME\n", terminal.err());
        assertEquals("[ ]\n", same(false, now, "ls", "--json").out());
        assertEquals("", same(false, now, "ls", "--names").out());
    }

    /** Runs {@code picocliArgs} through picocli and {@code fastArgs} through the fast path; both must print alike. */
    private Result alike(String[] picocliArgs, String[] fastArgs) {
        Result picocli = scarab.run(Way.PICOCLI, false, Clock.systemUTC(), picocliArgs);
        Result fast = scarab.run(Way.FAST, false, Clock.systemUTC(), fastArgs);
        String what = "scarab " + String.join(" ", fastArgs);
        assertEquals(picocli.out(), fast.out(), what + ": stdout");
        assertEquals(picocli.err(), fast.err(), what + ": stderr");
        assertEquals(picocli.status(), fast.status(), what + ": status");
        return fast;
    }

    private String screen(String name) {
        return scarab.ok("capture", name);
    }

    @Test
    void oneRequestCommandsDoAndSayTheSame() throws Exception {
        for (String n : List.of("p1", "f1", "p2", "f2", "p3", "f3")) {
            scarab.ok("new", "-d", "-c", "cat", n);
        }
        // send-keys, its alias and -l: the same text reaches both screens.
        alike(new String[] {"send-keys", "p1", "echo", "Space", "one", "Enter"},
                new String[] {"send-keys", "f1", "echo", "Space", "one", "Enter"});
        // cat's copy of the line first: else the terminal's echo of what follows may come before it.
        Scarab.waitFor("cat to print the line on both", Duration.ofSeconds(60),
                () -> screen("p1").split("echo one", -1).length == 3 && screen("f1").split("echo one", -1).length == 3);
        alike(new String[] {"send", "-l", "p1", "Enter", "Enter"}, new String[] {"send", "f1", "Enter", "-l", "Enter"});
        Scarab.waitFor("both screens to show the keys", Duration.ofSeconds(60),
                () -> screen("p1").contains("EnterEnter") && screen("f1").contains("EnterEnter"));
        assertEquals(screen("p1"), screen("f1"));
        // rename, detach (nobody attached) and kill, under each name they go by.
        alike(new String[] {"rename", "p2", "p2b"}, new String[] {"rename", "f2", "f2b"});
        alike(new String[] {"rename-session", "p2b", "p2c"}, new String[] {"rename-session", "f2b", "f2c"});
        alike(new String[] {"detach", "p2c"}, new String[] {"detach", "f2c"});
        alike(new String[] {"detach-client", "p2c"}, new String[] {"detach-client", "f2c"});
        alike(new String[] {"kill", "p2c", "p3"}, new String[] {"kill", "--force", "f2c", "f3"});
        String names = scarab.ok("ls", "--names");
        assertEquals(List.of("f1", "p1"), names.lines().sorted().toList(), names);
        // wait: the session's exit status is the command's.
        scarab.ok("new", "-d", "-c", "sh -c 'read x; exit 7'", "pw");
        scarab.ok("new", "-d", "-c", "sh -c 'read x; exit 7'", "fw");
        scarab.ok("send-keys", "pw", "Enter");
        scarab.ok("send-keys", "fw", "Enter");
        Result waited = alike(new String[] {"wait", "pw"}, new String[] {"wait", "fw"});
        assertEquals(7, waited.status());
        // Refusals read the same: unknown sessions, bad names, a clash.
        same(false, Instant.now(), "send-keys", "nobody", "x");
        same(false, Instant.now(), "kill", "p1", "nobody");
        same(false, Instant.now(), "rename", "p1", "bad name!");
        same(false, Instant.now(), "rename", "p1", "f1");
        same(false, Instant.now(), "rename", "", "x");
        same(false, Instant.now(), "detach", "nobody");
        same(false, Instant.now(), "wait", "nobody");
        assertEquals(List.of("f1", "fw", "p1", "pw"), scarab.ok("ls", "--names").lines().sorted().toList());
    }

    @Test
    void captureAndNewDoAndSayTheSame() throws Exception {
        scarab.ok("new", "-d", "--size", "40x5", "-c",
                "sh -c 'i=0; while [ $i -lt 12 ]; do printf \"\\033[3%dmline %d\\033[0m\\n\" $((i % 8)) $i; i=$((i+1)); done;"
                        + " printf \"%0100d\"; sleep 100000'", "lines");
        Scarab.waitFor("the lines", Duration.ofSeconds(10), () -> scarab.ok("capture", "lines").contains("0000"));
        Instant now = Instant.now();
        for (String[] form : List.of(new String[] {"capture", "lines"}, new String[] {"capture-pane", "lines"},
                new String[] {"capture", "-e", "lines"}, new String[] {"capture", "-J", "lines"},
                new String[] {"capture", "-S", "-", "lines"}, new String[] {"capture", "lines", "-S", "-5", "-E", "-2"},
                new String[] {"capture", "-e", "-J", "-S", "-", "-E", "-", "lines"}, new String[] {"capture", "-S", "2", "lines"},
                new String[] {"capture", "nobody"}, new String[] {"capture", "-S", "x", "lines"})) {
            same(false, now, form);
        }
        assertTrue(same(false, now, "capture", "-e", "-S", "-", "lines").out().contains("\033[31mline 1"));

        // new: both print a short id and create the same session.
        Path dir = Files.createDirectories(scarab.root.resolve("work dir"));
        Result p = scarab.run(Way.PICOCLI, false, Clock.systemUTC(), "new", "-d", "--size", "100x30", "-C", dir.toString(),
                "-e", "A=1", "-e", "B=x=y", "-c", "sh -c 'echo \"$A $B\"; sleep 100000'", "pnew");
        Result f = scarab.run(Way.FAST, false, Clock.systemUTC(), "new", "pnew-f", "-e", "A=1", "-d", "-e", "B=x=y",
                "--size", "100x30", "-C", dir.toString(), "-c", "sh -c 'echo \"$A $B\"; sleep 100000'");
        for (Result r : List.of(p, f)) {
            assertEquals(0, r.status(), r.err());
            assertTrue(r.out().matches("[0-9a-f]{8}\n"), r.out());
        }
        Scarab.waitFor("both sessions' output", Duration.ofSeconds(10),
                () -> scarab.ok("capture", "pnew").contains("1 x=y") && scarab.ok("capture", "pnew-f").contains("1 x=y"));
        JsonNode pn = session("pnew");
        JsonNode fn = session("pnew-f");
        for (String field : List.of("cols", "rows", "command", "cwd", "status")) {
            assertEquals(pn.get(field), fn.get(field), field);
        }
        assertEquals(scarab.ok("capture", "pnew"), scarab.ok("capture", "pnew-f"));
        Result g = scarab.run(Way.FAST, false, Clock.systemUTC(), "new-session", "-d", "--env", "C=3", "-c", "env", "genv");
        assertEquals(0, g.status(), g.err());
        Scarab.waitFor("env's output", Duration.ofSeconds(10), () -> scarab.ok("capture", "genv").contains("C=3"));
        // Refusals read the same, and create nothing.
        for (String[] form : List.of(new String[] {"new", "-d", "pnew"}, new String[] {"new", "-d", "bad name!"},
                new String[] {"new", "-d", "--size", "0x3", "z"}, new String[] {"new", "-d", "--size=wide", "z"},
                new String[] {"new", "-d", "-e", "NOEQUALS", "z"}, new String[] {"new", "-d", "-c", "", "z"},
                new String[] {"new", "-d", "-c", "no-such-program-here", "z"}, new String[] {"new", "-d", "-C", "/no/such/dir", "z"})) {
            same(false, now, form);
        }
        assertFalse(scarab.ok("ls", "--names").lines().anyMatch(n -> n.equals("z")));
    }

    @Test
    void errorsAreTheSameErrors() throws Exception {
        Instant now = Instant.now();
        // No daemon, and told not to start one.
        Result none = same(false, now, "--no-start", "ls");
        assertEquals(1, none.status());
        assertTrue(none.err().startsWith("scarab: no daemon is running on "), none.err());
        String nowhere = scarab.root.resolve("no/such/dir/s.sock").toString();
        same(false, now, "-S", nowhere, "--no-start", "ls", "--json");
        // attach needs a terminal, and checks its keys first.
        Result noTerminal = same(false, now, "attach", "x");
        assertEquals(1, noTerminal.status());
        assertTrue(noTerminal.err().contains("attach needs a terminal"), noTerminal.err());
        same(false, now, "--no-start", "a", "-r", "-d", "x");
        Result badKeys = same(false, now, "attach", "--detach-keys", "ctrl-", "x");
        assertEquals(2, badKeys.status(), badKeys.err());
        same(false, now, "attach", "--detach-keys=", "x");
        assertFalse(Files.exists(scarab.socket()), "nothing above started a daemon");
    }

    /** A stand-in daemon on its own socket that answers every hello with {@code answer}, or hangs up. */
    private static Thread refusingDaemon(ServerSocketChannel server, Response answer) {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    try (SocketChannel c = server.accept()) {
                        FrameReader in = new FrameReader(ChannelStreams.in(c));
                        FrameWriter out = new FrameWriter(ChannelStreams.out(c));
                        Frame hello = in.read();
                        if (hello != null && answer != null) {
                            out.write(Frame.control(Json.write(answer)));
                        }
                    }
                }
            } catch (IOException e) {
                // the test is over and closed the server socket
            }
        }, "refusing-daemon");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void aRefusedOrDroppedHelloReadsTheSame() throws Exception {
        java.nio.file.Path socket = scarab.root.resolve("other.sock");
        Response refusal = new Response.Error(1, "version-mismatch", "this daemon speaks protocol version 9; restart it");
        for (Response answer : java.util.Arrays.asList(refusal, new Response.Done(1), null)) {
            Files.deleteIfExists(socket);
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(socket));
                refusingDaemon(server, answer);
                Result r = same(false, Instant.now(), "-S", socket.toString(), "--no-start", "ls");
                assertEquals(1, r.status(), r.err());
                same(false, Instant.now(), "-S", socket.toString(), "--no-start", "ls", "--json");
                if (answer == refusal) {
                    assertEquals("scarab: this daemon speaks protocol version 9; restart it\n", r.err());
                } else if (answer == null) {
                    assertEquals("scarab: the daemon closed the connection (is it shutting down?)\n", r.err());
                } else {
                    assertTrue(r.err().startsWith("scarab: unexpected answer to hello from the daemon on "), r.err());
                }
            }
        }
    }

    @Test
    void usageMistakesAreStatusTwoAndReadTheSameBothWays() throws Exception {
        scarab.ok("new", "-d", "-c", "sleep 100000", "x");
        Instant now = Instant.now();
        Result both = same(false, now, "ls", "--json", "--names");
        assertEquals(2, both.status());
        assertEquals("scarab: --json and --names cannot be used together: choose one\n", both.err());
        assertEquals("", both.out());
        assertEquals(2, same(false, now, "ls", "--names", "--json").status());
        Result big = same(false, now, "new", "-d", "--size", "10000x10000", "big");
        assertEquals(2, big.status(), big.err());
        assertTrue(big.err().contains("columns and rows must be 1 to"), big.err());
        Result lines = same(false, now, "capture", "-S", "abc", "x");
        assertEquals(2, lines.status(), lines.err());
        assertTrue(lines.err().contains("-S wants a line number"), lines.err());
        for (String name : List.of(".", "..")) {
            Result made = same(false, now, "new", "-d", name);
            assertEquals(2, made.status(), made.err());
            assertTrue(made.err().contains("are not names"), made.err());
            Result renamed = same(false, now, "rename", "x", name);
            assertEquals(2, renamed.status(), renamed.err());
        }
        // failures that are not mistakes in what was asked stay status 1
        assertEquals(1, same(false, now, "send-keys", "nobody", "x").status());
        assertEquals(List.of("x"), scarab.ok("ls", "--names").lines().toList(), "nothing was created or renamed");
    }

    @Test
    void lsStartsTheDaemonLikeThePicocliPathDoes() throws Exception {
        assertFalse(Files.exists(scarab.socket()));
        Result first = scarab.run(Way.FAST, false, Clock.systemUTC(), "ls", "--json");
        assertEquals(0, first.status(), first.err());
        assertEquals("[ ]\n", first.out());
        assertTrue(scarab.daemonPid() > 0, "the fast path started a daemon");
        scarab.ok("new", "-d", "-c", "sleep 100000", "later");
        assertTrue(scarab.run(Way.FAST, false, Clock.systemUTC(), "ls", "--names").out().contains("later"));
    }

    /**
     * scarab --help and --version print what picocli prints, byte for byte, plain and (where
     * picocli would style it) styled, and start no daemon.
     */
    @Test
    void helpAndVersionAreWhatPicocliPrints() throws Exception {
        Instant now = Instant.now();
        for (String option : List.of("--version", "-V")) {
            Result version = same(false, now, option);
            assertEquals(0, version.status());
            assertEquals("scarab " + Version.get() + " (protocol " + Protocol.VERSION
                    + ")\nno daemon running\n", version.out());
        }
        for (String option : List.of("--help", "-h")) {
            Result help = same(false, now, option);
            assertEquals(0, help.status());
            assertTrue(help.out().startsWith("Usage: scarab "), help.out());
            assertTrue(help.out().contains("Commands:"), help.out());
            assertFalse(help.out().contains("\033["), help.out());
        }
        System.setProperty("picocli.ansi", "true");
        try {
            Result styled = same(false, now, "--help");
            assertTrue(styled.out().startsWith("Usage: \033[1mscarab\033["), styled.out());
        } finally {
            System.clearProperty("picocli.ansi");
        }
        assertFalse(Files.exists(scarab.socket()), "no daemon was started");
    }

    /**
     * daemon start and stop say the same both ways, and a stop returns only once the daemon's
     * process is gone and its lock free: a start right after must not find it still held.
     */
    @Test
    void daemonStartAndStopBothWays() throws Exception {
        Instant now = Instant.now();
        Result none = same(false, now, "daemon", "stop");
        assertEquals(1, none.status());
        assertEquals("scarab: no daemon is running on " + scarab.socket() + "\n", none.err());

        for (Way way : Way.values()) {
            Result started = scarab.run(way, false, Clock.systemUTC(), "daemon", "start");
            assertEquals(0, started.status(), started.err());
            assertEquals("daemon started on " + scarab.socket() + "\n", started.out());
            Result again = same(false, now, "daemon", "start");
            assertEquals("a daemon is already running on " + scarab.socket() + "\n", again.out());

            long pid = scarab.daemonPid();
            assertTrue(pid > 0);
            Result stopped = scarab.run(way, false, Clock.systemUTC(), "daemon", "stop");
            assertEquals(0, stopped.status(), stopped.err());
            assertEquals("", stopped.out() + stopped.err());
            assertTrue(exited(pid), way + ": the daemon's process has exited");
            assertFalse(Files.exists(scarab.socket()), way + ": its socket is removed");
            // A daemon removes its lock files when it stops; one left behind must at least be free.
            for (Path lockFile : List.of(scarab.root.resolve("run/scarab/scarab.sock.lock"),
                    scarab.root.resolve("data/scarab/sessions.db.lock"))) {
                if (Files.exists(lockFile)) {
                    try (var lock = java.nio.channels.FileChannel.open(lockFile, java.nio.file.StandardOpenOption.WRITE);
                            var held = lock.tryLock()) {
                        assertNotEquals(null, held, way + ": " + lockFile + " is free");
                    }
                }
            }
        }
    }

    /** Gone, or a zombie its parent (this JVM, which started it) has yet to reap. */
    private static boolean exited(long pid) throws IOException {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z");
        } catch (java.nio.file.NoSuchFileException e) {
            return true;
        }
    }

    @Test
    void everythingElseIsLeftToPicocli() throws Exception {
        List<List<String>> others = List.of(List.of(), List.of("--help", "-V"), List.of("-h", "ls"),
                List.of("-S", "x", "--version"), List.of("--help=x"), List.of("-hV"), List.of("ls", "--help"), List.of("ls", "-h"), List.of("ls", "--bogus"), List.of("ls", "x"),
                List.of("ls", "--json", "--json"), List.of("ls", "--names", "--names"), List.of("ls", "--json=true"),
                List.of("--json", "ls"), List.of("-S"), List.of("-S", "ls"), List.of("-S", "a", "-S", "b", "ls"),
                List.of("-Sa", "ls"), List.of("--socket="), List.of("--no-start", "--no-start", "ls"),
                List.of("--bogus", "ls"), List.of("@args", "ls"), List.of("ls", "@args"), List.of("attach", "a", "b"),
                List.of("attach", "-rd", "x"), List.of("attach", "-r", "-r"), List.of("attach", "--help"),
                List.of("attach", "--", "x"), List.of("attach", "-x"), List.of("attach", "--detach-keys"),
                List.of("attach", "--detach-keys", "-x"), List.of("daemon", "status"), List.of("daemon"),
                List.of("daemon", "stop", "--help"), List.of("daemon", "start", "x"), List.of("daemon", "--foreground"),
                List.of("daemon", "restart"), List.of("new", "-d", "-d", "x"), List.of("new", "-d", "x", "y"),
                List.of("new", "-d", "-c"), List.of("new", "-d", "-c", "-x", "x"), List.of("new", "-d", "--bogus=1", "x"),
                List.of("new", "-d", "-c=sh", "x"),
                List.of("new", "-d", "-e", "A=1", "--env", "B=2", "x"), List.of("new", "-d", "-C", "a", "-C", "b", "x"),
                List.of("new", "--help"), List.of("capture"), List.of("capture", "-S", "-1", "-S", "-2", "x"),
                List.of("capture", "-eJ", "x"), List.of("capture", "-S", "-e", "x"), List.of("capture", "-S-5", "x"),
                List.of("capture", "x", "y"),
                List.of("send-keys", "x"), List.of("send-keys", "-l", "-l", "x", "y"), List.of("send-keys", "--help"),
                List.of("send-keys", "x", "--", "-y"), List.of("send", "x", "-"), List.of("kill"),
                List.of("kill", "-f", "--force", "x"), List.of("kill", "-fx", "x"), List.of("kill", "-S", "s", "x"),
                List.of("rename", "a"), List.of("rename", "a", "b", "c"), List.of("rename", "-h"), List.of("detach"),
                List.of("detach", "a", "b"), List.of("wait", "-l", "x"), List.of("wait", "@args"),
                List.of("help", "ls"), List.of("completion", "bash"), List.of("__train"), List.of("LS"));
        for (List<String> args : others) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
            ClientContext ctx = new ClientContext(Map.copyOf(scarab.env), scarab.root, stream, stream, true);
            assertEquals(FastPath.NOT_SERVED, FastPath.run(ctx, args.toArray(String[]::new)), "fast path for " + args);
            assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing printed for " + args);
        }
        assertFalse(Files.exists(scarab.socket()), "and no daemon was started for any of them");
        // picocli still explains the mistakes itself.
        Result usage = scarab.run("ls", "--bogus");
        assertEquals(2, usage.status());
        assertTrue(usage.err().contains("--bogus"), usage.err());
        assertNotEquals("", scarab.run("ls", "--help").out());
    }

    private JsonNode session(String name) throws Exception {
        for (JsonNode s : Json.mapper().readTree(scarab.ok("ls", "--json"))) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no session " + name);
    }
}
