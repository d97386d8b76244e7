package scarab.daemon.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.daemon.view.Overlay;
import scarab.protocol.DetachKeys;
import scarab.protocol.Response;
import scarab.protocol.keys.KeyBindings;

/**
 * One client's keys with a clock the test turns: repeat-time, the prompts and messages, and what
 * reaches the program. Commands are recorded instead of run; a link that shows no pane stands for
 * the client.
 */
class ClientKeysTest {
    private static final long MS = 1_000_000L;
    private final AtomicLong clock = new AtomicLong(1_000 * MS);
    private final List<List<String>> commands = new CopyOnWriteArrayList<>();
    private final StringBuilder program = new StringBuilder();
    private volatile String failWith;
    private FrameLink link;
    private ClientKeys keys;

    private final ClientKeys.Sink sink = new ClientKeys.Sink() {
        @Override
        public void forward(byte[] bytes) {
            program.append(new String(bytes, StandardCharsets.ISO_8859_1));
        }

        @Override
        public void detach() {
            program.append("<detach>");
        }

        @Override
        public boolean mayWait() {
            return true; // typing waits for the commands before it: the order is the one typed
        }
    };

    @BeforeEach
    void start() {
        KeyCommands.configure(KeyBindings.standard(), KeyCommands.DEFAULT_REPEAT_TIME);
        KeyCommands.runner((argv, caller) -> {
            commands.add(argv);
            return failWith;
        });
        DetachKeys detach = DetachKeys.parse("ctrl-b,d");
        link = new FrameLink(null, new FrameLink.Socket() {
            @Override
            public void output(byte[] data, int off, int len) {}

            @Override
            public void control(Response message) {}

            @Override
            public void close() {}
        }, false, 80, 24, detach);
        keys = new ClientKeys(link, detach, true, clock::get);
    }

    @AfterEach
    void stop() {
        KeyCommands.runner(null);
    }

    private void type(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        keys.typed(b, b.length, sink);
    }

    /** Types a key that reaches the program, so every command typed before it has run. */
    private void settle() {
        int before = program.length();
        type("!");
        assertEquals('!', program.charAt(before));
        program.setLength(before);
    }

    @Test
    void arrowsRepeatWithinRepeatTimeOnly() {
        type("\u0002\033[D");
        clock.addAndGet(400 * MS);
        type("\033[D");
        clock.addAndGet(499 * MS);
        type("\033OD"); // application cursor mode
        clock.addAndGet(500 * MS);
        type("\033[D");
        settle();
        assertEquals(List.of(List.of("select-pane", "-L"), List.of("select-pane", "-L"), List.of("select-pane", "-L")),
                commands);
        assertEquals("\033[D", program.toString(), "after repeat-time the arrow is the program's");
    }

    @Test
    void anotherKeyEndsTheRepeatAndIsTyped() {
        type("\u0002\033[1;5Ax\033[1;5A");
        settle();
        assertEquals(List.of(List.of("resize-pane", "-U")), commands);
        assertEquals("x\033[1;5A", program.toString());
        commands.clear();
        program.setLength(0);
        type("\u0002c\033[A");
        settle();
        assertEquals(List.of(List.of("new-window")), commands, "c does not repeat");
        assertEquals("\033[A", program.toString());
    }

    @Test
    void theCommandPromptRunsWhatIsTyped() {
        type("\u0002:split-window -hx");
        assertEquals(new Overlay.Line(":split-window -hx", 17), link.overlay());
        type("\177\r");
        settle();
        assertEquals(List.of(List.of("split-window", "-h")), commands);
        assertNull(link.overlay());
        assertEquals("", program.toString(), "nothing typed in the prompt reached the program");
    }

    @Test
    void aTemplateTakesWhatIsTypedAsOneWord() {
        type("\u0002'");
        assertEquals(new Overlay.Line("index ", 6), link.overlay());
        type("my window\r");
        settle();
        assertEquals(List.of(List.of("select-window", "-t", ":my window")), commands);
    }

    @Test
    void onlyYConfirms() {
        type("\u0002x");
        assertEquals("kill-pane #P? (y/n) ", ((Overlay.Line) link.overlay()).text(), "no pane to name here");
        type("n");
        assertNull(link.overlay());
        type("\u0002xY\u0002&\033");
        settle();
        assertEquals(List.of(), commands);
        type("\u0002xy");
        settle();
        assertEquals(List.of(List.of("kill-pane")), commands);
        assertEquals("", program.toString());
    }

    @Test
    void escapeCancelsAndAFailureIsShownUntilAKey() throws InterruptedException {
        type("\u0002:no-such\033");
        assertNull(link.overlay());
        failWith = "can't find window: 9\n";
        type("\u0002:select-window -t 9\r");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (link.overlay() == null && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertEquals(new Overlay.Line("Can't find window: 9", -1), link.overlay());
        type("a");
        assertNull(link.overlay(), "a key clears the message");
        assertEquals("a", program.toString(), "and is typed");
        failWith = null;
        type("\u0002:nope\r");
        assertEquals(new Overlay.Line("Unknown command: nope", -1), link.overlay());
    }

    @Test
    void unboundKeysAreDroppedAndTheDetachKeysDetach() {
        type("a\u0002Xb\u0002\u0002c\u0002d");
        assertEquals("ab\u0002c<detach>", program.toString());
        assertEquals(List.of(), commands);
    }

    @Test
    void repeatTimeIsConfigured() {
        KeyCommands.configure(KeyBindings.standard().bind("R", "-r resize-pane -R 2"), Duration.ofMillis(100));
        type("\u0002R");
        clock.addAndGet(99 * MS);
        type("R");
        clock.addAndGet(100 * MS);
        type("R");
        settle();
        assertEquals(2, commands.size());
        assertEquals("R", program.toString());
        KeyCommands.configure(KeyBindings.standard(), KeyCommands.DEFAULT_REPEAT_TIME);
    }
}
