package scarab.daemon.copy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import scarab.daemon.terminal.LineView;
import scarab.daemon.terminal.ScreenLines;

/**
 * Copy mode over one pane, without drawing: tmux 3.3a's window-copy as a model. It works on a
 * snapshot of the pane's lines ({@link ScreenLines}, taken when copy mode starts, as tmux clones
 * the pane's screen), so output that arrives meanwhile changes nothing here: the view stays where
 * the user put it, and {@code refresh-from-pane} is a new snapshot.
 *
 * <p>Coordinates are tmux's: the cursor is ({@link #cursorX}, {@link #cursorY}) on the view,
 * whose top shows line {@code historySize - scrollPosition} of the snapshot (0 is the oldest
 * line); {@link #scrollPosition} is tmux's {@code scroll_position}, and
 * {@link #positionIndicator} the {@code [offset/size]} tmux draws at the top right.
 *
 * <p>Driven by {@link #command(int, String, String...)} with tmux's copy-mode command names
 * ({@code cursor-up}, {@code search-forward}, {@code copy-selection-and-cancel}, ...) and a
 * repeat count; {@link CopyModeKeys} maps keys to them. Copies go to the {@link CopyTarget}.
 * Not thread-safe: one client's thread drives it.
 */
public final class CopyMode {
    /** What the caller does after a command: nothing visible changed, redraw, or leave copy mode. */
    public enum Action { NOTHING, REDRAW, CANCEL }

    private enum Drag { NONE, END, START }

    private enum LineSel { NONE, LEFT_RIGHT, RIGHT_LEFT }

    private enum Jump { OFF, FORWARD, BACKWARD, TO_FORWARD, TO_BACKWARD }

    /** Which commands clear the search highlighting: always, never, or only with emacs keys. */
    private enum Clear { ALWAYS, NEVER, EMACS_ONLY }

    private CopyGrid g;
    private final boolean emacs;
    private final CopyTarget target;
    private final String separators;

    private int cx;
    private int cy;
    private int oy;
    private int lastcx;
    private int lastsx;

    private boolean selection;
    private int selx;
    private int sely;
    private int endselx;
    private int endsely;
    private Drag drag = Drag.NONE;
    private LineSel lineSel = LineSel.NONE;
    private boolean lineMode;
    private boolean rect;
    private int selrx;
    private int selry;
    private int endselry;
    private int dy;

    private int mx;
    private int my;
    private boolean showMark;

    private String searchStr;
    /** 1 down, -1 up, 0 none yet. */
    private int searchType;
    private boolean searchDown;
    /**
     * The search matches highlighted on the view, as tmux's searchmark: one number per cell of the
     * view (0: none), null when none are shown. As in tmux they are computed for the view at a
     * search, a scroll or a page, and are not moved by goto-line or other-end, which leave them
     * where they were on the view until the next scroll.
     */
    private int[] marks;
    private int searchCount;
    private String lastSearch;

    /** Where an incremental search started (tmux's searchx, searchy, searcho); -1: none running. */
    private int searchx = -1;
    private int searchy = -1;
    private int searcho = -1;
    private boolean hidePosition;

    private Jump jump = Jump.OFF;
    private String jumpChar;

    /**
     * Starts copy mode on a snapshot, with the cursor where the pane's was.
     *
     * @param emacs  tmux's {@code mode-keys}: emacs (true) or vi
     * @param target where copies go
     */
    public CopyMode(ScreenLines lines, boolean emacs, CopyTarget target) {
        this(lines, emacs, target, null);
    }

    /**
     * As tmux does, copy mode starts with the pane's last search ({@link #lastSearch} of the
     * previous copy mode on this pane, or null): {@code search-again} then searches up for it.
     */
    public CopyMode(ScreenLines lines, boolean emacs, CopyTarget target, String previousSearch) {
        this.g = new CopyGrid(lines);
        if (previousSearch != null && !previousSearch.isEmpty()) {
            searchStr = previousSearch;
            searchType = -1;
        }
        this.emacs = emacs;
        this.target = target;
        this.separators = CopyGrid.WORD_SEPARATORS;
        cx = Math.min(lines.cursorX(), g.sx);
        cy = Math.min(lines.cursorY(), g.sy - 1);
        mx = cx;
        my = g.hsize + cy;
    }

    // ---- what to draw ------------------------------------------------------------------------

    public int cursorX() {
        return cx;
    }

    public int cursorY() {
        return cy;
    }

    /** tmux's {@code scroll_position}: how many lines the view is above the bottom of the history. */
    public int scrollPosition() {
        return oy;
    }

    /** History lines in the snapshot. */
    public int historySize() {
        return g.hsize;
    }

    /** The snapshot's line shown on row {@code py} of the view (0: the oldest line). */
    public int lineAt(int py) {
        return g.hsize - oy + py;
    }

    /** Line {@code y} of the snapshot (0: the oldest), cell by cell: for drawing the view ({@link #lineAt}). */
    public LineView line(int y) {
        return g.line(y);
    }

    /** Whether the cursor is past the last column (tmux then draws a {@code $} there). */
    public boolean cursorPastEnd() {
        return cx == g.sx;
    }

    /**
     * What tmux draws at the top right: {@code [offset/size]}, with {@code (N results) } before it
     * while search matches are shown.
     */
    public String positionIndicator() {
        if (hidePosition) {
            return "";
        }
        String pos = "[" + oy + "/" + g.hsize + "]";
        if (marks != null) {
            return "(" + searchCount + " results) " + pos;
        }
        return pos;
    }

    public boolean selectionPresent() {
        return selection;
    }

    public boolean rectangle() {
        return rect;
    }

    /** Whether the cell at view position ({@code px}, {@code py}) is drawn as selected (tmux's screen_check_selection). */
    public boolean selected(int px, int py) {
        if (!selection) {
            return false;
        }
        return SelectionShape.contains(selx, sely, endselx, endsely, rect, emacs, px, g.hsize - oy + py);
    }

    /**
     * The search match highlighted on the view's cell ({@code px}, {@code py}): 0 for none, else
     * a number that neighbouring cells of the same match share (tmux's searchmark).
     */
    public int searchMark(int px, int py) {
        if (marks == null || px < 0 || px >= g.sx || py < 0 || py >= g.sy) {
            return 0;
        }
        return marks[py * g.sx + px];
    }

    /** Every search match on lines {@code [from, to)} of the snapshot (0: the oldest), found afresh; empty without a search. */
    public List<SearchMatches.Match> matches(int from, int to) {
        if (searchStr == null) {
            return List.of();
        }
        return SearchMatches.find(g, searchStr, from, to);
    }

    /**
     * {@code #{copy_cursor_word}}: the word under the cursor, separators and spaces ending it on
     * either side, as tmux's format_grid_word reads it from the drawn view (whose rows do not join
     * even where the lines wrapped); "" on a separator.
     */
    public String cursorWord() {
        int y = g.hsize - oy + cy;
        int x = cx;
        while (x > 0 && !g.padding(x, y) && !isWordEnd(x, y)) {
            x--;
        }
        if (g.padding(x, y)) {
            return "";
        }
        boolean found = isWordEnd(x, y);
        StringBuilder word = new StringBuilder();
        int end = g.length(y);
        while (true) {
            if (found) {
                if (end == 0 || x >= end - 1) {
                    break;
                }
                x++;
            }
            found = true;
            if (g.padding(x, y) || isWordEnd(x, y)) {
                break;
            }
            word.append(g.text(x, y));
        }
        return word.toString();
    }

    private boolean isWordEnd(int x, int y) {
        return g.inSet(x, y, separators) || g.inSet(x, y, " \t\n\u000b\f\r");
    }

    // ---- commands ----------------------------------------------------------------------------

    /** A command without arguments, once. */
    public Action command(String name) {
        return command(1, name);
    }

    /**
     * Runs a copy-mode command as {@code send-keys -X -N count name args} does: tmux's names and
     * arguments; an unknown name or a wrong number of arguments does nothing.
     */
    public Action command(int count, String name, String... args) {
        int np = Math.max(1, count);
        Action action = Action.NOTHING;
        Clear clear = Clear.NEVER;
        String arg = args.length > 0 ? args[0] : null;
        switch (name) {
            case "append-selection", "append-selection-and-cancel" -> {
                clear = Clear.ALWAYS;
                byte[] text = selectionBytes();
                if (text != null) {
                    target.append(text);
                }
                clearSelection();
                action = name.endsWith("cancel") ? Action.CANCEL : Action.REDRAW;
            }
            case "back-to-indentation" -> {
                clear = Clear.ALWAYS;
                GridReader r = reader();
                r.backToIndentation();
                acquireUp(r);
            }
            case "begin-selection" -> {
                clear = Clear.ALWAYS;
                lineSel = LineSel.NONE;
                lineMode = false;
                startSelection();
                action = Action.REDRAW;
            }
            case "stop-selection" -> {
                clear = Clear.ALWAYS;
                drag = Drag.NONE;
                lineSel = LineSel.NONE;
                lineMode = false;
            }
            case "bottom-line", "middle-line", "top-line" -> {
                clear = Clear.EMACS_ONLY;
                cx = 0;
                cy = name.equals("top-line") ? 0 : name.equals("bottom-line") ? g.sy - 1 : (g.sy - 1) / 2;
                updateSelection(false);
                action = Action.REDRAW;
            }
            case "cancel" -> {
                clear = Clear.ALWAYS;
                action = Action.CANCEL;
            }
            case "clear-selection" -> {
                clear = Clear.ALWAYS;
                clearSelection();
                action = Action.REDRAW;
            }
            case "copy-end-of-line", "copy-pipe-end-of-line", "copy-pipe-end-of-line-and-cancel",
                    "copy-end-of-line-and-cancel" -> {
                clear = Clear.ALWAYS;
                int[] at = {cx, cy, oy}; // tmux 3.3a copies without moving the cursor
                startSelection();
                for (int i = np; i > 1; i--) {
                    cursorDown(false);
                }
                cursorEndOfLine();
                copySelection();
                clearSelection();
                cx = at[0];
                cy = at[1];
                oy = at[2];
                action = name.endsWith("-and-cancel") ? Action.CANCEL : Action.REDRAW;
            }
            case "copy-line", "copy-pipe-line", "copy-pipe-line-and-cancel", "copy-line-and-cancel" -> {
                clear = Clear.ALWAYS;
                int[] at = {cx, cy, oy};
                lineMode = false;
                cursorStartOfLine();
                startSelection();
                for (int i = np; i > 1; i--) {
                    cursorDown(false);
                }
                cursorEndOfLine();
                copySelection();
                clearSelection();
                cx = at[0];
                cy = at[1];
                oy = at[2];
                action = name.endsWith("-and-cancel") ? Action.CANCEL : Action.REDRAW;
            }
            case "copy-selection-no-clear", "copy-pipe-no-clear" -> copySelection();
            case "copy-selection", "copy-pipe" -> {
                clear = Clear.ALWAYS;
                copySelection();
                clearSelection();
                action = Action.REDRAW;
            }
            case "copy-selection-and-cancel", "copy-pipe-and-cancel" -> {
                clear = Clear.ALWAYS;
                copySelection();
                clearSelection();
                action = Action.CANCEL;
            }
            case "cursor-down" -> {
                clear = Clear.EMACS_ONLY;
                for (int i = 0; i < np; i++) {
                    cursorDown(false);
                }
            }
            case "cursor-down-and-cancel" -> {
                clear = Clear.ALWAYS;
                int before = cy;
                for (int i = 0; i < np; i++) {
                    cursorDown(false);
                }
                if (before == cy && oy == 0) {
                    action = Action.CANCEL;
                }
            }
            case "cursor-left" -> {
                clear = Clear.EMACS_ONLY;
                for (int i = 0; i < np; i++) {
                    GridReader r = reader();
                    r.left(true);
                    acquireUp(r);
                }
            }
            case "cursor-right" -> {
                clear = Clear.EMACS_ONLY;
                for (int i = 0; i < np; i++) {
                    GridReader r = reader();
                    r.right(true, selection && rect);
                    acquireDown(r, false);
                }
            }
            case "cursor-up" -> {
                clear = Clear.EMACS_ONLY;
                for (int i = 0; i < np; i++) {
                    cursorUp(false);
                }
            }
            case "end-of-line" -> {
                clear = Clear.EMACS_ONLY;
                cursorEndOfLine();
            }
            case "start-of-line" -> {
                clear = Clear.EMACS_ONLY;
                cursorStartOfLine();
            }
            case "goto-line" -> {
                clear = Clear.EMACS_ONLY;
                if (arg != null && !arg.isEmpty()) {
                    gotoLine(arg);
                }
            }
            case "halfpage-down", "page-down", "halfpage-down-and-cancel", "page-down-and-cancel" -> {
                boolean cancels = name.endsWith("-and-cancel");
                clear = cancels ? Clear.ALWAYS : Clear.EMACS_ONLY;
                for (int i = 0; i < np; i++) {
                    if (pageDown(name.startsWith("half"), cancels)) {
                        action = Action.CANCEL;
                        break;
                    }
                }
            }
            case "halfpage-up", "page-up" -> {
                clear = Clear.EMACS_ONLY;
                for (int i = 0; i < np; i++) {
                    pageUp(name.startsWith("half"));
                }
            }
            case "history-bottom" -> {
                clear = Clear.EMACS_ONLY;
                int y = g.hsize + cy - oy;
                if (lineSel == LineSel.RIGHT_LEFT && y == endsely) {
                    otherEnd();
                }
                cy = g.sy - 1;
                cx = g.length(g.hsize + cy);
                oy = 0;
                refreshMarks();
                updateSelection(false);
                action = Action.REDRAW;
            }
            case "history-top" -> {
                clear = Clear.EMACS_ONLY;
                int y = g.hsize + cy - oy;
                if (lineSel == LineSel.LEFT_RIGHT && y == sely) {
                    otherEnd();
                }
                cy = 0;
                cx = 0;
                oy = g.hsize;
                refreshMarks();
                updateSelection(false);
                action = Action.REDRAW;
            }
            case "jump-again", "jump-reverse" -> {
                clear = Clear.EMACS_ONLY;
                boolean reverse = name.equals("jump-reverse");
                for (int i = 0; i < np; i++) {
                    jumpOnce(jump, reverse);
                }
            }
            case "jump-backward", "jump-forward", "jump-to-backward", "jump-to-forward" -> {
                clear = Clear.EMACS_ONLY;
                if (arg != null && !arg.isEmpty()) {
                    jump = switch (name) {
                        case "jump-backward" -> Jump.BACKWARD;
                        case "jump-forward" -> Jump.FORWARD;
                        case "jump-to-backward" -> Jump.TO_BACKWARD;
                        default -> Jump.TO_FORWARD;
                    };
                    jumpChar = firstCharacter(arg);
                    for (int i = 0; i < np; i++) {
                        jumpOnce(jump, false);
                    }
                }
            }
            case "jump-to-mark" -> {
                clear = Clear.ALWAYS;
                jumpToMark();
            }
            case "set-mark" -> {
                clear = Clear.ALWAYS;
                mx = cx;
                my = g.hsize + cy - oy;
                showMark = true;
                action = Action.REDRAW;
            }
            case "next-paragraph", "previous-paragraph" -> {
                clear = Clear.EMACS_ONLY;
                for (int i = 0; i < np; i++) {
                    paragraph(name.startsWith("next"));
                }
            }
            case "next-space", "next-word" -> {
                clear = Clear.EMACS_ONLY;
                String set = name.equals("next-space") ? "" : separators;
                for (int i = 0; i < np; i++) {
                    GridReader r = reader();
                    r.nextWord(set);
                    acquireDown(r, false);
                }
            }
            case "next-space-end", "next-word-end" -> {
                clear = Clear.EMACS_ONLY;
                String set = name.equals("next-space-end") ? "" : separators;
                for (int i = 0; i < np; i++) {
                    nextWordEnd(set, false);
                }
            }
            case "previous-space", "previous-word" -> {
                clear = Clear.EMACS_ONLY;
                String set = name.equals("previous-space") ? "" : separators;
                for (int i = 0; i < np; i++) {
                    GridReader r = reader();
                    r.previousWord(set, true, true);
                    acquireUp(r);
                }
            }
            case "other-end" -> {
                clear = Clear.EMACS_ONLY;
                lineMode = false;
                if (np % 2 != 0) {
                    otherEnd();
                }
            }
            case "rectangle-on", "rectangle-off", "rectangle-toggle" -> {
                clear = Clear.ALWAYS;
                lineSel = LineSel.NONE;
                setRectangle(name.equals("rectangle-on") || name.equals("rectangle-toggle") && !rect);
                action = Action.REDRAW;
            }
            case "refresh-from-pane" -> clear = Clear.ALWAYS; // the owner replaces the snapshot: refresh()
            case "scroll-down", "scroll-down-and-cancel" -> {
                clear = name.endsWith("cancel") ? Clear.ALWAYS : Clear.EMACS_ONLY;
                for (int i = 0; i < np; i++) {
                    cursorDown(true);
                }
                if (name.endsWith("cancel") && oy == 0) {
                    action = Action.CANCEL;
                }
            }
            case "scroll-up" -> {
                clear = Clear.EMACS_ONLY;
                for (int i = 0; i < np; i++) {
                    cursorUp(true);
                }
            }
            case "search-again", "search-reverse" -> {
                clear = Clear.ALWAYS;
                boolean reverse = name.equals("search-reverse");
                if (searchType != 0) {
                    for (int i = 0; i < np; i++) {
                        search((searchType > 0) != reverse);
                    }
                }
            }
            case "search-backward", "search-backward-text", "search-forward", "search-forward-text" -> {
                clear = Clear.ALWAYS;
                if (arg != null && !arg.isEmpty()) {
                    searchStr = arg;
                }
                if (searchStr != null) {
                    boolean down = name.startsWith("search-forward");
                    searchType = down ? 1 : -1;
                    for (int i = 0; i < np; i++) {
                        search(down);
                    }
                }
            }
            case "search-backward-incremental", "search-forward-incremental" -> {
                clear = Clear.ALWAYS;
                if (arg != null && !arg.isEmpty()) {
                    action = incremental(name.startsWith("search-forward"), arg);
                }
            }
            case "toggle-position" -> {
                clear = Clear.NEVER;
                hidePosition = !hidePosition;
                action = Action.REDRAW;
            }
            case "select-line" -> {
                clear = Clear.ALWAYS;
                selectLine(np);
                action = Action.REDRAW;
            }
            default -> {
                return Action.NOTHING;
            }
        }
        if (!name.startsWith("search-") && marks != null) {
            if (clear == Clear.EMACS_ONLY && !emacs) {
                clear = Clear.NEVER;
            }
            if (clear != Clear.NEVER) {
                marks = null;
                searchx = searchy = -1;
            }
            if (action == Action.NOTHING) {
                action = Action.REDRAW;
            }
        }
        return action;
    }

    /** {@code refresh-from-pane}: a new snapshot of the pane; the selection and highlighting go, the cursor stays. */
    public void refresh(ScreenLines lines) {
        g = new CopyGrid(lines);
        oy = Math.min(oy, g.hsize);
        cy = Math.min(cy, g.sy - 1);
        cx = Math.min(cx, g.sx);
        clearSelection();
        marks = null;
    }

    // ---- the selection's text ------------------------------------------------------------------

    /** What a copy would put in the buffer now (tmux's window_copy_get_selection), or null for nothing. */
    public byte[] selectionBytes() {
        if (!selection && lineSel == LineSel.NONE) {
            String m = matchAtCursor();
            return m == null || m.isEmpty() ? null : m.getBytes(StandardCharsets.UTF_8);
        }
        return SelectionText.of(g, selx, sely, endselx, endsely, rect, emacs, drag == Drag.END, cx);
    }

    private void copySelection() {
        byte[] text = selectionBytes();
        if (text != null) {
            target.copy(text);
        }
    }

    // ---- cursor motions (tmux's window_copy_cursor_*) --------------------------------------------

    private GridReader reader() {
        return new GridReader(g, cx, g.hsize + cy - oy);
    }

    private int absY() {
        return g.hsize + cy - oy;
    }

    private void cursorStartOfLine() {
        GridReader r = reader();
        r.startOfLine(true);
        acquireUp(r);
    }

    private void cursorEndOfLine() {
        GridReader r = reader();
        r.endOfLine(true, selection && rect);
        acquireDown(r, false);
    }

    private void nextWordEnd(String set, boolean noReset) {
        GridReader r = reader();
        if (!emacs && !r.inSet(CopyGrid.WHITESPACE)) {
            r.right(false, false);
        }
        r.nextWordEnd(set);
        if (!emacs) {
            r.left(true);
        }
        acquireDown(r, noReset);
    }

    private void cursorUp(boolean scrollOnly) {
        boolean noRectSel = !selection || !rect;
        int y = absY();
        int ox = g.length(y);
        if (noRectSel && cx != ox) {
            lastcx = cx;
            lastsx = ox;
        }
        if (lineSel == LineSel.LEFT_RIGHT && y == sely) {
            otherEnd();
        }
        if (scrollOnly || cy == 0) {
            if (noRectSel) {
                cx = lastcx;
            }
            scrollDown(1);
        } else {
            cx = noRectSel ? lastcx : cx;
            cy--;
            updateSelection(false);
        }
        fixAfterVertical(noRectSel);
    }

    private void cursorDown(boolean scrollOnly) {
        boolean noRectSel = !selection || !rect;
        int y = absY();
        int ox = g.length(y);
        if (noRectSel && cx != ox) {
            lastcx = cx;
            lastsx = ox;
        }
        if (lineSel == LineSel.RIGHT_LEFT && y == endsely) {
            otherEnd();
        }
        if (scrollOnly || cy == g.sy - 1) {
            if (noRectSel) {
                cx = lastcx;
            }
            scrollUp(1);
        } else {
            cx = noRectSel ? lastcx : cx;
            cy++;
            updateSelection(false);
        }
        fixAfterVertical(noRectSel);
    }

    /** After a vertical move: the column clamped to the line (or to its end), and a line selection's end. */
    private void fixAfterVertical(boolean noRectSel) {
        if (noRectSel) {
            int px = g.length(absY());
            if ((cx >= lastsx && cx != px) || cx > px) {
                cx = px;
                updateSelection(false);
            }
        }
        if (lineSel == LineSel.LEFT_RIGHT) {
            cx = rect ? g.sx : g.length(absY());
            updateSelection(false);
        } else if (lineSel == LineSel.RIGHT_LEFT) {
            cx = 0;
            updateSelection(false);
        }
    }

    /** The view moves down (tmux's window_copy_scroll_up): {@code ny} lines nearer the bottom. */
    private void scrollUp(int ny) {
        ny = Math.min(ny, oy);
        if (ny == 0) {
            return;
        }
        oy -= ny;
        refreshMarks();
        updateSelection(false);
    }

    /** The view moves up into the history (tmux's window_copy_scroll_down). */
    private void scrollDown(int ny) {
        if (ny > g.hsize) {
            return;
        }
        if (oy > g.hsize - ny) {
            ny = g.hsize - oy;
        }
        if (ny == 0) {
            return;
        }
        oy += ny;
        refreshMarks();
        updateSelection(false);
    }

    /** After the view scrolled: the highlighting follows it (tmux recomputes it there). */
    private void refreshMarks() {
        if (marks != null) {
            marks = computeMarks();
        }
    }

    /** Puts the cursor where the reader went, scrolling up as far as needed (tmux's acquire_cursor_up). */
    private void acquireUp(GridReader r) {
        int top = g.hsize - oy;
        int ncy;
        int ny;
        if (r.cy < top) {
            ny = top - r.cy;
            ncy = 0;
        } else {
            ny = 0;
            ncy = r.cy - top;
        }
        for (; ny > 0; ny--) {
            cursorUp(true);
        }
        cx = r.cx;
        cy = ncy;
        updateSelection(false);
    }

    /** As acquireUp, scrolling down (tmux's acquire_cursor_down). */
    private void acquireDown(GridReader r, boolean noReset) {
        int ncy = r.cy - g.hsize + oy;
        int yy = g.sy - 1;
        int ny = ncy > yy ? ncy - yy : 0;
        for (; ny > 0; ny--) {
            cursorDown(true);
        }
        cx = r.cx;
        cy = Math.min(ncy, yy);
        updateSelection(noReset);
    }

    private void pageUp(boolean half) {
        int y = absY();
        int ox = g.length(y);
        if (cx != ox) {
            lastcx = cx;
            lastsx = ox;
        }
        cx = lastcx;
        int n = pageSize(half);
        if (oy + n > g.hsize) {
            oy = g.hsize;
            cy = cy < n ? 0 : cy - n;
        } else {
            oy += n;
        }
        clampAfterPage();
        refreshMarks();
        updateSelection(false);
    }

    /** True when scrolled to the bottom and {@code exitAtBottom}. */
    private boolean pageDown(boolean half, boolean exitAtBottom) {
        int y = absY();
        int ox = g.length(y);
        if (cx != ox) {
            lastcx = cx;
            lastsx = ox;
        }
        cx = lastcx;
        int n = pageSize(half);
        if (oy < n) {
            oy = 0;
            if (cy + (n - oy) >= g.sy) {
                cy = g.sy - 1;
            } else {
                cy += n - oy;
            }
        } else {
            oy -= n;
        }
        clampAfterPage();
        if (exitAtBottom && oy == 0) {
            return true;
        }
        refreshMarks();
        updateSelection(false);
        return false;
    }

    private int pageSize(boolean half) {
        if (g.sy <= 2) {
            return 1;
        }
        return half ? g.sy / 2 : g.sy - 2;
    }

    private void clampAfterPage() {
        if (!selection || !rect) {
            int px = g.length(absY());
            if ((cx >= lastsx && cx != px) || cx > px) {
                cursorEndOfLine();
            }
        }
    }

    private void paragraph(boolean next) {
        int y = absY();
        if (next) {
            int maxy = g.hsize + g.sy - 1;
            while (y < maxy && g.length(y) == 0) {
                y++;
            }
            while (y < maxy && g.length(y) > 0) {
                y++;
            }
            scrollTo(g.length(y), y);
        } else {
            while (y > 0 && g.length(y) == 0) {
                y--;
            }
            while (y > 0 && g.length(y) > 0) {
                y--;
            }
            scrollTo(0, y);
        }
    }

    private void gotoLine(String text) {
        int n;
        try {
            n = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return;
        }
        if (n < -1) {
            return;
        }
        if (n < 0 || n > g.hsize) {
            n = g.hsize;
        }
        oy = n;
        updateSelection(false);
    }

    /** Moves the cursor to line {@code py} of the snapshot, scrolling it into view as tmux does (a quarter from the edge). */
    private void scrollTo(int px, int py) {
        scrollTo(px, py, true);
    }

    /** {@code redraw}: false for a search's own jump, which computes the highlighting itself. */
    private void scrollTo(int px, int py, boolean redraw) {
        cx = px;
        int top = g.hsize - oy;
        if (py >= top && py < top + g.sy) {
            cy = py - top;
        } else {
            int gap = g.sy / 4;
            int offset;
            if (py < g.sy) {
                offset = 0;
                cy = py;
            } else if (py > g.hsize + g.sy - gap) {
                offset = g.hsize;
                cy = py - g.hsize;
            } else {
                offset = py + gap - g.sy;
                cy = py - offset;
            }
            oy = g.hsize - offset;
        }
        if (redraw && marks != null) {
            marks = computeMarks();
        }
        updateSelection(false);
    }

    private void jumpOnce(Jump type, boolean reverse) {
        if (jumpChar == null) {
            return;
        }
        Jump t = type;
        if (reverse) {
            t = switch (type) {
                case FORWARD -> Jump.BACKWARD;
                case BACKWARD -> Jump.FORWARD;
                case TO_FORWARD -> Jump.TO_BACKWARD;
                case TO_BACKWARD -> Jump.TO_FORWARD;
                case OFF -> Jump.OFF;
            };
        }
        GridReader r;
        switch (t) {
            case FORWARD -> {
                r = new GridReader(g, cx + 1, absY());
                if (r.jump(jumpChar)) {
                    acquireDown(r, false);
                }
            }
            case TO_FORWARD -> {
                r = new GridReader(g, cx + 2, absY());
                if (r.jump(jumpChar)) {
                    r.left(true);
                    acquireDown(r, false);
                }
            }
            case BACKWARD -> {
                r = reader();
                r.left(false);
                if (r.jumpBack(jumpChar)) {
                    acquireUp(r);
                }
            }
            case TO_BACKWARD -> {
                r = reader();
                r.left(false);
                r.left(false);
                if (r.jumpBack(jumpChar)) {
                    r.right(true, false);
                    acquireUp(r);
                }
            }
            case OFF -> { }
        }
    }

    private void jumpToMark() {
        int tmx = cx;
        int tmy = absY();
        cx = mx;
        if (my < g.hsize) {
            cy = 0;
            oy = g.hsize - my;
        } else {
            cy = my - g.hsize;
            oy = 0;
        }
        mx = tmx;
        my = tmy;
        showMark = true;
        updateSelection(false);
    }

    private static String firstCharacter(String s) {
        return s.substring(0, s.offsetByCodePoints(0, 1));
    }

    /**
     * The mouse put the cursor on cell ({@code x}, {@code y}) of the view (tmux's
     * window_copy_start_drag and window_copy_drag_update): a selection being made follows it.
     */
    public void moveCursor(int x, int y) {
        cx = Math.max(0, Math.min(g.sx - 1, x));
        cy = Math.max(0, Math.min(g.sy - 1, y));
        updateSelection(false);
    }

    // ---- the selection (tmux's window_copy_*_selection) ----------------------------------------

    private void startSelection() {
        selx = cx;
        sely = absY();
        endselx = selx;
        endsely = sely;
        drag = Drag.END;
        selection = true;
    }

    private void clearSelection() {
        selection = false;
        drag = Drag.NONE;
        lineSel = LineSel.NONE;
        lineMode = false;
        int px = g.length(absY());
        if (cx > px) {
            cx = px;
        }
    }

    private void updateSelection(boolean noReset) {
        if (!selection && lineSel == LineSel.NONE) {
            return;
        }
        synchronizeCursor(noReset);
    }

    /** The end of the selection that follows the cursor takes the cursor's place. */
    private void synchronizeCursor(boolean noReset) {
        if (drag == Drag.NONE) {
            return;
        }
        boolean begin = drag == Drag.START;
        int xx = cx;
        int yy = absY();
        if (lineMode && !noReset) {
            begin = false;
            if (dy > yy) {
                xx = 0;
                begin = true;
                endselx = g.length(endselry);
                endsely = endselry;
            } else {
                if (yy < endselry) {
                    yy = endselry;
                }
                xx = g.length(yy);
                selx = selrx;
                sely = selry;
            }
        }
        if (begin) {
            selx = xx;
            sely = yy;
        } else {
            endselx = xx;
            endsely = yy;
        }
    }

    private void otherEnd() {
        if (!selection && lineSel == LineSel.NONE) {
            return;
        }
        if (lineSel == LineSel.LEFT_RIGHT) {
            lineSel = LineSel.RIGHT_LEFT;
        } else if (lineSel == LineSel.RIGHT_LEFT) {
            lineSel = LineSel.LEFT_RIGHT;
        }
        drag = drag == Drag.END ? Drag.START : Drag.END;
        int sx2 = drag == Drag.START ? selx : endselx;
        int sy2 = drag == Drag.START ? sely : endsely;
        int oldcy = cy;
        int yy = absY();
        cx = sx2;
        if (sy2 < g.hsize - oy) {
            oy = g.hsize - sy2;
            cy = 0;
        } else if (sy2 > g.hsize - oy + g.sy) {
            oy = g.hsize - sy2 + g.sy - 1;
            cy = g.sy - 1;
        } else {
            cy = oldcy + sy2 - yy;
        }
        updateSelection(true);
    }

    private void setRectangle(boolean on) {
        rect = on;
        int px = g.length(absY());
        if (cx > px) {
            cx = px;
        }
        updateSelection(false);
    }

    private void selectLine(int np) {
        lineSel = LineSel.LEFT_RIGHT;
        rect = false;
        lineMode = true;
        dy = absY();
        cursorStartOfLine();
        selrx = cx;
        selry = absY();
        endselry = selry;
        startSelection();
        cursorEndOfLine();
        endselry = absY();
        for (int i = np; i > 1; i--) {
            cursorDown(false);
            cursorEndOfLine();
        }
    }

    // ---- search (plain text, as search-forward-text) -------------------------------------------

    /** The first line of the view's search area: the top line, and the lines wrapping into it. */
    private int visibleStart() {
        int start = g.hsize - oy;
        while (start > 0 && g.wrapped(start - 1)) {
            start--;
        }
        return start;
    }

    /** The match numbers of the view's cells (0: none), as tmux's searchmark. */
    private int[] computeMarks() {
        int[] m = new int[g.sx * g.sy];
        int top = g.hsize - oy;
        int gen = 1;
        for (SearchMatches.Match match : SearchMatches.find(g, searchStr, visibleStart(), top + g.sy)) {
            int at = (match.y() - top) * g.sx + match.x();
            for (int i = Math.max(at, 0); i < at + match.cells() && i < m.length; i++) {
                if (m[i] == 0) {
                    m[i] = gen;
                }
            }
            gen = gen == 255 ? 1 : gen + 1;
        }
        return m;
    }

    /** Position {@code (x, y)} of the snapshot in the marks array, or -1 off the view. */
    private int markAt(int x, int y) {
        int top = g.hsize - oy;
        if (y < top || y > top + g.sy - 1) {
            return -1;
        }
        return (y - top) * g.sx + x;
    }

    private void search(boolean down) {
        searchFound(down);
    }

    /** tmux's window_copy_search: whether a match was found (and the cursor moved to it). */
    private boolean searchFound(boolean down) {
        searchDown = down;
        lastSearch = searchStr;
        int[] fx = {cx};
        int[] fy = {absY()};
        boolean cis = searchStr.equals(searchStr.toLowerCase(java.util.Locale.ROOT));
        int endline;
        if (down) {
            if (!emacs) {
                if (marks != null) {
                    moveAfterMark(marks, fx, fy, true);
                } else {
                    moveRight(fx, fy, true);
                }
            }
            endline = g.lastLine();
        } else {
            moveLeft(fx, fy, true);
            endline = 0;
        }
        boolean found = searchJump(fx[0], fy[0], endline, cis, true, down);
        if (!found) {
            return false;
        }
        marks = computeMarks();
        searchCount = SearchMatches.count(g, searchStr);
        int[] m = marks;
        fx[0] = cx;
        fy[0] = absY();
        int at = markAt(fx[0], fy[0]);
        if (down && at > 0 && m[at] == m[at - 1]) {
            moveAfterMark(m, fx, fy, true);
            searchJump(fx[0], fy[0], endline, cis, true, down);
            fx[0] = cx;
            fy[0] = absY();
        }
        if (down) {
            if (emacs) {
                moveAfterMark(m, fx, fy, true);
                cx = fx[0];
                cy = fy[0] - g.hsize + oy;
            }
        } else {
            int start = markAt(fx[0], fy[0]);
            if (start >= 0) {
                int mark = m[start];
                while (true) {
                    int a = markAt(fx[0], fy[0]);
                    if (a < 0 || m[a] != mark) {
                        break;
                    }
                    cx = fx[0];
                    cy = fy[0] - g.hsize + oy;
                    if (a == 0) {
                        break;
                    }
                    moveLeft(fx, fy, false);
                }
            }
        }
        return true;
    }

    /**
     * One keystroke of an incremental search (emacs keys' C-s and C-r): {@code text} is the prompt's
     * text after a prefix, {@code =} (search again in the direction of the command), {@code +}
     * (down) or {@code -} (up). A changed text searches again from where the search began; an
     * empty one only clears the highlighting.
     */
    private Action incremental(boolean forwardCommand, String text) {
        char prefix = text.charAt(0);
        String rest = text.substring(1);
        Action action = Action.NOTHING;
        if (searchx == -1 || searchy == -1) {
            searchx = cx;
            searchy = cy;
            searcho = oy;
        } else if (searchStr != null && !rest.equals(searchStr)) {
            cx = searchx;
            cy = searchy;
            oy = searcho;
            action = Action.REDRAW;
        }
        if (rest.isEmpty()) {
            marks = null;
            return Action.REDRAW;
        }
        boolean down = prefix == '+' || prefix == '=' && forwardCommand;
        if (prefix != '+' && prefix != '-' && prefix != '=') {
            return action;
        }
        searchType = down ? 1 : -1;
        searchStr = rest;
        if (!searchFound(down)) {
            marks = null;
            return Action.REDRAW;
        }
        return action;
    }

    private boolean searchJump(int fx, int fy, int endline, boolean cis, boolean wrap, boolean down) {
        SearchMatches.Needle needle = SearchMatches.needle(searchStr);
        int px = -1;
        int line = -1;
        if (down) {
            for (int i = fy; i <= endline; i++) {
                px = SearchMatches.leftToRight(g, needle, i, fx, g.sx, cis);
                if (px >= 0) {
                    line = i;
                    break;
                }
                fx = 0;
            }
        } else {
            for (int i = fy + 1; endline < i; i--) {
                px = SearchMatches.rightToLeft(g, needle, i - 1, 0, fx + 1, cis);
                if (px >= 0) {
                    line = i - 1;
                    break;
                }
                fx = g.sx - 1;
            }
        }
        if (line >= 0) {
            scrollTo(px, line, false);
            return true;
        }
        if (wrap) {
            return searchJump(down ? 0 : g.sx - 1, down ? 0 : g.lastLine(), fy, cis, false, down);
        }
        return false;
    }

    private void moveAfterMark(int[] m, int[] fx, int[] fy, boolean wrap) {
        int start = markAt(fx[0], fy[0]);
        if (start < 0 || m[start] == 0) {
            return;
        }
        int mark = m[start];
        while (true) {
            int at = markAt(fx[0], fy[0]);
            if (at < 0 || m[at] != mark) {
                break;
            }
            if (!wrap && fx[0] == g.sx - 1 && fy[0] == g.lastLine()) {
                break;
            }
            moveRight(fx, fy, wrap);
        }
    }

    private void moveLeft(int[] fx, int[] fy, boolean wrap) {
        if (fx[0] == 0) {
            if (fy[0] == 0) {
                if (wrap) {
                    fx[0] = g.sx - 1;
                    fy[0] = g.lastLine();
                }
                return;
            }
            fx[0] = g.sx - 1;
            fy[0]--;
        } else {
            fx[0]--;
        }
    }

    private void moveRight(int[] fx, int[] fy, boolean wrap) {
        if (fx[0] == g.sx - 1) {
            if (fy[0] == g.lastLine()) {
                if (wrap) {
                    fx[0] = 0;
                    fy[0] = 0;
                }
                return;
            }
            fx[0] = 0;
            fy[0]++;
        } else {
            fx[0]++;
        }
    }

    /** The text of the search match under the cursor (or just before it), for a copy without a selection. */
    private String matchAtCursor() {
        if (marks == null) {
            return null;
        }
        int[] m = marks;
        int at = markAt(cx, absY());
        if (at < 0) {
            return null;
        }
        if (at >= m.length || m[at] == 0) {
            if (at == 0 || m[--at] == 0) {
                return null;
            }
        }
        int mark = m[at];
        int start = at;
        int end = at;
        while (start > 0 && m[start - 1] == mark) {
            start--;
        }
        while (end < m.length - 1 && m[end + 1] == mark) {
            end++;
        }
        StringBuilder b = new StringBuilder();
        int top = g.hsize - oy;
        for (int i = start; i <= end; i++) {
            b.append(g.text(i % g.sx, top + i / g.sx));
        }
        return b.toString();
    }

    /** The text last searched for, which the pane keeps for its next copy mode; null if none. */
    public String lastSearch() {
        return lastSearch;
    }

    /** Whether the current search goes down (for drawing the current match as tmux does). */
    public boolean searchingDown() {
        return searchDown;
    }

    /** The position of the mark set by {@code set-mark}, when shown: {x, line of the snapshot}; else null. */
    public int[] mark() {
        return showMark ? new int[] {mx, my} : null;
    }
}
