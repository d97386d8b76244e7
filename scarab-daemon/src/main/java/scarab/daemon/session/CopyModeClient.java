package scarab.daemon.session;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import scarab.daemon.copy.CopyMode;
import scarab.daemon.copy.CopyModeKeys;
import scarab.daemon.copy.CopyTarget;
import scarab.daemon.copy.PasteBufferTarget;
import scarab.daemon.keys.KeyNames;
import scarab.daemon.paste.PasteBuffers;
import scarab.daemon.terminal.ScreenLines;
import scarab.daemon.view.CopyModePainter;
import scarab.daemon.view.Frame;
import scarab.protocol.command.CommandLine;

/**
 * Copy mode on an attached client: tmux 3.3a's {@code copy-mode} over the model of
 * {@link CopyMode}. Scoped to the client, not the pane (tmux keeps the mode on the pane, shared by
 * every client showing it): a client is in copy mode on at most one pane of its window, which it
 * draws in copy mode while that pane is shown, and whose keys go to copy mode while that pane is
 * the client's active one. Other clients of the pane see it live.
 *
 * <p>A key is named as tmux names it ({@link KeyNames}) and looked up in the emacs or vi table
 * ({@link CopyModeKeys}); counts (vi's digits, emacs's M-digits), searches, line numbers and jump
 * characters are asked for on the status line with {@link ClientKeys}' prompts. Each change renders
 * the pane's picture ({@link CopyModePainter#render}) and hands it to the link, which the composed
 * view paints over the pane ({@link ClientLink#copyView}). Copies go to the paste buffers and, with
 * {@code set-clipboard}, to the client's terminal as OSC 52, in tmux's form
 * {@code ESC ] 52 ; ; base64 BEL}.
 *
 * <p>Driven by the client's reading thread ({@link ClientKeys}); the prompt callbacks run there
 * too. The state is guarded by this object's monitor; no pane lock is taken inside it.
 */
public final class CopyModeClient {
    /** What the link draws: a pane's picture in copy mode. Immutable. */
    record View(Pane pane, Frame picture) {}

    private static volatile boolean emacsKeys = true;
    private static volatile boolean setClipboard = true;
    private static volatile PasteBuffers buffers = new PasteBuffers();
    /** Each pane's last search ({@code #{pane_search_string}}), for its next copy mode. */
    private static final Map<Pane, String> LAST_SEARCH = Collections.synchronizedMap(new WeakHashMap<>());

    private final ClientLink link;
    private final ClientKeys keys;
    private final int prefix;

    // Guarded by this.
    private Pane pane;
    private CopyMode mode;
    private boolean emacs;
    /** The snapshot's size: the view's. */
    private int cols;
    private int rows;
    /** The repeat count for the next command (tmux's mode prefix), 1 when none was given. */
    private int count = 1;
    /** Entered by the wheel ({@code copy-mode -e}): scrolling back to the bottom leaves. */
    private boolean exitAtBottom;
    /** A mouse drag is making the selection. */
    private boolean dragging;

    CopyModeClient(ClientLink link, ClientKeys keys, int prefix) {
        this.link = link;
        this.keys = keys;
        this.prefix = prefix;
    }

    /**
     * The daemon's settings: {@code mode-keys} (emacs or vi; null decides from {@code $VISUAL} and
     * {@code $EDITOR} as tmux does) and {@code set-clipboard}.
     */
    public static void configure(String modeKeys, Boolean clipboard, Map<String, String> env) {
        emacsKeys = modeKeys != null ? modeKeys.equals("emacs")
                : CopyModeKeys.emacsByDefault(env.get("VISUAL"), env.get("EDITOR"));
        setClipboard = clipboard == null || clipboard;
    }

    /** Where copies go: the daemon's paste buffers. */
    public static void buffers(PasteBuffers daemonBuffers) {
        buffers = daemonBuffers;
    }

    // ---- entering and leaving -----------------------------------------------------------------

    /** {@code copy-mode [-u] [-t pane]}: enters (or, already in it, stays in) copy mode. */
    void command(CommandLine line) {
        Pane target = link.pane();
        String t = line.value('t');
        if (t != null) {
            target = paneOfWindow(t);
            if (target == null) {
                keys.message("can't find pane: " + t);
                return;
            }
        }
        if (target == null) {
            return;
        }
        boolean entered = enter(target);
        if (line.has('u')) {
            run(target, 1, "page-up");
        } else if (!entered) {
            return;
        }
        changed(target);
    }

    /**
     * Enters copy mode on {@code pane} and scrolls {@code scrollUpLines} up, as the mouse wheel
     * does (tmux's {@code copy-mode -e} then {@code scroll-up}): for the mouse. Already in copy
     * mode on that pane, only scrolls.
     */
    public void enterCopyMode(Pane target, int scrollUpLines) {
        enter(target);
        if (scrollUpLines > 0) {
            run(target, scrollUpLines, "scroll-up");
        }
        changed(target);
    }

    // ---- the mouse (ClientMouse's wheel target) ---------------------------------------------------

    /** tmux's default copy-mode wheel step: {@code send -X -N 5 scroll-up}. */
    static final int WHEEL_LINES = 5;

    /** Whether {@code target} shows copy mode on this client (tmux's pane_in_mode): its mouse comes here. */
    boolean inMode(Pane target) {
        synchronized (this) {
            return mode != null && pane == target;
        }
    }

    /**
     * The wheel over {@code target}: up enters copy mode as {@code copy-mode -e} (leaving again when
     * scrolled back to the bottom), without scrolling yet, as tmux's WheelUpPane; in copy mode it
     * scrolls either way.
     */
    void wheel(Pane target, boolean up) {
        if (!inMode(target)) {
            if (up) {
                enter(target);
                synchronized (this) {
                    exitAtBottom = true;
                }
                changed(target);
            }
            return;
        }
        boolean exit;
        synchronized (this) {
            exit = exitAtBottom;
        }
        apply(target, WHEEL_LINES, up ? "scroll-up" : exit ? "scroll-down-and-cancel" : "scroll-down");
    }

    /**
     * Button 1 dragged to cell ({@code x}, {@code y}) of {@code target} (tmux's {@code copy-mode -M}
     * and its MouseDrag1Pane): the first report enters copy mode if needed and starts a selection
     * there, the next ones move its end, and the button's release copies it and leaves
     * (MouseDragEnd1Pane's {@code copy-pipe-and-cancel}).
     */
    void drag(Pane target, int x, int y, boolean end) {
        if (!inMode(target)) {
            if (end) {
                return;
            }
            enter(target);
        }
        boolean leave;
        synchronized (this) {
            if (pane != target || mode == null) {
                return;
            }
            mode.moveCursor(x, y);
            if (!dragging) {
                dragging = true;
                mode.command(1, "begin-selection");
            }
            leave = end && mode.command(1, "copy-pipe-and-cancel") == CopyMode.Action.CANCEL;
            if (end) {
                dragging = false;
            }
            if (!leave) {
                render();
            }
        }
        if (leave) {
            leave();
        } else {
            changed(target);
        }
    }

    /** Runs a command {@code n} times, then leaves or redraws. */
    private void apply(Pane target, int n, String command) {
        if (run(target, n, command)) {
            leave();
        } else {
            changed(target);
        }
    }

    /** Starts copy mode on the pane unless it is in it already; false if it was. */
    private boolean enter(Pane target) {
        synchronized (this) {
            if (mode != null && pane == target) {
                return false;
            }
        }
        ScreenLines lines = target.lines(); // takes the pane's read lock: never under this monitor
        synchronized (this) {
            emacs = emacsKeys;
            pane = target;
            count = 1;
            exitAtBottom = false;
            dragging = false;
            mode = new CopyMode(lines, emacs, new ClientTarget(), LAST_SEARCH.get(target));
            cols = lines.cols();
            rows = lines.rows();
            render();
        }
        return true;
    }

    /** Leaves copy mode (q, Escape, a copy that cancels, the pane gone): the live picture comes back. */
    void leave() {
        Pane was;
        synchronized (this) {
            if (mode == null) {
                return;
            }
            was = pane;
            remember();
            mode = null;
            pane = null;
            count = 1;
            link.copyView(null);
        }
        changed(was);
    }

    /** Whether keys go to copy mode now: it is on, on the client's active pane. */
    boolean wantsKeys() {
        Pane shown = link.pane();
        synchronized (this) {
            return mode != null && pane == shown;
        }
    }

    // ---- keys -----------------------------------------------------------------------------------

    /** A key read while {@link #wantsKeys}: true when copy mode took it (the prefix is never taken). */
    boolean key(String raw) {
        Pane target;
        synchronized (this) {
            target = pane;
        }
        if (target == null || target != link.pane()) {
            return false;
        }
        if (raw.length() == 1 && raw.charAt(0) == prefix) {
            return false; // the prefix goes before copy mode's keys, as in tmux
        }
        if (target.window() == null) {
            leave(); // the pane was closed
            return false;
        }
        String name = KeyNames.of(raw);
        CopyModeKeys.Binding b;
        synchronized (this) {
            b = name == null ? null : CopyModeKeys.lookup(emacs, name);
        }
        if (b == null) {
            return true; // an unbound key does nothing in copy mode, as in tmux
        }
        switch (b.prompt()) {
            case NONE -> {
                String[] args = {};
                if ("#{copy_cursor_word}".equals(b.argument())) {
                    synchronized (this) {
                        args = new String[] {mode.cursorWord()};
                    }
                }
                runCounted(target, b.command(), args);
            }
            case TEXT -> keys.copyPrompt(b.promptText() + " ", "", false, false, null,
                    text -> runCounted(target, b.command(), text));
            case ONE_KEY -> keys.copyPrompt(b.promptText() + " ", "", true, false, null, k -> {
                String c = character(k);
                if (c != null) {
                    runCounted(target, b.command(), c);
                }
            });
            case INCREMENTAL -> {
                String last;
                synchronized (this) {
                    last = mode.lastSearch() != null ? mode.lastSearch() : LAST_SEARCH.getOrDefault(target, "");
                }
                // tmux's command-prompt -i: the command runs at once with "=", then at each change
                runCounted(target, b.command(), "=");
                keys.copyPrompt(b.promptText() + " ", last, false, false,
                        text -> runCounted(target, b.command(), "=" + text), text -> { });
            }
            case REPEAT -> keys.copyPrompt(b.promptText() + " ", b.argument(), false, true, null, digits -> {
                int n;
                try {
                    n = Integer.parseInt(digits);
                } catch (NumberFormatException e) {
                    n = 1;
                }
                synchronized (this) {
                    count = Math.max(1, n);
                }
            });
        }
        return true;
    }

    /** The character a one-key prompt got (jump's), as tmux reads it: a printable key, or Space. */
    private static String character(String raw) {
        String name = KeyNames.of(raw);
        if (name == null) {
            return null;
        }
        if (name.equals("Space")) {
            return " ";
        }
        return name.codePointCount(0, name.length()) == 1 ? name : null;
    }

    /** Runs a command with the pending count, which it uses up. */
    private void runCounted(Pane target, String command, String... args) {
        int n;
        synchronized (this) {
            n = count;
            count = 1;
        }
        if (run(target, n, command, args)) {
            leave();
        } else {
            changed(target);
        }
    }

    /** Runs a command on the pane's copy mode; true when it asks to leave. */
    private boolean run(Pane target, int n, String command, String... args) {
        if (command.equals("refresh-from-pane")) {
            ScreenLines lines = target.lines();
            synchronized (this) {
                if (pane == target && mode != null) {
                    mode.refresh(lines);
                    cols = lines.cols();
                    rows = lines.rows();
                }
            }
        }
        synchronized (this) {
            if (pane != target || mode == null) {
                return false;
            }
            CopyMode.Action a = mode.command(n, command, args);
            if (a == CopyMode.Action.CANCEL) {
                return true;
            }
            render();
            return false;
        }
    }

    // ---- drawing and copying -------------------------------------------------------------------

    /** Renders the pane's picture from the model and gives it to the link. Monitor held. */
    private void render() {
        Frame picture = CopyModePainter.render(mode, cols, rows);
        link.copyView(new View(pane, picture));
    }

    /** The picture changed: the client is drawn composed while in copy mode, and redrawn. */
    private void changed(Pane target) {
        target.overlayChanged(link);
        Pane shown = link.pane();
        if (shown != null && shown != target) {
            shown.overlayChanged(link);
        }
    }

    private void remember() {
        String s = mode.lastSearch();
        if (s != null && !s.isEmpty()) {
            LAST_SEARCH.put(pane, s);
        }
    }

    /** A pane of the client's window by id ({@code %3}) or index ({@code 1}, {@code .1}); null if none. */
    private Pane paneOfWindow(String target) {
        Pane shown = link.pane();
        Window w = shown == null ? null : shown.window();
        if (w == null) {
            return null;
        }
        List<Pane> panes = w.panes();
        String t = target.startsWith(".") ? target.substring(1) : target;
        for (Pane p : panes) {
            if (p.label().equals(t)) {
                return p;
            }
        }
        try {
            int i = Integer.parseInt(t);
            return i >= 0 && i < panes.size() ? panes.get(i) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The paste buffers, and the client's terminal's clipboard with set-clipboard. */
    private final class ClientTarget implements CopyTarget {
        private final PasteBufferTarget paste = new PasteBufferTarget(buffers);

        @Override
        public void copy(byte[] text) {
            paste.copy(text);
            clipboard(text);
        }

        @Override
        public void append(byte[] text) {
            paste.append(text);
            clipboard(text);
        }

        private void clipboard(byte[] text) {
            if (!setClipboard || link.readOnly()) {
                return;
            }
            byte[] osc = ("\033]52;;" + Base64.getEncoder().encodeToString(text) + "\007")
                    .getBytes(StandardCharsets.US_ASCII);
            link.offer(osc);
            link.outputPaused();
        }
    }
}
