package scarab.daemon.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import scarab.daemon.keys.KeyReader;
import scarab.daemon.keys.MouseReport;
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

    /**
     * An open prompt: its label, its editor, and what to do with the text (or the one key) it gets;
     * a numeric one (tmux's {@code -N}) takes digits and ends at any other key, which is then read
     * as usual; {@code changed}, if not null, hears every change (tmux's {@code -i}).
     */
    private record Prompt(String label, PromptEditor editor, boolean singleKey, Consumer<String> done,
                          boolean numeric, Consumer<String> changed) {
        Prompt(String label, PromptEditor editor, boolean singleKey, Consumer<String> done) {
            this(label, editor, singleKey, done, false, null);
        }
    }

    private final ClientLink link;
    private final KeyReader reader;
    private final DetachKeys detachKeys;
    private final boolean bindings;
    private final LongSupplier clock;
    /** Copy mode on this client: its keys while it is on. */
    private final CopyModeClient copy;
    private final ClientMouse mouse;
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
    /** Typing the poller read that is queued on the key commands' thread and not read yet. */
    private int typingQueued;

    ClientKeys(ClientLink link, DetachKeys detachKeys, boolean bindings, LongSupplier clock) {
        this.link = link;
        this.reader = new KeyReader(detachKeys);
        this.detachKeys = detachKeys;
        this.bindings = bindings;
        this.clock = clock;
        this.copy = new CopyModeClient(link, this, detachKeys.prefix());
        this.mouse = new ClientMouse(link, this::queue, this::queueTask, this::afterCommands);
    }

    CopyModeClient copyMode() {
        return copy;
    }

    /** What the client typed: read as tmux reads it, on the thread that read it. */
    void typed(byte[] data, int length, Sink to) {
        if (!to.mayWait() && readOffThePoller()) {
            byte[] typed = java.util.Arrays.copyOf(data, length);
            synchronized (this) {
                typingQueued++;
            }
            KeyCommands.after(() -> {
                try {
                    read(typed, typed.length, to);
                } finally {
                    synchronized (this) {
                        typingQueued--;
                    }
                }
            });
            return;
        }
        read(data, length, to);
    }

    private void read(byte[] data, int length, Sink to) {
        sink = to;
        try {
            reader.read(data, length, this);
        } finally {
            sink = null;
        }
    }

    /**
     * Whether typing that the poller read is read on the key commands' thread instead: in copy
     * mode, whose keys read the pane's history (older lines from the disk) and search all of it,
     * which the thread serving every session's output must not wait for; and after such typing
     * until it is done, so that what is typed stays in order.
     */
    private boolean readOffThePoller() {
        synchronized (this) {
            if (typingQueued > 0) {
                return true;
            }
        }
        return copy.wantsKeys();
    }

    // ---- KeyReader.Handler ----------------------------------------------------------------------

    @Override
    public boolean keysWanted() {
        if (repeating && clock.getAsLong() - repeatUntil >= 0) {
            repeating = false;
        }
        // The link's copy, read without the monitor: plain typing asks this for every byte.
        return repeating || link.overlay() != null || copy.wantsKeys();
    }

    /**
     * Typing goes to the program of the pane shown, after the commands of the keys typed before it
     * have run, as tmux runs a binding before it reads the next key: {@code C-b c} then typing goes
     * to the new window, {@code C-b Left} then typing to the pane on the left.
     */
    @Override
    public void forward(byte[] bytes) {
        Sink to = sink;
        afterCommands(() -> to.forward(bytes));
    }

    /** Runs {@code r} after the key commands typed before it (at once when none waits). Reading thread. */
    private void afterCommands(Runnable r) {
        if (sink.mayWait()) {
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
                            r.run();
                        } finally {
                            done();
                        }
                    });
                    return;
                }
            }
        }
        r.run();
    }

    private synchronized boolean noCommandPending() {
        return pending == 0;
    }

    private synchronized void done() {
        pending--;
        notifyAll();
    }

    /** Queues a table command of this client; typing after it waits for it ({@link #forward}). */
    private void queue(List<String> argv) {
        if (KeyCommands.onTheirThread()) {
            // Typing read on that thread (copy mode): the command runs now, before the next key.
            KeyCommands.runNow(argv, caller(), this::message);
            return;
        }
        if (noCommandPending()) {
            // Only this thread queues commands, so none can be queued between the look and the run.
            KeyCommands.AtOnce now = KeyCommands.plan(argv, caller());
            if (now != null) {
                try {
                    now.run();
                } catch (RuntimeException e) {
                    message(e.getMessage()); // a UserError, as the key commands' thread reports one
                }
                return;
            }
        }
        synchronized (this) {
            pending++;
        }
        KeyCommands.run(argv, this::caller, this::message, this::done);
    }

    /** Queues work of this client on the key commands' thread (a border drag); typing after it waits for it. */
    private void queueTask(Runnable task) {
        if (KeyCommands.onTheirThread()) {
            task.run(); // typing read on that thread (copy mode): in order with the commands run at once
            return;
        }
        synchronized (this) {
            pending++;
        }
        KeyCommands.after(() -> {
            try {
                task.run();
            } finally {
                done();
            }
        });
    }

    @Override
    public void detach() {
        sink.detach();
    }

    @Override
    public boolean mouseOn() {
        return ClientMouse.enabled();
    }

    @Override
    public void mouse(MouseReport report) {
        if (bindings) {
            mouse.report(report); // a read-only client's clicks reach nobody
        }
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
        if (p != null && promptKey(p, key)) {
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
        }
        return repeatKey(key) || copy.key(key);
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
            case ClientCommands.COPY_MODE -> copy.command(line);
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

    /** A key for the open prompt; false when it ended a numeric prompt and is to be read as usual. */
    private boolean promptKey(Prompt p, String key) {
        if (p.singleKey()) {
            close(p);
            p.done().accept(key);
            return true;
        }
        if (p.numeric() && !(key.length() == 1 && key.charAt(0) >= '0' && key.charAt(0) <= '9')) {
            close(p);
            p.done().accept(p.editor().text());
            return false;
        }
        String before = p.editor().text();
        switch (p.editor().key(key)) {
            case DONE -> {
                close(p);
                p.done().accept(p.editor().text());
            }
            case CANCELLED -> close(p);
            case EDITING -> {
                publish(p);
                if (p.changed() != null && !before.equals(p.editor().text())) {
                    p.changed().accept(p.editor().text());
                }
            }
        }
        return true;
    }

    /** Opens a prompt for copy mode (a search, a line number, a jump's character, a count). */
    void copyPrompt(String label, String initial, boolean oneKey, boolean numeric, Consumer<String> changed,
                    Consumer<String> done) {
        open(new Prompt(label, new PromptEditor(initial), oneKey, done, numeric, changed));
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

    /** A display-message for {@code millis} (0: until a key), as it is written. */
    void display(String text, long millis) {
        show(new Overlay.Line(text, -1), millis == 0 ? -1 : millis);
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
