package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.protocol.Frame;
import scarab.protocol.FrameReader;
import scarab.protocol.Json;
import scarab.protocol.Request;
import scarab.protocol.Response;
import scarab.protocol.TerminalModes;

/**
 * The protocol of a terminal served by the daemon, seen on a real terminal: a tmux pane whose
 * process is offered as the client's pid, while the test speaks the protocol itself.
 */
class TerminalServedDirectlyIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private Scarab scarab;
    private Tmux tmux;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        tmux = new Tmux(scarab.root);
        // The pane plays a client's terminal, left in its ordinary (cooked) settings.
        tmux.start(77, 21, "exec sleep 100000");
    }

    @AfterEach
    void stop() throws Exception {
        tmux.close();
        scarab.close();
    }

    /**
     * Attached with size 0x0, the daemon takes the size from the terminal, puts it in raw mode and
     * draws at once, with no word from the client; the settings it reports are the terminal's
     * own. The detach keys typed on that terminal end the attach, and the terminal has its own
     * settings back before the client hears of it; a client that just goes away gets them back too.
     */
    @Test
    void theDaemonMakesTheTerminalRawDrawsAndPutsTheSettingsBack() throws Exception {
        scarab.ok("new", "-d", "-c", "sh -c 'echo DRAWN-ON-THE-PANE; exec sleep 100000'", "served");
        Scarab.waitFor("the session's output", WAIT, () -> scarab.ok("capture", "served").contains("DRAWN-ON-THE-PANE"));
        long panePid = tmux.panePid(null);
        String tty = tmux.paneTty(null);
        String before = Tmux.stty(tty, "-g");
        assertTrue(Tmux.stty(tty, "-a").contains(" icanon"), "the pane starts cooked: " + Tmux.stty(tty, "-a"));

        try (Client c = new Client()) {
            Response.Attached attached = c.attach(panePid);
            assertTrue(attached.direct(), "served through the pane's terminal");
            assertSameSettings(before, TerminalModes.decode(attached.terminalModes()));
            tmux.awaitText(null, "DRAWN-ON-THE-PANE"); // no resize was sent
            Scarab.waitFor("the session to take the terminal's size", WAIT, () -> scarab.ok("ls").contains("77x21"));
            String raw = Tmux.stty(tty, "-a");
            assertTrue(raw.contains("-icanon") && raw.contains("-echo ") && raw.contains("-isig"), raw);

            tmux.type(null, "C-a", "x");
            Frame next = c.reader.read();
            assertEquals(Frame.CONTROL, next.kind(), "no output frames for a terminal served directly");
            Response.Detached detached = assertInstanceOf(Response.Detached.class, Json.readResponseUnchecked(next.text()));
            assertEquals("requested", detached.reason());
            assertEquals(before, Tmux.stty(tty, "-g"), "settings back before the client is told");
        }
        Scarab.waitFor("no client left", WAIT, () -> scarab.ok("ls", "--json").contains("\"clients\" : 0"));

        try (Client c = new Client()) {
            assertTrue(c.attach(panePid).direct());
            Scarab.waitFor("raw mode", WAIT, () -> Tmux.stty(tty, "-a").contains("-icanon"));
        } // gone without a word, as a killed client
        Scarab.waitFor("the settings back after the client went away", WAIT, () -> before.equals(Tmux.stty(tty, "-g")));
        Scarab.waitFor("no client left", WAIT, () -> scarab.ok("ls", "--json").contains("\"clients\" : 0"));
    }

    /**
     * A terminal that stops taking output without hanging up (its reader stopped, as a stalled
     * connection) does not hold up the end of the attach: the farewell waits a grace period for
     * the last output, then goes without it, and the terminal gets its settings back.
     */
    @Test
    void aTerminalThatNeverDrainsDoesNotHoldUpTheDetach() throws Exception {
        scarab.ok("new", "-d", "-c", "sh -c 'read x; exec yes flood'", "served");
        long panePid = tmux.panePid(null);
        String tty = tmux.paneTty(null);
        String before = Tmux.stty(tty, "-g");
        long tmuxServer = Long.parseLong(tmux.tmux("display", "-p", "#{pid}").strip());
        java.util.concurrent.ExecutorService reading = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (Client c = new Client()) {
            assertTrue(c.attach(panePid).direct());
            assertEquals(0, new ProcessBuilder("kill", "-STOP", String.valueOf(tmuxServer)).start().waitFor());
            try {
                scarab.ok("send-keys", "served", "Enter");
                Scarab.waitFor("the flood", WAIT, () -> scarab.ok("capture", "served").contains("flood"));
                scarab.ok("detach", "served");
                java.util.concurrent.Future<Frame> next = reading.submit(c.reader::read);
                Frame frame = next.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
                Response.Detached detached = assertInstanceOf(Response.Detached.class,
                        Json.readResponseUnchecked(frame.text()));
                assertEquals("detached-by-command", detached.reason());
                assertEquals(before, Tmux.stty(tty, "-g"), "settings back though the terminal never drained");
            } finally {
                new ProcessBuilder("kill", "-CONT", String.valueOf(tmuxServer)).start().waitFor();
            }
        } finally {
            reading.shutdownNow();
        }
        scarab.ok("kill", "-f", "served");
    }

    /** {@code stty -g} prints the four flag words, then each control character, in hexadecimal. */
    private static void assertSameSettings(String sttyG, TerminalModes modes) {
        String[] f = sttyG.split(":");
        assertEquals(Long.parseLong(f[0], 16), modes.iflag(), "iflag");
        assertEquals(Long.parseLong(f[1], 16), modes.oflag(), "oflag");
        assertEquals(Long.parseLong(f[2], 16), modes.cflag(), "cflag");
        assertEquals(Long.parseLong(f[3], 16), modes.lflag(), "lflag");
        byte[] cc = modes.cc();
        for (int i = 4; i < f.length; i++) {
            assertEquals(Integer.parseInt(f[i], 16), cc[i - 4] & 0xff, "c_cc[" + (i - 4) + "]");
        }
    }

    /** The test speaking the protocol as a client whose terminal is the pane's. */
    private final class Client implements AutoCloseable {
        final RawConnection connection;
        final FrameReader reader;

        Client() throws Exception {
            connection = new RawConnection(scarab.socket());
            reader = connection.reader;
            connection.hello();
        }

        Response.Attached attach(long pid) throws Exception {
            connection.send(new Request.Attach(2, "served", false, false, 0, 0, null, pid, "ctrl-a,x"));
            return assertInstanceOf(Response.Attached.class, connection.next());
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }
}
