package scarab.daemon.copy;

import java.util.HashMap;
import java.util.Map;

/**
 * tmux 3.3a's default key tables of copy mode, {@code copy-mode} (emacs keys) and
 * {@code copy-mode-vi} (as {@code tmux list-keys -T copy-mode} prints them, less the mouse): a key,
 * by tmux's name ({@code C-Space}, {@code M-w}, {@code Up}, {@code q}), to what it does. Most keys
 * run a copy-mode command; some first ask for text in a prompt on the status line (a search, a
 * line number, a jump's character, a repeat count), then run the command with it.
 */
public final class CopyModeKeys {
    /** What a prompt takes before its command runs. */
    public enum Prompt {
        /** No prompt: the command runs at once. */
        NONE,
        /** A line of text, given to the command when Enter is pressed (tmux's command-prompt). */
        TEXT,
        /** One key, given at once (tmux's {@code command-prompt -1}: f, F, t, T). */
        ONE_KEY,
        /**
         * Text, the command run at every change with the text after a prefix: {@code =} at first
         * and on the same key again, {@code +} / {@code -} on C-s / C-r (tmux's {@code -i}).
         */
        INCREMENTAL,
        /** A number: the repeat count of the next key (tmux's {@code -N}, {@code send-keys -N}). */
        REPEAT
    }

    /**
     * A key's binding: the copy-mode command and its fixed arguments; with a prompt, the prompt's
     * text ({@code (search down)}) and what it takes. {@code argument} is the first text shown in
     * the prompt ({@code #{pane_search_string}}: the last search, for C-s and C-r), or for
     * {@code #}/{@code *} of vi {@code #{copy_cursor_word}}, the command's argument:
     * {@link CopyMode#cursorWord()}.
     */
    public record Binding(String command, Prompt prompt, String promptText, String argument) {
        static Binding run(String command) {
            return new Binding(command, Prompt.NONE, null, null);
        }
    }

    private static final Map<String, Binding> EMACS = new HashMap<>();
    private static final Map<String, Binding> VI = new HashMap<>();

    static {
        emacs("C-Space", "begin-selection");
        emacs("C-a", "start-of-line");
        emacs("C-b", "cursor-left");
        emacs("C-c", "cancel");
        emacs("C-e", "end-of-line");
        emacs("C-f", "cursor-right");
        emacs("C-g", "clear-selection");
        emacs("C-k", "copy-pipe-end-of-line-and-cancel");
        emacs("C-n", "cursor-down");
        emacs("C-p", "cursor-up");
        EMACS.put("C-r", new Binding("search-backward-incremental", Prompt.INCREMENTAL, "(search up)",
                "#{pane_search_string}"));
        EMACS.put("C-s", new Binding("search-forward-incremental", Prompt.INCREMENTAL, "(search down)",
                "#{pane_search_string}"));
        emacs("C-v", "page-down");
        emacs("C-w", "copy-pipe-and-cancel");
        emacs("Escape", "cancel");
        emacs("Space", "page-down");
        emacs(",", "jump-reverse");
        emacs(";", "jump-again");
        EMACS.put("F", oneKey("jump-backward", "(jump backward)"));
        emacs("N", "search-reverse");
        emacs("P", "toggle-position");
        emacs("R", "rectangle-toggle");
        EMACS.put("T", oneKey("jump-to-backward", "(jump to backward)"));
        emacs("X", "set-mark");
        EMACS.put("f", oneKey("jump-forward", "(jump forward)"));
        EMACS.put("g", text("goto-line", "(goto line)"));
        emacs("n", "search-again");
        emacs("q", "cancel");
        emacs("r", "refresh-from-pane");
        EMACS.put("t", oneKey("jump-to-forward", "(jump to forward)"));
        emacs("Home", "start-of-line");
        emacs("End", "end-of-line");
        emacs("NPage", "page-down");
        emacs("PPage", "page-up");
        emacs("Up", "cursor-up");
        emacs("Down", "cursor-down");
        emacs("Left", "cursor-left");
        emacs("Right", "cursor-right");
        emacs("M-C-b", "previous-matching-bracket");
        emacs("M-C-f", "next-matching-bracket");
        for (int i = 1; i <= 9; i++) {
            EMACS.put("M-" + i, new Binding(null, Prompt.REPEAT, "(repeat)", Integer.toString(i)));
        }
        emacs("M-<", "history-top");
        emacs("M->", "history-bottom");
        emacs("M-R", "top-line");
        emacs("M-b", "previous-word");
        emacs("M-f", "next-word-end");
        emacs("M-m", "back-to-indentation");
        emacs("M-r", "middle-line");
        emacs("M-v", "page-up");
        emacs("M-w", "copy-pipe-and-cancel");
        emacs("M-x", "jump-to-mark");
        emacs("M-{", "previous-paragraph");
        emacs("M-}", "next-paragraph");
        emacs("M-Up", "halfpage-up");
        emacs("M-Down", "halfpage-down");
        emacs("C-Up", "scroll-up");
        emacs("C-Down", "scroll-down");

        vi("C-b", "page-up");
        vi("C-c", "cancel");
        vi("C-d", "halfpage-down");
        vi("C-e", "scroll-down");
        vi("C-f", "page-down");
        vi("C-h", "cursor-left");
        vi("C-j", "copy-pipe-and-cancel");
        vi("Enter", "copy-pipe-and-cancel");
        vi("C-u", "halfpage-up");
        vi("C-v", "rectangle-toggle");
        vi("C-y", "scroll-up");
        vi("Escape", "clear-selection");
        vi("Space", "begin-selection");
        VI.put("#", new Binding("search-backward", Prompt.NONE, null, "#{copy_cursor_word}"));
        vi("$", "end-of-line");
        vi("%", "next-matching-bracket");
        VI.put("*", new Binding("search-forward", Prompt.NONE, null, "#{copy_cursor_word}"));
        vi(",", "jump-reverse");
        VI.put("/", text("search-forward", "(search down)"));
        vi("0", "start-of-line");
        for (int i = 1; i <= 9; i++) {
            VI.put(Integer.toString(i), new Binding(null, Prompt.REPEAT, "(repeat)", Integer.toString(i)));
        }
        VI.put(":", text("goto-line", "(goto line)"));
        vi(";", "jump-again");
        VI.put("?", text("search-backward", "(search up)"));
        vi("A", "append-selection-and-cancel");
        vi("B", "previous-space");
        vi("D", "copy-pipe-end-of-line-and-cancel");
        vi("E", "next-space-end");
        VI.put("F", oneKey("jump-backward", "(jump backward)"));
        vi("G", "history-bottom");
        vi("H", "top-line");
        vi("J", "scroll-down");
        vi("K", "scroll-up");
        vi("L", "bottom-line");
        vi("M", "middle-line");
        vi("N", "search-reverse");
        vi("P", "toggle-position");
        VI.put("T", oneKey("jump-to-backward", "(jump to backward)"));
        vi("V", "select-line");
        vi("W", "next-space");
        vi("X", "set-mark");
        vi("^", "back-to-indentation");
        vi("b", "previous-word");
        vi("e", "next-word-end");
        VI.put("f", oneKey("jump-forward", "(jump forward)"));
        vi("g", "history-top");
        vi("h", "cursor-left");
        vi("j", "cursor-down");
        vi("k", "cursor-up");
        vi("l", "cursor-right");
        vi("n", "search-again");
        vi("o", "other-end");
        vi("q", "cancel");
        vi("r", "refresh-from-pane");
        VI.put("t", oneKey("jump-to-forward", "(jump to forward)"));
        vi("v", "rectangle-toggle");
        vi("w", "next-word");
        vi("{", "previous-paragraph");
        vi("}", "next-paragraph");
        vi("BSpace", "cursor-left");
        vi("NPage", "page-down");
        vi("PPage", "page-up");
        vi("Up", "cursor-up");
        vi("Down", "cursor-down");
        vi("Left", "cursor-left");
        vi("Right", "cursor-right");
        vi("M-x", "jump-to-mark");
        vi("C-Up", "scroll-up");
        vi("C-Down", "scroll-down");
    }

    private CopyModeKeys() {}

    private static void emacs(String key, String command) {
        EMACS.put(key, Binding.run(command));
    }

    private static void vi(String key, String command) {
        VI.put(key, Binding.run(command));
    }

    private static Binding oneKey(String command, String prompt) {
        return new Binding(command, Prompt.ONE_KEY, prompt, null);
    }

    private static Binding text(String command, String prompt) {
        return new Binding(command, Prompt.TEXT, prompt, null);
    }

    /** The binding of a key (tmux's name) in the emacs or vi table, or null: the key does nothing. */
    public static Binding lookup(boolean emacs, String key) {
        return (emacs ? EMACS : VI).get(key);
    }

    /**
     * Whether copy mode uses emacs keys, as tmux decides {@code mode-keys} when it is not set:
     * vi when {@code $VISUAL} (if set, even empty), else {@code $EDITOR}, names a program whose
     * file name contains {@code vi}; null means unset.
     */
    public static boolean emacsByDefault(String visual, String editor) {
        String e = visual != null ? visual : editor;
        if (e == null || e.isEmpty()) {
            return true;
        }
        String base = e.substring(e.lastIndexOf('/') + 1);
        return !base.contains("vi");
    }
}
