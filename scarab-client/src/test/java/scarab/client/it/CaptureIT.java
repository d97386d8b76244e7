package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.protocol.CapturedPiece;
import scarab.protocol.Frame;
import scarab.protocol.Json;
import scarab.protocol.Request;
import scarab.protocol.Response;

/**
 * Emulation through the whole product, the way it is checked: bytes replayed in a real session
 * ({@code stty -echo; cat FILE; sleep}) and {@code scarab capture} compared with tmux's
 * {@code capture-pane} on the same bytes; send-keys driving vim; the title in ls.
 */
class CaptureIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private Scarab scarab;
    private Tmux tmux;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        tmux = new Tmux(scarab.root);
    }

    @AfterEach
    void stop() throws Exception {
        tmux.close();
        scarab.close();
    }

    private static final String DONE = "\\030\\033]2;replay-done\\033\\\\";

    /** Replays FILE in tmux and in a scarab session of the same size; returns {tmux, scarab} captures. */
    private String[] replay(Path file, int cols, int rows, String... captureFlags) throws Exception {
        String command = "stty -echo; cat '" + file + "'; printf '" + DONE + "'; sleep 100000";
        tmux.start(cols, rows, command);
        tmux.await(null, "tmux to replay", WAIT, s -> tmux.tmux("display", "-p", "#{pane_title}").strip().equals("replay-done"));
        scarab.ok("new", "-d", "--size", cols + "x" + rows, "-c", "sh -c \"" + command.replace("\"", "\\\"") + "\"", "replay");
        Scarab.waitFor("scarab to replay", WAIT, () -> scarab.ok("ls", "--json").contains("\"title\" : \"replay-done\""));
        java.util.List<String> tmuxArgs = new java.util.ArrayList<>(List.of("capture-pane", "-p", "-t", "main:0"));
        tmuxArgs.addAll(List.of(captureFlags));
        java.util.List<String> scarabArgs = new java.util.ArrayList<>(List.of("capture"));
        scarabArgs.addAll(List.of(captureFlags));
        scarabArgs.add("replay");
        return new String[] {tmux.tmux(tmuxArgs.toArray(String[]::new)), scarab.ok(scarabArgs.toArray(String[]::new))};
    }

    private Path corpus(String name) throws Exception {
        Path source = Path.of("..", "scarab-daemon", "src", "test", "resources", "vt-corpus", name).toAbsolutePath().normalize();
        Path copy = scarab.root.resolve(name);
        Files.copy(source, copy);
        return copy;
    }

    @Test
    void vimRecordingCapturesLikeTmux() throws Exception {
        String[] both = replay(corpus("vim-edit.100x30.bytes"), 100, 30);
        assertEquals(both[0], both[1]);
    }

    @Test
    void scrollingHistoryCapturesLikeTmux() throws Exception {
        String[] both = replay(corpus("ls-color.60x15.bytes"), 60, 15, "-S", "-");
        assertEquals(both[0], both[1]);
        assertTrue(both[1].lines().count() > 100, "history is included");
    }

    @Test
    void joinedAndPartialCapturesLikeTmux() throws Exception {
        Path file = scarab.root.resolve("wrap.txt");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            b.append("a long line number ").append(i).append(" that wraps at twenty columns\n");
        }
        Files.writeString(file, b);
        String[] joined = replay(file, 20, 6, "-J", "-S", "-10", "-E", "2");
        assertEquals(joined[0], joined[1]);
    }

    /**
     * A coloured history of about 1.5 MB with {@code -e -S -}: the same bytes as tmux's, though the
     * daemon sends it in many pieces (a raw connection sees them: all but the last with more, each
     * within {@link CapturedPiece#BYTES}, their lines in order the client's output).
     */
    @Test
    void aCaptureOfManyPiecesArrivesWholeInOrderAndLikeTmux() throws Exception {
        Path file = scarab.root.resolve("colours.txt");
        java.util.Random random = new java.util.Random(5);
        StringBuilder b = new StringBuilder();
        String[] words = {"alpha", "\u00e9t\u00e9", "\u4e2d\u6587", "\"quoted\"", "back\\slash", "tab\tstop", "end"};
        for (int i = 0; i < 8000; i++) {
            b.append(String.format("%05d ", i));
            for (int w = random.nextInt(16); w > 0; w--) {
                switch (random.nextInt(6)) {
                    case 0 -> b.append("\033[3").append(random.nextInt(8)).append('m');
                    case 1 -> b.append("\033[38;5;").append(random.nextInt(256)).append('m');
                    case 2 -> b.append("\033[48;2;").append(random.nextInt(256)).append(';').append(random.nextInt(256))
                            .append(';').append(random.nextInt(256)).append('m');
                    case 3 -> b.append("\033[").append(1 + random.nextInt(9)).append('m');
                    case 4 -> b.append("\033[0m");
                    default -> b.append("\033[9").append(random.nextInt(8)).append('m');
                }
                b.append(words[random.nextInt(words.length)]).append(' ');
            }
            b.append("\033[0m\n");
        }
        Files.writeString(file, b);
        String[] both = replay(file, 200, 50, "-e", "-S", "-");
        assertEquals(both[0], both[1]);
        assertTrue(both[1].length() > 15 * CapturedPiece.BYTES, "far larger than a piece: " + both[1].length());

        try (RawConnection raw = new RawConnection(scarab.socket())) {
            raw.hello();
            raw.send(new Request.Capture(2, "replay", true, "-", null, false));
            StringBuilder lines = new StringBuilder();
            int pieces = 0;
            while (true) {
                Frame frame = raw.reader.read();
                assertEquals(Frame.CONTROL, frame.kind(), "one frame each");
                assertTrue(frame.payload().length <= CapturedPiece.BYTES, "a piece of " + frame.payload().length + " bytes");
                Response.Captured piece = assertInstanceOf(Response.Captured.class, Json.readResponseUnchecked(frame.text()));
                pieces++;
                for (String line : piece.lines()) {
                    lines.append(line).append('\n');
                }
                if (!piece.more()) {
                    break;
                }
            }
            assertTrue(pieces > 15, pieces + " pieces");
            assertEquals(both[1], lines.toString());
        }
    }

    @Test
    void sendKeysDrivesVimAndTheTitleShowsInLs() throws Exception {
        Path file = scarab.root.resolve("notes.txt");
        scarab.ok("new", "-d", "--size", "80x24", "-c", "vim -u NONE -N -c 'set title' -c 'set titlestring=editing-notes' "
                + file, "editor");
        Scarab.waitFor("vim to start", WAIT, () -> scarab.ok("capture", "editor").contains("~"));
        scarab.ok("send-keys", "editor", "i", "hello from send-keys", "Escape", ":w", "Enter");
        Scarab.waitFor("the text in vim", WAIT, () -> scarab.ok("capture", "editor").contains("hello from send-keys"));
        Scarab.waitFor("the file written", WAIT, () -> Files.exists(file));
        assertEquals("hello from send-keys\n", Files.readString(file));
        Scarab.waitFor("the title in ls", WAIT, () -> scarab.ok("ls").contains("editing-notes"));
        assertTrue(scarab.ok("ls").lines().findFirst().orElseThrow().contains("TITLE"));
        scarab.ok("send-keys", "editor", ":q", "Enter");
        assertEquals(0, scarab.run("wait", "editor").status());
    }
}
