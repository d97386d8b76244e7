package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.protocol.Json;

/**
 * Attach as a person does it: the real client runs in a tmux pane (the user's terminal), keys are
 * typed with send-keys and the screen is read with capture-pane. Run twice: with the daemon
 * serving the pane's terminal itself ({@link AttachE2EIT}, the default) and with output and keys
 * relayed through the client ({@link AttachRelayE2EIT}, {@code SCARAB_DIRECT=0}).
 */
abstract class AttachScenarios {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private Scarab scarab;
    private Tmux tmux;

    /** Whether the daemon should serve the client's terminal directly in this run. */
    abstract boolean direct();

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        tmux = new Tmux(scarab.root);
        // The user's terminal: a plain shell with a recognisable prompt.
        tmux.start(100, 30, "env -i " + envLine(Map.of("PS1", "outer$ ")) + " /bin/sh");
        tmux.awaitText(null, "outer$");
    }

    @AfterEach
    void stop() throws Exception {
        tmux.close();
        scarab.close();
    }

    /** The scarab command line the user types, with this test's private directories. */
    private String scarabCommand() {
        return scarab.clientCommand();
    }

    private String envLine(Map<String, String> extra) {
        return scarab.envLine(direct(), extra);
    }

    /** Types an attach command at the outer prompt; the outer shell is back after detach. */
    private void typeAttach(String target, String args) {
        tmux.type(target, "env " + envLine(Map.of()) + " " + scarabCommand() + " attach " + args, "Enter");
    }

    /** Replaces the outer shell with the client, so the pane's pid is the client's. */
    private void execAttach(String target, String args) {
        tmux.type(target, "exec env " + envLine(Map.of()) + " " + scarabCommand() + " attach " + args, "Enter");
    }

    private JsonNode session(String name) throws Exception {
        for (JsonNode s : Json.mapper().readTree(scarab.ok("ls", "--json"))) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no session " + name);
    }

    private void newShell(String name) {
        scarab.ok("new", "-d", "-e", "PS1=inner$ ", "-c", "/bin/sh", name);
    }

    @Test
    void typeSeeOutputDetachAndReattach() throws Exception {
        newShell("work");
        tmux.type(null, "clear", "Enter");
        typeAttach(null, "work");
        tmux.awaitText(null, "inner$");
        tmux.type(null, "echo hello-$((6*7))", "Enter");
        tmux.awaitText(null, "hello-42");
        assertEquals(1, session("work").get("clients").asInt());
        String paneTty = tmux.tmux("display", "-p", "-t", "main:0", "#{pane_tty}").strip();
        assertEquals(direct(), Faults.openFiles(scarab.daemonPid()).contains(paneTty),
                "the daemon has the pane's terminal " + paneTty + " open: " + Faults.openFiles(scarab.daemonPid()));

        tmux.type(null, "C-b", "d");
        String after = tmux.awaitText(null, "[detached (from session work)]");
        tmux.type(null, "echo back-$((1+1))", "Enter");
        tmux.awaitText(null, "back-2");
        assertTrue(tmux.screen(null).contains("outer$"), "the user's own shell is back:\n" + after);
        Scarab.waitFor("clients to reach 0", WAIT, () -> {
            try {
                return session("work").get("clients").asInt() == 0;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertFalse(session("work").get("lastAttachedAt").isNull(), "last attach time is recorded");

        tmux.type(null, "clear", "Enter");
        typeAttach(null, "work");
        tmux.awaitText(null, "hello-42");
    }

    /**
     * A second window brings the status line (status auto) on the client's last row, in tmux's
     * words; select-window switches what the attached client shows and where its keys go; with
     * one window again the status line goes and the program has the whole terminal.
     */
    @Test
    void windowsAreShownWithAStatusLineAndSwitched() throws Exception {
        newShell("work");
        tmux.type(null, "clear", "Enter");
        typeAttach(null, "work");
        tmux.awaitText(null, "inner$");
        tmux.type(null, "echo first-$((6*7))", "Enter");
        tmux.awaitText(null, "first-42");
        scarab.ok("new-window", "-t", "work", "-c", "/bin/sh");
        String screen = tmux.await(null, "the status line", WAIT,
                s -> s.lines().anyMatch(l -> l.startsWith("[work] 0:sh- 1:sh*")));
        assertFalse(screen.contains("first-42"), "window 1 is shown:\n" + screen);
        assertEquals("100 29\n", scarab.ok("display", "-p", "-t", "work:1", "#{pane_width} #{pane_height}"),
                "the status line takes a row from the window");
        tmux.type(null, "echo second-$((6*8))", "Enter");
        tmux.awaitText(null, "second-48");
        assertTrue(scarab.ok("capture", "work:1").contains("second-48"), "keys went to the window shown");

        scarab.ok("select-window", "-t", "work:0");
        screen = tmux.await(null, "window 0 again", WAIT,
                s -> s.contains("first-42") && s.lines().anyMatch(l -> l.startsWith("[work] 0:sh* 1:sh-")));
        assertFalse(screen.contains("second-48"), screen);
        tmux.type(null, "echo third-$((6*9))", "Enter");
        tmux.awaitText(null, "third-54");
        assertTrue(scarab.ok("capture", "work:0").contains("third-54"));

        scarab.ok("kill-window", "-t", "work:1");
        tmux.await(null, "no status line", WAIT, s -> s.lines().noneMatch(l -> l.startsWith("[work]")));
        Scarab.waitFor("the whole terminal again", WAIT,
                () -> scarab.ok("display", "-p", "-t", "work", "#{pane_height}").strip().equals("30"));
        tmux.type(null, "echo fourth-$((7*8))", "Enter");
        tmux.awaitText(null, "fourth-56");
    }

    /**
     * tmux's default prefix keys: C-b % splits left-right and the new pane takes the keys, C-b
     * arrows move between panes, C-b z zooms, C-b c makes a window, C-b n and C-b 0-9 select one;
     * the client's screen shows the panes with tmux's border between them.
     */
    @Test
    void prefixKeysSplitMoveZoomAndMakeWindows() throws Exception {
        newShell("keys");
        tmux.type(null, "clear", "Enter");
        typeAttach(null, "keys");
        tmux.awaitText(null, "inner$");
        tmux.type(null, "C-b", "%");
        Scarab.waitFor("two panes", WAIT, () -> scarab.ok("list-panes", "-t", "keys", "-F", "#{pane_id}").lines().count() == 2);
        String screen = tmux.await(null, "the border between the panes", WAIT,
                s -> s.lines().limit(5).allMatch(l -> l.length() > 50 && l.charAt(50) == '\u2502'));
        tmux.type(null, "echo right-$((6*7))", "Enter");
        tmux.awaitText(null, "right-42");
        Scarab.waitFor("typed into the new pane", WAIT, () -> scarab.ok("capture", "keys:0.1").contains("right-42"));
        assertFalse(scarab.ok("capture", "keys:0.0").contains("right-42"), screen);

        tmux.type(null, "C-b", "Left");
        Scarab.waitFor("the left pane active", WAIT,
                () -> scarab.ok("display", "-p", "-t", "keys", "#{pane_index}").equals("0\n"));
        tmux.type(null, "echo left-$((6*8))", "Enter");
        Scarab.waitFor("typed into the left pane", WAIT, () -> scarab.ok("capture", "keys:0.0").contains("left-48"));

        tmux.type(null, "C-b", "z");
        Scarab.waitFor("zoomed", WAIT, () -> scarab.ok("display", "-p", "-t", "keys", "#{window_zoomed_flag}").equals("1\n"));
        tmux.await(null, "the zoomed pane alone", WAIT, s -> !s.contains("right-42") && s.contains("left-48"));
        tmux.type(null, "C-b", "z");
        Scarab.waitFor("unzoomed", WAIT, () -> scarab.ok("display", "-p", "-t", "keys", "#{window_zoomed_flag}").equals("0\n"));

        tmux.type(null, "C-b", "c");
        tmux.await(null, "a second window on the status line", WAIT,
                s -> s.lines().anyMatch(l -> l.startsWith("[keys] 0:sh- 1:sh*")));
        tmux.type(null, "C-b", "n");
        tmux.await(null, "window 0 again", WAIT, s -> s.lines().anyMatch(l -> l.startsWith("[keys] 0:sh* 1:sh-")));
        tmux.type(null, "C-b", "1");
        tmux.await(null, "window 1", WAIT, s -> s.lines().anyMatch(l -> l.startsWith("[keys] 0:sh- 1:sh*")));
        tmux.type(null, "C-b", "d");
        tmux.awaitText(null, "[detached (from session keys)]");
    }

    @Test
    void newAttachesOnATerminalUnlessToldNotTo() throws Exception {
        tmux.type(null, "clear", "Enter");
        tmux.type(null, "env " + envLine(Map.of()) + " " + scarabCommand() + " new -e 'PS1=fresh$ ' -c /bin/sh fresh",
                "Enter");
        tmux.awaitText(null, "fresh$");
        tmux.type(null, "echo made-$((5*5))", "Enter");
        tmux.awaitText(null, "made-25");
        assertEquals(1, session("fresh").get("clients").asInt());
        tmux.type(null, "C-b", "d");
        tmux.awaitText(null, "[detached (from session fresh)]");
        Scarab.waitFor("clients to reach 0", WAIT, () -> {
            try {
                return session("fresh").get("clients").asInt() == 0;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertEquals("running", session("fresh").get("status").asText());

        // -d on a terminal: created in the background, its short id printed, the shell still ours.
        tmux.type(null, "clear", "Enter");
        tmux.type(null, "env " + envLine(Map.of()) + " " + scarabCommand() + " new -d -c 'sleep 100000' quiet; echo status-$?",
                "Enter");
        String screen = tmux.awaitText(null, "status-0");
        String id = session("quiet").get("id").asText().substring(0, 8);
        assertTrue(screen.contains(id), screen);
        assertEquals(0, session("quiet").get("clients").asInt());
    }

    @Test
    void reattachShowsTheIdenticalScreenWithColorsAndCursor() throws Exception {
        Path file = scarab.root.resolve("notes.txt");
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 60; i++) {
            text.append("line ").append(i).append(" of the notes, with some words to wrap around\n");
        }
        Files.writeString(file, text);
        scarab.ok("new", "-d", "--size", "100x30", "-c", "vim -u NONE -N -c 'syntax on' -c 'set number' " + file, "editor");
        typeAttach(null, "editor");
        tmux.awaitText(null, "line 20 of the notes");
        tmux.type(null, "10G", "o", "typed in vim", "Escape");
        tmux.awaitText(null, "typed in vim");
        // vim clears "-- INSERT --" only once its Escape timeout has passed: wait for the settled screen.
        tmux.await(null, "vim back in normal mode", WAIT, s -> !s.contains("-- INSERT --"));
        String before = tmux.screenWithEscapes(null);
        String cursorBefore = tmux.tmux("display", "-p", "-t", "main:0", "#{cursor_x},#{cursor_y}");

        tmux.type(null, "C-b", "d");
        tmux.awaitText(null, "[detached (from session editor)]");
        tmux.type(null, "clear", "Enter");
        tmux.await(null, "a clear screen", WAIT, s -> !s.contains("typed in vim"));
        typeAttach(null, "editor");
        tmux.awaitText(null, "typed in vim");
        String after = tmux.await(null, "the same screen", WAIT, s -> true);
        tmux.await(null, "the identical screen with escapes", WAIT, s -> tmux.screenWithEscapes(null).equals(before));
        assertEquals(cursorBefore, tmux.tmux("display", "-p", "-t", "main:0", "#{cursor_x},#{cursor_y}"), after);
    }

    @Test
    void resizingTheTerminalResizesTheSession() throws Exception {
        newShell("sized");
        typeAttach(null, "sized");
        tmux.awaitText(null, "inner$");
        tmux.type(null, "stty size", "Enter");
        tmux.awaitText(null, "30 100");
        tmux.resize(null, 90, 25);
        // The client reports the new size on SIGWINCH while keys travel on their own path: wait for
        // the size to land before asking for it, as a person would see the redraw first.
        Scarab.waitFor("ls to show 90x25", WAIT, () -> scarab.ok("ls").contains("90x25"));
        tmux.type(null, "clear; stty size", "Enter");
        tmux.awaitText(null, "25 90");
    }

    @Test
    void twoClientsSeeTheSameOutputAndReadOnlyCannotType() throws Exception {
        newShell("shared");
        typeAttach(null, "shared");
        tmux.awaitText(null, "inner$");
        tmux.newWindow("second", "env -i " + envLine(Map.of("PS1", "outer$ ")) + " /bin/sh");
        tmux.awaitText("main:second", "outer$");
        typeAttach("main:second", "-r shared");
        tmux.awaitText("main:second", "inner$");
        assertEquals(2, session("shared").get("clients").asInt());

        tmux.type(null, "echo from-first-$((2*3))", "Enter");
        tmux.awaitText(null, "from-first-6");
        tmux.awaitText("main:second", "from-first-6");

        tmux.type("main:second", "echo from-readonly", "Enter");
        tmux.type(null, "echo marker-$((3*3))", "Enter");
        tmux.awaitText("main:second", "marker-9");
        assertFalse(tmux.screen(null).contains("from-readonly"), "a read-only client's keys are ignored");
        tmux.type("main:second", "C-b", "d");
        tmux.awaitText("main:second", "[detached (from session shared)]");
    }

    /**
     * A program that asks its terminal for the cursor position and the device attributes gets one
     * answer to each, as it does with no client: Scarab's emulator answers, and the real terminal's
     * answers to the same queries (the output passed through it) are not typed into the session.
     */
    @Test
    void terminalQueriesAreAnsweredOnce() throws Exception {
        Path program = scarab.root.resolve("ask.py");
        Path answers = scarab.root.resolve("answers");
        // Raw mode, the two queries, then "asked": once the user's terminal shows "asked" it has
        // seen the queries and answered them; the Z typed after that ends the reading.
        Files.writeString(program, String.join("\n",
                "import os, sys, termios, tty",
                "old = termios.tcgetattr(0)",
                "tty.setraw(0)",
                "os.write(1, b'\\x1b[6n\\x1b[c')",
                "os.write(1, b'asked\\r\\n')",
                "got = b''",
                "while not got.endswith(b'Z'):",
                "    got += os.read(0, 100)",
                "termios.tcsetattr(0, termios.TCSADRAIN, old)",
                "open(sys.argv[1], 'wb').write(got)",
                "print('read-done')", ""));
        newShell("asking");
        typeAttach(null, "asking");
        tmux.awaitText(null, "inner$");
        tmux.type(null, "/usr/bin/python3 " + program + " " + answers, "Enter");
        tmux.awaitText(null, "asked");
        tmux.type(null, "Z");
        tmux.awaitText(null, "read-done");
        String got = Files.readString(answers, java.nio.charset.StandardCharsets.ISO_8859_1);
        String shown = got.replace("\033", "\\e");
        assertEquals(1, java.util.regex.Pattern.compile("\033\\[\\d+;\\d+R").matcher(got).results().count(),
                "one cursor position report: " + shown);
        assertEquals(1, got.split("\033\\[\\?1;2c", -1).length - 1, "one device attributes reply: " + shown);
        assertTrue(got.endsWith("Z"), shown);
    }

    /**
     * Two clients of different sizes (tmux windows A 100x30 and B 90x26) on one vim: B read-only
     * sees the session's screen cropped around the cursor (tmux's rule) and never changes the
     * session's size; once B types, the session takes B's size and A sees it padded.
     */
    @Test
    void clientsOfAnotherSizeSeeACorrectPicture() throws Exception {
        Path file = scarab.root.resolve("numbers.txt");
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 200; i++) {
            text.append("number ").append(i).append(" of two hundred, long enough to be cut at ninety columns by the"
                    + " narrower one\n");
        }
        Files.writeString(file, text);
        scarab.ok("new", "-d", "--size", "100x30", "-c", "vim -u NONE -N -c 'set number' -c 'set laststatus=2' -c"
                + " 'set ruler' " + file, "work");
        typeAttach(null, "work");
        tmux.awaitText(null, "number 20 of");
        tmux.type(null, "100G");
        tmux.awaitText(null, "100,1");
        tmux.newWindow("second", "env -i " + envLine(Map.of("PS1", "outer$ ")) + " /bin/sh");
        tmux.resize("main:second", 90, 26);
        tmux.awaitText("main:second", "outer$");
        tmux.type("main:second", "clear", "Enter");
        typeAttach("main:second", "-r work");
        awaitCrop("main:second", 90, 26);
        assertEquals("100x30", size("work"), "a read-only client does not resize");

        // The picture follows the screen.
        tmux.type(null, "o", "typed by A", "Escape");
        tmux.awaitText("main:second", "typed by A");
        awaitCrop("main:second", 90, 26);
        tmux.type(null, "G");
        tmux.awaitText(null, "201,1"); // 200 lines and the one A typed
        awaitCrop("main:second", 90, 26);
        tmux.resize("main:second", 80, 20);
        awaitCrop("main:second", 80, 20);
        assertEquals("100x30", size("work"), "a read-only client's resize does not resize");

        // B attached to type: the most recently active client sets the size; A sees it padded.
        tmux.type("main:second", "C-b", "d");
        tmux.awaitText("main:second", "[detached (from session work)]");
        tmux.type("main:second", "clear", "Enter");
        typeAttach("main:second", "work");
        tmux.type("main:second", "gg");
        Scarab.waitFor("the session to take B's size", WAIT, () -> {
            try {
                return size("work").equals("80x20");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        tmux.awaitText("main:second", "1,1");
        awaitCrop(null, 100, 30);
        tmux.type(null, "G");
        Scarab.waitFor("the session to take A's size again", WAIT, () -> {
            try {
                return size("work").equals("100x30");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        awaitCrop("main:second", 80, 20);
    }

    /**
     * Waits until a pane of {@code cols}x{@code rows} shows the session's own screen ({@code scarab
     * capture}) cropped to its size around the cursor as tmux does, or padded with blanks.
     */
    private void awaitCrop(String target, int cols, int rows) throws Exception {
        String[] expected = new String[1];
        tmux.await(target, "the session's screen cropped to " + cols + "x" + rows, WAIT, shown -> {
            JsonNode s;
            try {
                s = session("work");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            int sessionCols = s.get("cols").asInt();
            int sessionRows = s.get("rows").asInt();
            java.util.List<String> screen = java.util.Arrays.asList(scarab.ok("capture", "work").split("\n", -1));
            // The session's cursor: where the client of its own size shows it.
            String sameSize = target == null ? "main:second" : "main:0";
            String[] cursor = tmux.tmux("display", "-p", "-t", sameSize, "#{cursor_x},#{cursor_y}").strip().split(",");
            int ox = offset(Integer.parseInt(cursor[0]), sessionCols, cols);
            int oy = offset(Integer.parseInt(cursor[1]), sessionRows, rows);
            StringBuilder want = new StringBuilder();
            for (int y = 0; y < rows; y++) {
                String line = oy + y < sessionRows && oy + y < screen.size() ? screen.get(oy + y) : "";
                want.append(line.substring(Math.min(ox, line.length()), Math.min(ox + cols, line.length())).stripTrailing())
                        .append("\n");
            }
            expected[0] = want.toString();
            return shown.equals(expected[0]);
        });
    }

    private String size(String name) throws Exception {
        JsonNode s = session(name);
        return s.get("cols").asInt() + "x" + s.get("rows").asInt();
    }

    /** tmux 3.3a's tty_window_offset: the first row (column) a smaller client shows. */
    private static int offset(int cursor, int size, int shown) {
        if (size <= shown || cursor < shown) {
            return 0;
        }
        return cursor > size - shown ? size - shown : cursor - shown / 2;
    }

    /** kill -f of an attached session tells its client the session was killed, with status 1. */
    @Test
    void killingAnAttachedSessionSaysSo() throws Exception {
        newShell("victim");
        tmux.type(null, "clear", "Enter");
        tmux.type(null, "env " + envLine(Map.of()) + " " + scarabCommand() + " attach victim; echo status-$?", "Enter");
        tmux.awaitText(null, "inner$");
        scarab.ok("kill", "-f", "victim");
        String screen = tmux.await(null, "the attach's status", Duration.ofSeconds(60),
                s -> s.matches("(?s).*status-[0-9].*"));
        assertTrue(screen.contains("[killed: victim]"), screen);
        assertTrue(screen.contains("status-1"), screen);
        assertFalse(screen.contains("detached"), screen);
    }

    /**
     * A 3 MB paste into a program that reads 4 KB every 10 ms arrives whole and in order: the
     * client's terminal is read only as fast as the program takes its input, as a real terminal is.
     */
    @Test
    void aLargePasteIntoASlowReaderArrivesWhole() throws Exception {
        int size = 3 << 20;
        byte[] paste = new byte[size];
        java.util.Random random = new java.util.Random(42);
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?-+=/";
        for (int i = 0; i < size - 1; i++) {
            paste[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
        }
        paste[size - 1] = '~'; // the end: bytes lost on the way would not keep the program waiting
        Path pasteFile = scarab.root.resolve("paste");
        Files.write(pasteFile, paste);
        String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(paste));
        Path program = scarab.root.resolve("slow.py");
        Path result = scarab.root.resolve("slow-result");
        Files.writeString(program, String.join("\n",
                "import hashlib, os, sys, termios, time, tty",
                "old = termios.tcgetattr(0)",
                "tty.setraw(0)",
                "os.write(1, b'ready\\r\\n')",
                "digest = hashlib.sha256()",
                "data = b''",
                "while not data.endswith(b'~'):",
                "    data = os.read(0, 4096)",
                "    digest.update(data)",
                "    time.sleep(0.01)",
                "termios.tcsetattr(0, termios.TCSADRAIN, old)",
                "open(sys.argv[1], 'w').write(digest.hexdigest())",
                "print('all-read')", ""));
        newShell("slow");
        typeAttach(null, "slow");
        tmux.awaitText(null, "inner$");
        tmux.type(null, "/usr/bin/python3 " + program + " " + result, "Enter");
        tmux.awaitText(null, "ready");
        tmux.tmux("load-buffer", pasteFile.toString());
        tmux.tmux("paste-buffer", "-t", "main:0");
        tmux.await(null, "the program to read 3 MB", Duration.ofSeconds(180), s -> s.contains("all-read"));
        assertEquals(expected, Files.readString(result), "the paste arrived whole and in order");
    }

    @Test
    void killedClientLeavesTheSessionRunning() throws Exception {
        newShell("survivor");
        execAttach(null, "survivor");
        tmux.awaitText(null, "inner$");
        Scarab.waitFor("one client", WAIT, () -> scarab.ok("ls", "--json").contains("\"clients\" : 1"));
        long client = tmux.panePid(null);
        ProcessHandle.of(client).orElseThrow().destroyForcibly();
        Scarab.waitFor("the client count to drop to 0", WAIT, () -> scarab.ok("ls", "--json").contains("\"clients\" : 0"));
        assertEquals("running", session("survivor").get("status").asText());
    }

    @Test
    void aFailedAttachLeavesTheTerminalAsItWas() throws Exception {
        scarab.ok("daemon", "start");
        typeAttach(null, "nosuch");
        tmux.awaitText(null, "scarab: no session named \"nosuch\"");
        // Echo and Enter work: the terminal is back in cooked mode.
        tmux.type(null, "echo typed-$((5*5))", "Enter");
        tmux.awaitText(null, "typed-25");
    }

    @Test
    void attachingASessionFromInsideItselfIsRefused() throws Exception {
        newShell("nest");
        typeAttach(null, "nest");
        tmux.awaitText(null, "inner$");
        // The daemon sets SCARAB_SESSION and SCARAB_SESSION_ID in the session's environment.
        tmux.type(null, scarabCommand() + " attach nest", "Enter");
        tmux.awaitText(null, "from inside itself");
        tmux.type(null, "echo still-$((2+2))", "Enter");
        tmux.awaitText(null, "still-4");
        tmux.type(null, "C-b", "d");
        tmux.awaitText(null, "[detached (from session nest)]");
    }

    /**
     * With SCARAB_SESSION and SCARAB_SESSION_ID unset the client cannot know it runs inside the
     * session: the daemon sees that its terminal is the session's own and refuses.
     */
    @Test
    void attachingASessionFromItsOwnTerminalIsRefused() throws Exception {
        newShell("loop");
        typeAttach(null, "loop");
        tmux.awaitText(null, "inner$");
        tmux.type(null, "clear; env -u SCARAB_SESSION -u SCARAB_SESSION_ID " + scarabCommand() + " attach loop;"
                + " echo status-$?", "Enter");
        // "status-" alone is on the typed line already: wait for the status itself.
        String screen = tmux.await(null, "the attach's status", Duration.ofSeconds(60),
                s -> s.matches("(?s).*status-[0-9].*"));
        assertTrue(screen.contains("from its own terminal"), screen);
        assertTrue(screen.contains("status-1"), screen);
        tmux.type(null, "echo still-$((3+4))", "Enter");
        tmux.awaitText(null, "still-7");
        assertEquals(1, session("loop").get("clients").asInt());
    }

    @Test
    void sessionExitEndsTheAttachWithItsStatus() throws Exception {
        newShell("brief");
        typeAttach(null, "brief");
        tmux.awaitText(null, "inner$");
        tmux.type(null, "exit 4", "Enter");
        tmux.awaitText(null, "[exited: brief, status 4]");
    }

    @Test
    void stoppedClientDoesNotDelayTheSession() throws Exception {
        newShell("busy");
        execAttach(null, "busy");
        tmux.awaitText(null, "inner$");
        long client = tmux.panePid(null);
        Process stop = new ProcessBuilder("kill", "-STOP", String.valueOf(client)).start();
        assertEquals(0, stop.waitFor());
        try {
            // 50 MB of output while the client cannot read; then a marker file proves completion.
            Path done = scarab.root.resolve("done");
            scarab.ok("send-keys", "busy", "head -c 50000000 /dev/zero | tr '\\0' x; echo; echo finished > " + done
                    + "; clear; echo all-done", "Enter");
            Scarab.waitFor("the session to finish 50 MB", Duration.ofSeconds(120), () -> Files.exists(done));
        } finally {
            new ProcessBuilder("kill", "-CONT", String.valueOf(client)).start().waitFor();
        }
        tmux.await(null, "the final screen", Duration.ofSeconds(60), s -> s.contains("all-done") && !s.contains("xxxxxxxx"));
    }

    /**
     * A terminal that stops taking output (its emulator hangs: here the whole tmux server is
     * stopped) must not slow the session either; once it drains it shows the final screen.
     */
    @Test
    void frozenTerminalDoesNotDelayTheSession() throws Exception {
        newShell("flood");
        execAttach(null, "flood");
        tmux.awaitText(null, "inner$");
        long server = Long.parseLong(tmux.tmux("display", "-p", "#{pid}").strip());
        Path done = scarab.root.resolve("flood-done");
        assertEquals(0, new ProcessBuilder("kill", "-STOP", String.valueOf(server)).start().waitFor());
        try {
            // No tmux commands while its server is stopped: they would wait for it.
            scarab.ok("send-keys", "flood", "head -c 50000000 /dev/zero | tr '\\0' y; echo; echo finished > " + done
                    + "; clear; echo flood-over", "Enter");
            Scarab.waitFor("the session to finish 50 MB", Duration.ofSeconds(120), () -> Files.exists(done));
        } finally {
            new ProcessBuilder("kill", "-CONT", String.valueOf(server)).start().waitFor();
        }
        tmux.await(null, "the final screen", Duration.ofSeconds(60), s -> s.contains("flood-over") && !s.contains("yyyyyyyy"));
        tmux.type(null, "echo still-typing-$((4*4))", "Enter");
        tmux.awaitText(null, "still-typing-16");
    }

    /** Closing the terminal window the client runs in detaches it; the session goes on. */
    @Test
    void closingTheClientsWindowDetachesIt() throws Exception {
        newShell("window");
        tmux.newWindow("second", "env -i " + envLine(Map.of("PS1", "outer$ ")) + " /bin/sh");
        tmux.awaitText("main:second", "outer$");
        execAttach("main:second", "window");
        tmux.awaitText("main:second", "inner$");
        Scarab.waitFor("one client", WAIT, () -> scarab.ok("ls", "--json").contains("\"clients\" : 1"));
        tmux.tmux("kill-window", "-t", "main:second");
        Scarab.waitFor("the client count to drop to 0", WAIT, () -> scarab.ok("ls", "--json").contains("\"clients\" : 0"));
        assertEquals("running", session("window").get("status").asText());
        scarab.ok("send-keys", "window", "echo alive-$((3*5))", "Enter");
        Scarab.waitFor("the session to answer", WAIT, () -> scarab.ok("capture", "window").contains("alive-15"));
    }
}
