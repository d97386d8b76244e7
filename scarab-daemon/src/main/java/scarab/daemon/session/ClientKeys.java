package scarab.daemon.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import scarab.daemon.keys.KeyReader;
import scarab.daemon.keys.PromptEditor;
import scarab.daemon.view.Overlay;
import scarab.protocol.CommandSplitter;
import scarab.protocol.DetachKeys;
import scarab.protocol.command.Caller;
import scarab.protocol.command.ClientCommands;
import scarab.protocol.command.CommandLine;
import scarab.protocol.command.CommandSpec;
import scarab.protocol.command.CommandTable;
import scarab.protocol.command.Format;
import scarab.protocol.keys.KeyBindings;

/**
 * One client's keys, read by the daemon on both ways of attaching (its terminal read directly,
 * or its keys relayed in frames): tmux's key tables for this client. Plain typing goes to the
 * program at once ({@link KeyReader}); a key after the prefix runs its binding
 * ({@link KeyCommands#bindings}); a repeatable one lets more such keys follow without the prefix
 * for repeat-time. This client's own state lives here, as tmux keeps it on its client: the open
 * prompt ({@code command-prompt}, {@code confirm-before}), a message (a failed command's error,
 * shown for tmux's display-time or until a key), and the pane numbers of {@code display-panes}.
 * What is shown is published to the link as an {@link Overlay}, which makes the client composed
 * while it lasts (so it shows with the status line off, over the last row, and the program's
 * bytes stop going straight to the terminal until it goes).
 *
 * <p>The client commands (those of {@link ClientCommands}) run on the reading thread, at once, so
 * that keys typed right after {@code C-b ,} in the same read already go to the prompt; everything
 * else runs on {@link KeyCommands}' thread. {@link #typed} is called by one reading thread at a
 * time; the overlay state is guarded by this object's monitor (timers and command results come
 * from other threads), and the link is told outside it.
 */
final class ClientKeys implements KeyReader.Handler {
    /** tmux's {@code display-time}: how long a message stays. */
    static final long DISPLAY_MILLIS = 750;
    /** tmux's {@code display-panes-time}. */
    static final long DISPLAY_PANES_MILLIS = 1000;

    /** Where typed bytes and the detach keys go: the program of the pane shown, and the attachment. */
    interface Sink {
        void forward(byte[] bytes);

        void detach();

        /**
         * Whether the reading thread may wait (a connection thread) for the key commands typed
         * before; else (the poller) typing that follows them is handed to their thread.
         */
        boolean mayWait();
    }

    /**
     * A mode that takes every key while it is shown (the chooser, a command's output), as tmux's
     * pane modes do; kept per client here. Its keys come on the reading thread: it must not wait.
     */
    interface Mode {
        void key(String key);

        /** A command's error while the mode is shown: the mode shows it (else it would be lost). */
        default void message(String text) {}
    }

    /** An open prompt: its label, its editor, and what to do with the text (or the one key) it gets. */
    private record Prompt(String label, PromptEditor editor, boolean singleKey, Consumer<String> done) {}

    private final ClientLink link;
    private final KeyReader reader;
    private final DetachKeys detachKeys;
    private final boolean bindings;
    private final LongSupplier clock;
    /** The sink of the current {@link #typed} call (reading thread only). */
    private Sink sink;
    /** Reading thread only: keys of the prefix table that repeat need no prefix until then (nanoTime). */
    private long repeatUntil;
    private boolean repeating;

    // Guarded by this.
    private Prompt prompt;
    private Overlay shown;
    private Mode mode;
    private long generation;
    /** Tasks of this client queued on the key commands' thread and not done yet. */
    private int pending;

    ClientKeys(ClientLink link, DetachKeys detachKeys, boolean bindings, LongSupplier clock) {
        this.link = link;
        this.reader = new KeyReader(detachKeys);
        this.detachKeys = detachKeys;
        this.bindings = bindings;
        this.clock = clock;
    }

    /** What the client typed: read as tmux reads it, on the thread that read it. */
    void typed(byte[] data, int length, Sink to) {
        sink = to;
        try {
            reader.read(data, length, this);
        } finally {
            sink = null;
        }
    }

    // ---- KeyReader.Handler ----------------------------------------------------------------------

    @Override
    public boolean keysWanted() {
        if (repeating && clock.getAsLong() - repeatUntil >= 0) {
            repeating = false;
        }
        // The link's copy, read without the monitor: plain typing asks this for every byte.
        return repeating || link.overlay() != null;
    }

    /**
     * Typing goes to the program of the pane shown, after the commands of the keys typed before it
     * have run, as tmux runs a binding before it reads the next key: {@code C-b c} then typing goes
     * to the new window, {@code C-b Left} then typing to the pane on the left.
     */
    @Override
    public void forward(byte[] bytes) {
        Sink to = sink;
        if (to.mayWait()) {
            synchronized (this) {
                boolean interrupted = false;
                while (pending > 0) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        } else {
            synchronized (this) {
                if (pending > 0) {
                    pending++;
                    KeyCommands.after(() -> {
                        try {
                            to.forward(bytes);
                        } finally {
                            done();
                        }
                    });
                    return;
                }
            }
        }
        to.forward(bytes);
    }

    private synchronized void done() {
        pending--;
        notifyAll();
    }

    /** Queues a table command of this client; typing after it waits for it ({@link #forward}). */
    private void queue(List<String> argv) {
        synchronized (this) {
            pending++;
        }
        KeyCommands.run(argv, this::caller, this::message, this::done);
    }

    @Override
    public void detach() {
        sink.detach();
    }

    @Override
    public void prefixKey(String key) {
        if (!bindings) {
            // A read-only client's keys reach nobody; only its detach keys count.
            return;
        }
        KeyBindings.Binding b = KeyCommands.bindings().lookup(key);
        if (b == null) {
            return; // unbound keys after the prefix are dropped, as in tmux
        }
        repeating = b.repeat();
        repeatUntil = clock.getAsLong() + KeyCommands.repeatNanos();
        run(b.command());
    }

    @Override
    public boolean key(String key) {
        Prompt p;
        Overlay before;
        synchronized (this) {
            p = prompt;
            before = shown;
        }
        if (p != null) {
            promptKey(p, key);
            return true;
        }
        Mode m;
        synchronized (this) {
            m = mode;
        }
        if (m != null) {
            if (key.length() == 1 && key.charAt(0) == detachKeys.prefix()) {
                return false; // the prefix still works in a mode, as in tmux's: C-b d detaches
            }
            m.key(key);
            return true;
        }
        if (before != null) {
            // Any key ends a message or the pane numbers (tmux's status_message_clear and
            // overlay); the pane numbers take a digit as the pane to select.
            clear(before);
            if (before instanceof Overlay.PaneNumbers) {
                if (key.length() == 1 && key.charAt(0) >= '0' && key.charAt(0) <= '9') {
                    selectPane(key.charAt(0) - '0');
                    return true;
                }
            }
            return repeatKey(key);
        }
        return repeatKey(key);
    }

    /** In repeat mode a repeatable key runs again; any other key ends it and is read as usual. */
    private boolean repeatKey(String key) {
        if (!repeating) {
            return false;
        }
        KeyBindings.Binding b = KeyCommands.bindings().lookup(key);
        if (b == null || !b.repeat()) {
            repeating = false;
            return false;
        }
        repeatUntil = clock.getAsLong() + KeyCommands.repeatNanos();
        run(b.command());
        return true;
    }

    // ---- commands -------------------------------------------------------------------------------

    /** Runs a command line for this client: its own commands now, the table's on the key thread. */
    private void run(List<String> argv) {
        CommandTable table = ClientCommands.keyTable();
        CommandSpec spec;
        CommandLine line;
        try {
            spec = table.lookup(argv.get(0));
            line = CommandLine.parse(spec, argv.subList(1, argv.size()));
        } catch (CommandTable.UnknownCommand | CommandLine.UsageError e) {
            message(e.getMessage());
            return;
        }
        if (!ClientCommands.isClientCommand(spec)) {
            queue(argv);
            return;
        }
        switch (spec.name()) {
            case ClientCommands.COMMAND_PROMPT -> commandPrompt(line);
            case ClientCommands.CONFIRM_BEFORE -> confirmBefore(line);
            case ClientCommands.DISPLAY_PANES -> displayPanes(line);
            default -> throw new IllegalStateException(spec.name());
        }
    }

    /** The client's pane and session: what a command's target defaults to; and the client (switch-client acts on it). */
    private Caller caller() {
        Pane p = link.pane();
        return p == null ? Caller.NOBODY : new Caller(null, p.label(), p.session().id().full(), link.name());
    }

    /**
     * {@code command-prompt [-I inputs] [-p prompt] [template]}: with a template, what is typed
     * replaces {@code %%} (and {@code %1}) in each of its words, so it stays one word whatever it
     * holds; without, what is typed is the command line.
     */
    private void commandPrompt(CommandLine line) {
        String template = line.arg(0);
        String label;
        if (line.value('p') != null) {
            label = expand(line.value('p')) + " ";
        } else if (template != null) {
            List<String> words = split(template);
            label = "(" + (words.isEmpty() ? template : words.get(0)) + ") ";
        } else {
            label = ":";
        }
        String initial = line.value('I') == null ? "" : expand(line.value('I'));
        open(new Prompt(label, new PromptEditor(initial), false, typed -> {
            if (typed.isEmpty()) {
                return;
            }
            List<String> argv;
            if (template == null) {
                argv = split(typed);
            } else {
                argv = new ArrayList<>();
                for (String w : split(template)) {
                    argv.add(w.replace("%%", typed).replace("%1", typed));
                }
            }
            if (argv != null && !argv.isEmpty()) {
                run(argv);
            }
        }));
    }

    /** {@code confirm-before [-p prompt] command}: one key answers; only {@code y} runs it. */
    private void confirmBefore(CommandLine line) {
        String command = line.arg(0);
        String question = line.value('p') != null ? expand(line.value('p')) : "Confirm '" + command + "'? (y/n)";
        open(new Prompt(question + " ", new PromptEditor(""), true, key -> {
            if (key.equals("y")) {
                List<String> argv = split(command);
                if (argv != null && !argv.isEmpty()) {
                    run(argv);
                }
            }
        }));
    }

    /** {@code display-panes [-d duration]}: each pane's index until a key or the time is up. */
    private void displayPanes(CommandLine line) {
        long millis = DISPLAY_PANES_MILLIS;
        if (line.value('d') != null) {
            try {
                millis = Long.parseLong(line.value('d'));
            } catch (NumberFormatException e) {
                millis = -1;
            }
            if (millis < 0) {
                message("delay " + line.value('d') + " is invalid");
                return;
            }
        }
        show(new Overlay.PaneNumbers(), millis == 0 ? -1 : millis);
    }

    /** A digit typed over the pane numbers: that pane of the window becomes the active one. */
    private void selectPane(int index) {
        Pane shownPane = link.pane();
        Window w = shownPane == null ? null : shownPane.window();
        if (w == null) {
            return;
        }
        List<Pane> panes = w.panes();
        if (index < panes.size()) {
            queue(List.of("select-pane", "-t", panes.get(index).label()));
        }
    }

    /** Words of a command line as the CLI splits them; a line that cannot be split says so. */
    private List<String> split(String text) {
        try {
            return CommandSplitter.split(text);
        } catch (IllegalArgumentException e) {
            message(e.getMessage());
            return null;
        }
    }

    /** A format for the client's pane: {@code #W}, {@code #P}, {@code #{session_name}}, ... */
    private String expand(String format) {
        Pane p = link.pane();
        if (p == null) {
            return format;
        }
        Window w = p.window();
        return Format.expand(format, name -> switch (name) {
            case "session_name" -> p.session().meta().name();
            case "window_name" -> w == null ? "" : w.name();
            case "window_index" -> w == null ? "" : Integer.toString(w.index());
            case "window_id" -> w == null ? "" : w.label();
            case "pane_index" -> w == null ? "" : Integer.toString(w.indexOf(p));
            case "pane_id" -> p.label();
            default -> null;
        });
    }

    // ---- what is shown --------------------------------------------------------------------------

    private void promptKey(Prompt p, String key) {
        if (p.singleKey()) {
            close(p);
            p.done().accept(key);
            return;
        }
        switch (p.editor().key(key)) {
            case DONE -> {
                close(p);
                p.done().accept(p.editor().text());
            }
            case CANCELLED -> close(p);
            case EDITING -> publish(p);
        }
    }

    private void open(Prompt p) {
        synchronized (this) {
            prompt = p;
            generation++;
        }
        publish(p);
    }

    /** The prompt's line as shown: the label, then the text with the cursor in it. */
    private void publish(Prompt p) {
        Overlay line = new Overlay.Line(p.label() + p.editor().text(),
                p.label().codePointCount(0, p.label().length()) + (p.singleKey() ? 0 : p.editor().cursorIndex()));
        synchronized (this) {
            if (prompt != p) {
                return;
            }
            shown = line;
        }
        changed();
    }

    private void close(Prompt p) {
        synchronized (this) {
            if (prompt != p) {
                return;
            }
            prompt = null;
            shown = null;
            generation++;
        }
        changed();
    }

    /**
     * A command's error, shown as tmux shows it on an attached client (first line, first letter
     * capitalised) for display-time or until a key. Never over an open prompt.
     */
    void message(String error) {
        String first = error.strip().lines().findFirst().orElse("");
        if (first.isEmpty()) {
            return;
        }
        String text = first.substring(0, 1).toUpperCase(Locale.ROOT) + first.substring(1);
        Mode m;
        synchronized (this) {
            if (prompt != null) {
                return;
            }
            m = mode;
        }
        if (m != null) {
            m.message(text);
            return;
        }
        show(new Overlay.Line(text, -1), DISPLAY_MILLIS);
    }

    /** Shows an overlay until {@code millis} pass (-1: until a key) or a key is typed. */
    private void show(Overlay o, long millis) {
        long mine;
        synchronized (this) {
            if (prompt != null || mode != null) {
                return;
            }
            shown = o;
            mine = ++generation;
        }
        changed();
        if (millis > 0) {
            PictureScheduler.schedule(() -> expire(mine), TimeUnit.MILLISECONDS.toNanos(millis));
        }
    }

    /** Enters a mode showing {@code first}; an open prompt or a message goes. */
    void enterMode(Mode m, Overlay first) {
        synchronized (this) {
            prompt = null;
            mode = m;
            shown = first;
            generation++;
        }
        changed();
    }

    /** What the mode shows now: drawn again (the same overlay drawn again when its source changed). */
    void modeShows(Mode m, Overlay o) {
        synchronized (this) {
            if (mode != m) {
                return;
            }
            shown = o;
        }
        changed();
    }

    void leaveMode(Mode m) {
        synchronized (this) {
            if (mode != m) {
                return;
            }
            mode = null;
            shown = null;
            generation++;
        }
        changed();
    }

    private void expire(long which) {
        synchronized (this) {
            if (generation != which || prompt != null) {
                return;
            }
            shown = null;
        }
        changed();
    }

    private void clear(Overlay o) {
        synchronized (this) {
            if (shown != o || prompt != null) {
                return;
            }
            shown = null;
            generation++;
        }
        changed();
    }

    /** Tells the link what is shown now; outside this monitor, since the pane's lock is taken. */
    private void changed() {
        synchronized (this) {
            link.overlay(shown); // in order: the last change is the one the link keeps
        }
        Pane p = link.pane();
        if (p != null) {
            p.overlayChanged(link);
        }
    }
}
