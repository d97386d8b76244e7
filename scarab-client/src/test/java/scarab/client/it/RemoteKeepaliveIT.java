package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A remote attach whose connection goes silent without ending: the stand-in for ssh is one process
 * (as ssh is) relaying to a {@link FlakyLink}, which is told to stop carrying anything either way.
 * With SCARAB_KEEPALIVE=4 the client pings after 4 s of silence and takes the connection for
 * dropped after 8 s more: it reconnects, redraws, and the keys typed into the silent link arrive once.
 */
class RemoteKeepaliveIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String RELAY = String.join("\n",
            "use strict; use IO::Socket::INET;",
            "my $s = IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => $ARGV[0]) or die \"connect: $!\\n\";",
            "$SIG{PIPE} = 'IGNORE';",
            "sub put { my ($fh, $b) = @_; while (length $b) { my $n = syswrite($fh, $b);"
                    + " return 0 unless $n; substr($b, 0, $n) = ''; } 1 }",
            "my ($in, $net) = (fileno(STDIN), fileno($s));",
            "while (1) {",
            "  my $r = ''; vec($r, $in, 1) = 1; vec($r, $net, 1) = 1;",
            "  next unless select($r, undef, undef, undef) > 0;",
            "  if (vec($r, $in, 1)) { my $n = sysread(STDIN, my $b, 65536); last unless $n; put($s, $b) or last; }",
            "  if (vec($r, $net, 1)) { my $n = sysread($s, my $b, 65536); last unless $n; put(\\*STDOUT, $b) or last; }",
            "}", "");
    private Scarab scarab;
    private FlakyLink link;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        String proxy = "exec java -XX:TieredStopAtLevel=1 -Xshare:auto -cp " + System.getProperty("java.class.path")
                + " scarab.client.Main proxy";
        link = new FlakyLink(List.of("bash", "-c", proxy), scarab.env, 20, System.nanoTime());
        Path relay = scarab.root.resolve("relay.pl");
        Files.writeString(relay, RELAY);
        Path ssh = scarab.root.resolve("one-process-ssh");
        Files.writeString(ssh, "#!/bin/sh\nexec perl " + relay + " " + link.port() + "\n");
        assertTrue(ssh.toFile().setExecutable(true));
        scarab.env.put("SCARAB_SSH", ssh.toString());
    }

    @AfterEach
    void stop() throws Exception {
        link.close();
        scarab.close();
    }

    @Test
    void aSilentConnectionIsDroppedAndReconnected() throws Exception {
        scarab.ok("new", "-d", "-e", "PS1=$ ", "-c", "/bin/sh", "work");
        Path out = scarab.root.resolve("typed");
        try (Tmux tmux = new Tmux(scarab.root)) {
            tmux.start(100, 30, "env -i " + scarab.envLine(false, Map.of("PS1", "outer$ ", "SCARAB_KEEPALIVE", "4"))
                    + " /bin/sh");
            tmux.awaitText(null, "outer$");
            tmux.type(null, "clear; " + scarab.clientCommand() + " attach far:work; echo client-ended", "Enter");
            RemoteChecks.awaitSame(scarab, tmux);
            tmux.type(null, "echo 1 >> " + out, "Enter");
            Scarab.waitFor("the first command", WAIT, () -> RemoteChecks.lines(out).size() == 1);

            // A quiet session over a working link: pings go out and are answered, nothing is dropped.
            int pings = link.upWrites.get();
            Scarab.waitFor("three pings while nobody types", WAIT, () -> link.upWrites.get() >= pings + 3);
            assertEquals(1, link.connections.get(), "a quiet but working connection is kept");

            link.stall();
            tmux.type(null, "echo 2 >> " + out, "Enter"); // into the silent link
            scarab.ok("send-keys", "work", "echo said-while-silent", "Enter");
            Scarab.waitFor("a new connection after the silence", WAIT, () -> link.connections.get() == 2);
            Scarab.waitFor(() -> "the second command: " + RemoteChecks.lines(out), WAIT, () -> RemoteChecks.lines(out).size() >= 2);
            tmux.type(null, "echo 3 >> " + out, "Enter");
            Scarab.waitFor(() -> "the third command: " + RemoteChecks.lines(out), WAIT, () -> RemoteChecks.lines(out).size() >= 3);
            RemoteChecks.awaitSame(scarab, tmux);
            assertTrue(tmux.screen(null).contains("said-while-silent"), tmux.screen(null));
            assertEquals(List.of("1", "2", "3"), RemoteChecks.lines(out), "each command once, in order");

            tmux.type(null, "C-b", "d");
            String end = tmux.await(null, "the client's end", WAIT, s -> s.contains("client-ended"));
            assertTrue(end.contains("[detached (from session work)]"), end);
        }
    }


}
