package scarab.daemon.terminal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A headless terminal screen that mirrors tmux 3.3a's screen model (input.c, screen-write.c, grid.c, grid-view.c and
 * screen.c) so that {@link #capture(CaptureOptions)} gives the same text as {@code tmux capture-pane -p}.
 *
 * <p>Feed bytes with {@link #feed(byte[], int, int)} (which runs the embedded {@link VtParser}).
 *
 * <p><b>Not thread safe</b>: the caller must serialise all access (feed, capture, render, resize...).
 */
public final class Screen implements VtHandler {
    // ---- modes (tmux MODE_*) ----
    static final int MODE_CURSOR = 0x1, MODE_INSERT = 0x2, MODE_KCURSOR = 0x4, MODE_KKEYPAD = 0x8,
            MODE_WRAP = 0x10, MODE_MOUSE_STANDARD = 0x20, MODE_MOUSE_BUTTON = 0x40, MODE_CURSOR_BLINKING = 0x80,
            MODE_MOUSE_UTF8 = 0x100, MODE_MOUSE_SGR = 0x200, MODE_BRACKETPASTE = 0x400, MODE_FOCUSON = 0x800,
            MODE_MOUSE_ALL = 0x1000, MODE_ORIGIN = 0x2000, MODE_CURSOR_BLINKING_SET = 0x4000,
            /** urxvt's mouse encoding (1015): tmux 3.3a ignores it; kept so a mouse event reaches such a program as it asked. */
            MODE_MOUSE_URXVT = 0x8000;
    static final int ALL_MOUSE_MODES = MODE_MOUSE_STANDARD | MODE_MOUSE_BUTTON | MODE_MOUSE_ALL;
    static final int DEFAULT_MODE = MODE_CURSOR | MODE_WRAP;

    private static final long MASK32 = 0xffffffffL;
    private static final int ZWJ = 0x200d;
    private static final int UTF8_SIZE = 21; // tmux's limit for a cell's UTF-8 bytes (base + combining)

    private final VtParser parser;
    private final int historyLimit;
    private final long historyBytes;

    int cols, rows;
    Line[] lines;                 // visible rows
    final History history;
    int hscrolled;
    boolean historyOn;            // tmux GRID_HISTORY

    int cx, cy;                   // cx may equal cols (pending wrap, tmux style)
    int rupper, rlower;
    int mode = DEFAULT_MODE;
    boolean[] tabs;
    int cursorStyle;              // DECSCUSR value

    // current cell (ictx->cell)
    long pen;                     // attributes without CHARSET
    int penUs;
    int charsetSet;               // 0 = G0 active (SI), 1 = G1 active (SO)
    int g0, g1;                   // 0 = ASCII, 1 = DEC special graphics

    // saved state (DECSC)
    long savedPen;
    int savedUs, savedSet, savedG0, savedG1;
    int savedCx, savedCy, savedMode;

    // alternate screen
    Line[] altSaved;              // saved main screen while the alternate screen is active
    int altSavedCols, altSavedRows;
    int altSavedCx = -1, altSavedCy = -1;
    long altSavedPen;
    int altSavedUs;
    boolean altSavedHistoryOn;

    private String title = "";
    private long bells;
    private final ArrayList<String> titleStack = new ArrayList<>(0);
    private int last = -1;         // last printed ASCII character for REP
    private boolean zwjPending;

    private byte[] replies;
    private int repliesLen;
    private long changes;
    private long stamps;          // the last stamp given to a line (rowStamp)

    private boolean tmuxStrict = true;

    private final CombiningTable combining = new CombiningTable();
    private Line[] scratch;       // for line moves
    private Line[] spare;

    /** Default for {@link #historyBytes()}: 16 MB of history lines per screen. */
    public static final long DEFAULT_HISTORY_BYTES = 16L << 20;

    public Screen(int cols, int rows, int historyLimit) {
        this(cols, rows, historyLimit, DEFAULT_HISTORY_BYTES);
    }

    /**
     * @param historyLimit lines of history kept at most (tmux's history-limit)
     * @param historyBytes bytes of heap the history lines may hold (their footprint): beyond it the
     *                     oldest lines are dropped, as at the line limit, a tenth of the bound at once
     */
    public Screen(int cols, int rows, int historyLimit, long historyBytes) {
        this(cols, rows, historyLimit, historyBytes, false);
    }

    /**
     * @param onDisk lines pushed out by the bounds stay readable from the store (history-disk):
     *               only lines already stored leave memory, unless the lines waiting to be stored
     *               pass twice the bounds (then they are lost, as without it)
     */
    public Screen(int cols, int rows, int historyLimit, long historyBytes, boolean onDisk) {
        this.history = new History(onDisk);
        this.historyBytes = Math.max(0, historyBytes);
        if (cols < 1) cols = 1;
        if (rows < 1) rows = 1;
        this.cols = cols;
        this.rows = rows;
        this.historyLimit = Math.max(0, historyLimit);
        this.historyOn = this.historyLimit != 0;
        this.lines = new Line[rows];
        for (int i = 0; i < rows; i++) lines[i] = new Line();
        stampAll();
        this.rupper = 0;
        this.rlower = rows - 1;
        resetTabs();
        this.parser = new VtParser(this);
    }

    // =====================================================================================================
    // Public API
    // =====================================================================================================

    /** Feeds program output. */
    public void feed(byte[] data, int off, int len) { parser.feed(data, off, len); }

    /** No escape sequence or UTF-8 character is half fed (an upgrade stops reading only then). */
    public boolean parserAtRest() { return parser.isGround(); }

    public void feed(byte[] data) { parser.feed(data, 0, data.length); }

    public void feed(String s) { feed(s.getBytes(StandardCharsets.UTF_8)); }

    public int cols() { return cols; }
    public int rows() { return rows; }
    public int historyLimit() { return historyLimit; }
    public long historyBytes() { return historyBytes; }
    /** Heap held by the history lines now, as bounded by {@link #historyBytes()}. */
    public long historyBytesUsed() { return history.bytes(); }
    public String title() { return title; }

    /** Cursor column, 0-based, clamped to the last column (see {@link #pendingWrap()}). */
    public int cursorX() { return Math.min(cx, cols - 1); }
    public int cursorY() { return cy; }
    /** Cursor column as tmux stores it: equals cols() while a wrap is pending. */
    int rawCursorX() { return cx; }
    /** True if the cursor sits past the last column (the next printable character wraps first). */
    public boolean pendingWrap() { return cx >= cols; }
    public boolean cursorVisible() { return (mode & MODE_CURSOR) != 0; }
    public boolean applicationCursorKeys() { return (mode & MODE_KCURSOR) != 0; }
    public boolean applicationKeypad() { return (mode & MODE_KKEYPAD) != 0; }
    public boolean bracketedPaste() { return (mode & MODE_BRACKETPASTE) != 0; }
    public boolean focusEvents() { return (mode & MODE_FOCUSON) != 0; }
    public boolean insertMode() { return (mode & MODE_INSERT) != 0; }
    public boolean originMode() { return (mode & MODE_ORIGIN) != 0; }
    public boolean autoWrap() { return (mode & MODE_WRAP) != 0; }
    /** 0 = off, 1000, 1002 or 1003. */
    public int mouseTracking() {
        if ((mode & MODE_MOUSE_ALL) != 0) return 1003;
        if ((mode & MODE_MOUSE_BUTTON) != 0) return 1002;
        if ((mode & MODE_MOUSE_STANDARD) != 0) return 1000;
        return 0;
    }
    public boolean mouseSgr() { return (mode & MODE_MOUSE_SGR) != 0; }
    public boolean mouseUtf8() { return (mode & MODE_MOUSE_UTF8) != 0; }
    public boolean mouseUrxvt() { return (mode & MODE_MOUSE_URXVT) != 0; }
    public boolean alternateScreenActive() { return altSaved != null; }
    public int historySize() { return history.size(); }
    /** The number the next line pushed into history gets: it only grows, but for a resize that takes lines back. */
    public long historyEnd() { return history.endAbs(); }
    public int scrollTop() { return rupper; }
    public int scrollBottom() { return rlower; }
    /** DECSCUSR cursor style (0 = default). */
    public int cursorStyle() { return cursorStyle; }

    /**
     * When true, sequences that tmux 3.3a ignores are ignored here too (CHT, HPR, VPR, DECSTR, mode 1048), and DSR 6
     * is answered exactly like tmux. Default true: tmux is Scarab's reference; false turns on those xterm features.
     */
    public void setTmuxStrict(boolean strict) { this.tmuxStrict = strict; }

    /** Replies for the program (DA, DSR, DECRQM...), accumulated since the last call; null if none. */
    public byte[] takeReplies() {
        if (repliesLen == 0) return null;
        byte[] r = Arrays.copyOf(replies, repliesLen);
        repliesLen = 0;
        if (replies.length > 4096) replies = null;
        return r;
    }

    /** Increments whenever anything visible or stateful changes. */
    public long changeCount() { return changes; }

    /** How many times the program rang the bell (BEL outside a string): the event stream's {@code bell}. */
    public long bells() { return bells; }

    /**
     * The damage stamp of visible row {@code y}: the line there gets a new one, unique in this
     * screen, whenever one of its cells changes, and keeps it when it moves to another row (a
     * scroll). So a view that remembers the stamp it drew each row from knows which rows changed
     * (a stamp it has not seen) and which moved (a stamp it drew at another row). 0 means unknown:
     * always draw it. Read under the screen's lock, as the cells are.
     */
    public long rowStamp(int y) { return lines[y].stamp; }

    private void stamp(Line l) { l.stamp = ++stamps; }

    /** Every visible line as changed: after a resize or a switch of screens, which replace lines. */
    private void stampAll() { for (Line l : lines) stamp(l); }

    /** Text of the cell (with combining characters); DEC graphics mapped to Unicode like tmux does for display. */
    public String cellText(int x, int y) {
        Line l = lines[y];
        int c = l.cp(x);
        if (c == Line.PADDING) return "";
        StringBuilder sb = new StringBuilder();
        if (c == 0) c = ' ';
        if ((l.attr(x) & Attr.CHARSET) != 0) {
            int m = Acs.toUnicode(c);
            if (m != 0) c = m;
        }
        sb.appendCodePoint(c);
        int[] cb = l.comb(x);
        if (cb != null) for (int k : cb) sb.appendCodePoint(k);
        return sb.toString();
    }

    /** Packed attributes of the visible cell (see {@link Attr}). */
    public long cellAttr(int x, int y) { return lines[y].attr(x); }

    /** Code point of the visible cell: 0 = empty, -1 = right half of a wide character. */
    public int cellCodePoint(int x, int y) { return lines[y].cp(x); }

    /**
     * Copies {@code n} cells of visible row {@code y}, from column {@code x}, into the arrays at
     * index {@code at}: code points as {@link #cellCodePoint}, attributes as {@link #cellAttr}
     * (the DEC graphics bit kept, the character not mapped), underline colours (0 = none) and
     * combining characters (null = none; the arrays are shared, not copied: do not change them).
     * Cells past the stored part of the line read as empty. One call per row for the composed
     * view instead of a call and a String per cell.
     */
    public void copyCells(int y, int x, int n, int[] cps, long[] attrs, int[] us, int[][] comb, int at) {
        Line l = lines[y];
        int stored = Math.max(0, Math.min(n, l.length() - x));
        if (stored > 0) {
            System.arraycopy(l.cp, x, cps, at, stored);
            System.arraycopy(l.at, x, attrs, at, stored);
        }
        java.util.Arrays.fill(cps, at + stored, at + n, 0);
        java.util.Arrays.fill(attrs, at + stored, at + n, 0L);
        for (int i = 0; i < n; i++) {
            us[at + i] = l.us(x + i);
            comb[at + i] = l.comb(x + i);
        }
    }

    // =====================================================================================================
    // Resize
    // =====================================================================================================

    public void resize(int newCols, int newRows) {
        if (newCols < 1) newCols = 1;
        if (newRows < 1) newRows = 1;
        if (newCols == cols && newRows == rows) return;
        changes++;
        // tmux reflows the main screen only: the alternate screen is kept as it is (and the main
        // screen it saved is reflowed when it comes back, alternateOff).
        resizeGrid(newCols, newRows, altSaved == null);
        stampAll();
    }

    /** tmux screen_resize_cursor(): rows first, then the lines rewrapped to the new width ({@link Reflow}). */
    private void resizeGrid(int sx, int sy, boolean reflow) {
        long cyAbs = (long) history.size() + cy;
        int ncx = cx;
        if (sx != cols) {
            cols = sx;
            // Cells past the new width are kept, as tmux keeps them: a reflow rewraps them, and
            // without one (the alternate screen) they show again if the pane gets wider.
            if (!reflow) for (Line l : lines) if (l.cp != null && l.cp.length < sx) l.alloc(sx);
            resetTabs();
        } else {
            reflow = false;
        }
        if (sy != rows) cyAbs = resizeY(sy, cyAbs);
        if (reflow) {
            long[] c = reflowLines(ncx, cyAbs);
            ncx = (int) c[0];
            cyAbs = c[1];
        }
        int hs = history.size();
        if (cyAbs >= hs) {
            cx = ncx;
            cy = (int) (cyAbs - hs);
        } else {
            cx = 0;
            cy = 0;
        }
        // The column is not clamped: tmux 3.3a keeps it past a narrower width when it does not
        // reflow (the alternate screen), and the next character written wraps first.
        if (cy > rows - 1) cy = rows - 1;
    }

    /**
     * tmux screen_reflow(): the history in memory and the visible lines rewrapped to {@link #cols},
     * the cursor kept at the same place in its text. Returns the cursor's column and absolute line.
     * History that left memory for the store is not reflowed (docs/architecture.md, "Reflow").
     */
    private long[] reflowLines(int px, long pyAbs) {
        int hs = history.size();
        Row[] all = new Row[hs + rows];
        for (int i = 0; i < hs; i++) all[i] = history.get(i);
        System.arraycopy(lines, 0, all, hs, rows);
        long[] wrapped = Reflow.wrapPosition(all, px, (int) pyAbs);
        Reflow.Result r = Reflow.reflow(all, cols, hscrolled);
        List<Row> out = r.lines();
        while (out.size() < rows) out.add(new Line());
        long[] cursor = Reflow.unwrapPosition(out, wrapped[0], wrapped[1]);
        int nhs = out.size() - rows;
        List<HistLine> hist = new ArrayList<>(nhs);
        for (int i = 0; i < nhs; i++) {
            Row l = out.get(i);
            hist.add(l instanceof HistLine h ? h : HistLine.of((Line) l));
        }
        history.replaceAll(hist);
        Line[] nl = new Line[rows];
        for (int i = 0; i < rows; i++) {
            Row l = out.get(nhs + i);
            Line line = l instanceof Line v ? v : ((HistLine) l).toLine(cols);
            line.setWidth(cols);
            nl[i] = line;
        }
        lines = nl;
        hscrolled = Math.min(r.hscrolled(), nhs);
        scratch = null;
        spare = null;
        long cyAbs = cursor[1];
        // The byte bound is Scarab's own (tmux has only the line limit, applied at the next scroll).
        int before = history.size();
        collectHistoryBytes();
        cyAbs -= before - history.size();
        return new long[] {cursor[0], cyAbs};
    }

    private long resizeY(int sy, long cyAbs) {
        int oldy = rows;
        if (sy < oldy) {
            int needed = oldy - sy;
            int available = oldy - 1 - cy;
            if (available > 0) {
                if (available > needed) available = needed;
                deleteLinesView(oldy - available, available, 0);
            } else available = 0;
            needed -= available;
            // drop the emptied bottom lines
            Line[] nl = new Line[oldy - available];
            System.arraycopy(lines, 0, nl, 0, nl.length);
            lines = nl;
            rows = nl.length;
            if (historyOn) {
                for (int i = 0; i < needed; i++) {
                    history.push(HistLine.of(lines[i]));
                }
                collectHistoryBytes();
                hscrolled += needed;
                Line[] n2 = new Line[rows - needed];
                System.arraycopy(lines, needed, n2, 0, n2.length);
                lines = n2;
                rows = n2.length;
            } else if (needed > 0) {
                int av = cy;
                if (av > 0) {
                    if (av > needed) av = needed;
                    rows = lines.length;
                    deleteLinesView(0, av, 0);
                    cyAbs -= av;
                }
                Line[] n2 = Arrays.copyOf(lines, sy);
                lines = n2;
                rows = sy;
            }
        } else {
            int needed = sy - oldy;
            int available = hscrolled;
            Line[] nl = new Line[sy];
            int pulled = 0;
            if (historyOn && available > 0) {
                if (available > needed) available = needed;
                hscrolled -= available;
                pulled = available;
            }
            // pull newest history lines back on top
            for (int i = pulled - 1; i >= 0; i--) {
                HistLine h = history.popNewest();
                nl[i] = h.toLine(Math.max(cols, h.used()));
            }
            System.arraycopy(lines, 0, nl, pulled, oldy);
            for (int i = pulled + oldy; i < sy; i++) nl[i] = new Line();
            lines = nl;
        }
        rows = sy;
        if (lines.length != sy) lines = Arrays.copyOf(lines, sy);
        for (int i = 0; i < sy; i++) if (lines[i] == null) lines[i] = new Line();
        rupper = 0;
        rlower = rows - 1;
        scratch = null;
        spare = null;
        return cyAbs;
    }

    // =====================================================================================================
    // Grid primitives (mirroring tmux grid.c / grid-view.c). View coordinates unless noted.
    // =====================================================================================================

    private Row lineAbs(long a) {
        int hs = history.size();
        if (a < hs) return history.get((int) a);
        return lines[(int) (a - hs)];
    }

    /** Clears the wrapped flag of a line by absolute index (history lines are replaced, not changed). */
    private void unwrapAbs(long a) {
        int hs = history.size();
        if (a < hs) history.unwrap((int) a);
        else lines[(int) (a - hs)].wrapped = false;
    }

    private void expand(Line l, long n) {
        if (n <= l.cellsize) return;
        int sx = cols;
        if (n < sx / 4) n = sx / 4;
        else if (n < sx / 2) n = sx / 2;
        else if (sx > n) n = sx;
        if (n > sx) n = sx;
        if (l.cp == null || l.cp.length != sx) l.alloc(sx);
        l.cellsize = (int) n;
    }

    private void clearCell(Line l, int x, int bg) {
        stamp(l);
        l.cp[x] = 0;
        l.at[x] = bg == 0 ? 0L : Attr.clearedWithBg(bg);
        if (l.comb != null) l.comb[x] = null;
        if (l.us != null) l.us[x] = 0;
    }

    private void emptyLine(Line l, int bg) {
        stamp(l);
        l.reset();
        if (bg != 0) {
            expand(l, cols);
            long a = Attr.clearedWithBg(bg);
            Arrays.fill(l.at, 0, cols, a);
        }
    }

    /** tmux grid_set_cell. */
    private void setCell(Line l, int x, int c, long a, int us, int[] comb) {
        stamp(l);
        expand(l, x + 1);
        if (x + 1 > l.used) l.used = x + 1;
        l.cp[x] = c;
        l.at[x] = a;
        if (comb != null || l.comb != null) l.setComb(x, comb);
        if (us != 0 || l.us != null) l.setUs(x, us);
        if (c == Line.PADDING) l.ext = true;
    }

    private void setDefaultCell(Line l, int x) { setCell(l, x, ' ', 0L, 0, null); }

    /** tmux grid_clear with u_int semantics for nx/ny. */
    private void gridClear(int px, int py, int nxI, int nyI, int bg) {
        long nx = nxI & MASK32, ny = nyI & MASK32;
        if (nx == 0 || ny == 0) return;
        if (px == 0 && nx == cols) {
            gridClearLines(py, nyI, bg);
            return;
        }
        long hs = history.size();
        long total = hs + rows;
        long apy = hs + py;
        if (apy >= total || ((apy + ny - 1) & MASK32) >= total) return;
        long endY = (apy + ny) & MASK32;
        for (long yy = apy; yy < endY; yy++) {
            Line l = lines[(int) (yy - hs)];
            long sx = Math.min(cols, l.cellsize);
            long ox = nx;
            if (bg == 0) {
                if (px > sx) continue;
                if (((px + nx) & MASK32) > sx) ox = sx - px;
            }
            long end = (px + ox) & MASK32;
            expand(l, end);
            if (end > cols) end = cols;
            if (l.cp == null) continue;
            for (int xx = px; xx < end; xx++) clearCell(l, xx, bg);
        }
    }

    private void gridClearLines(int py, int nyI, int bg) {
        long ny = nyI & MASK32;
        if (ny == 0) return;
        long hs = history.size();
        long total = hs + rows;
        long apy = hs + py;
        if (apy >= total || ((apy + ny - 1) & MASK32) >= total) return;
        long endY = (apy + ny) & MASK32;
        for (long yy = apy; yy < endY; yy++) emptyLine(lines[(int) (yy - hs)], bg);
        if (apy != 0) unwrapAbs(apy - 1);
    }

    /** tmux grid_move_lines (view coordinates). */
    private void gridMoveLines(int dy, int py, int ny, int bg) {
        if (ny <= 0 || py == dy) return;
        if (py < 0 || py + ny - 1 >= rows || dy < 0 || dy + ny - 1 >= rows) return;
        long hs = history.size();
        if (scratch == null || scratch.length < rows) {
            scratch = new Line[rows];
            spare = new Line[rows];
        }
        int nspare = 0;
        for (int yy = dy; yy < dy + ny; yy++) {
            if (yy >= py && yy < py + ny) continue;
            spare[nspare++] = lines[yy];
        }
        if (hs + dy != 0) unwrapAbs(hs + dy - 1);
        System.arraycopy(lines, py, scratch, 0, ny);
        System.arraycopy(scratch, 0, lines, dy, ny);
        for (int yy = py; yy < py + ny; yy++) {
            if (yy < dy || yy >= dy + ny) {
                Line l = spare[--nspare];
                spare[nspare] = null;
                emptyLine(l, bg);
                lines[yy] = l;
            }
        }
        Arrays.fill(scratch, 0, ny, null);
        if (hs + py != 0 && (py < dy || py >= dy + ny)) unwrapAbs(hs + py - 1);
    }

    /** tmux grid_move_cells. */
    private void gridMoveCells(int dx, int px, int py, int nx, int bg) {
        if (nx <= 0 || px == dx) return;
        Line l = lines[py];
        stamp(l);
        expand(l, px + nx);
        expand(l, dx + nx);
        System.arraycopy(l.cp, px, l.cp, dx, nx);
        System.arraycopy(l.at, px, l.at, dx, nx);
        if (l.comb != null) System.arraycopy(l.comb, px, l.comb, dx, nx);
        if (l.us != null) System.arraycopy(l.us, px, l.us, dx, nx);
        if (dx + nx > l.used) l.used = dx + nx;
        for (int xx = px; xx < px + nx; xx++) {
            if (xx >= dx && xx < dx + nx) continue;
            clearCell(l, xx, bg);
        }
    }

    private void collectHistory() {
        int hs = history.size();
        if (hs == 0 || hs < historyLimit) return;
        int ny = historyLimit / 10;
        if (ny < 1) ny = 1;
        if (ny > hs) ny = hs;
        dropHistory(ny, hs >= 2L * historyLimit);
    }

    /**
     * Keeps the history within its byte bound: past it, the oldest lines go, down to nine tenths
     * of the bound (so that a flood does not drop lines one by one at every scroll).
     */
    private void collectHistoryBytes() {
        if (history.bytes() <= historyBytes) return;
        boolean overHard = history.bytes() > 2 * historyBytes;
        int max = overHard || !history.onDisk() ? Integer.MAX_VALUE : history.storedLines();
        dropHistory(history.linesAbove(historyBytes - historyBytes / 10, max), overHard);
    }

    /**
     * Drops the {@code n} oldest lines from memory. With history on disk, only those already
     * stored go (the others wait for the snapshot thread, which {@link #historyWaitingForStore}
     * tells to hurry), unless memory holds twice the bounds ({@code overHard}): then memory wins.
     */
    private void dropHistory(int n, boolean overHard) {
        if (history.onDisk() && !overHard) n = Math.min(n, history.storedLines());
        if (n <= 0) return;
        history.dropOldest(n);
        if (hscrolled > history.size()) hscrolled = history.size();
    }

    /**
     * The snapshot thread stored every history line below {@code end} (as copied by its last
     * {@link HistoryArchive#prepare}), and the store keeps lines from {@code diskStart} on.
     */
    public void historyStored(long end, long diskStart) {
        history.stored(end, diskStart);
        if (!history.onDisk()) return;
        // Lines that waited to be stored may go now, down to the bounds (a tenth under them, as at a push).
        while (historyLimit > 0 && history.size() > historyLimit && history.storedLines() > 0) collectHistory();
        collectHistoryBytes();
    }

    /**
     * Whether lines past the history's bounds wait in memory until they are stored (history on
     * disk): the snapshot thread should store them soon.
     */
    public boolean historyWaitingForStore() {
        if (!history.onDisk()) return false;
        return (historyLimit > 0 && history.size() > historyLimit) || history.bytes() > historyBytes;
    }

    /** tmux grid_scroll_history: the top visible line goes to history. */
    private void scrollHistory(int bg) {
        Line top = lines[0];
        history.push(HistLine.of(top));
        collectHistoryBytes();
        System.arraycopy(lines, 1, lines, 0, rows - 1);
        emptyLine(top, bg);
        lines[rows - 1] = top;
        hscrolled++;
    }

    /** tmux grid_scroll_history_region: the region's top line goes to history. */
    private void scrollHistoryRegion(int upper, int lower, int bg) {
        Line l = lines[upper];
        history.push(HistLine.of(l));
        collectHistoryBytes();
        System.arraycopy(lines, upper + 1, lines, upper, lower - upper);
        emptyLine(l, bg);
        lines[lower] = l;
        hscrolled++;
    }

    private void scrollRegionUp(int upper, int lower, int bg) {
        if (historyOn) {
            collectHistory();
            if (upper == 0 && lower == rows - 1) scrollHistory(bg);
            else scrollHistoryRegion(upper, lower, bg);
        } else {
            gridMoveLines(upper, upper + 1, lower - upper, bg);
        }
    }

    private void scrollRegionDown(int upper, int lower, int bg) {
        gridMoveLines(upper + 1, upper, lower - upper, bg);
    }

    private void insertLinesView(int py, int ny, int bg) {
        gridMoveLines(py + ny, py, rows - py - ny, bg);
    }

    private void insertLinesRegion(int lower, int py, int ny, int bg) {
        int ny2 = lower + 1 - py - ny;
        gridMoveLines(lower + 1 - ny2, py, ny2, bg);
        gridClear(0, py + ny2, cols, ny - ny2, bg);
    }

    private void deleteLinesView(int py, int ny, int bg) {
        gridMoveLines(py, py + ny, rows - py - ny, bg);
        gridClear(0, rows - ny, cols, py + ny - (rows - ny), bg);
    }

    private void deleteLinesRegion(int lower, int py, int ny, int bg) {
        int ny2 = lower + 1 - py - ny;
        gridMoveLines(py, py + ny, ny2, bg);
        gridClear(0, py + ny2, cols, ny - ny2, bg);
    }

    private void insertCellsView(int px, int py, int nx, int bg) {
        if (px >= cols - 1) gridClear(px, py, 1, 1, bg);
        else gridMoveCells(px + nx, px, py, cols - px - nx, bg);
    }

    private void deleteCellsView(int px, int py, int nx, int bg) {
        gridMoveCells(px, px + nx, py, cols - px - nx, bg);
        gridClear(cols - nx, py, px + nx - (cols - nx), 1, bg);
    }

    /** tmux grid_view_clear_history: scroll used lines into history then clear the rest. */
    private void clearIntoHistory(int bg) {
        int lastUsed = 0;
        for (int yy = 0; yy < rows; yy++) if (lines[yy].used != 0) lastUsed = yy + 1;
        if (lastUsed == 0) {
            gridClear(0, 0, cols, rows, bg);
            return;
        }
        for (int yy = 0; yy < lastUsed; yy++) {
            collectHistory();
            scrollHistory(bg);
        }
        if (lastUsed < rows) gridClear(0, 0, cols, rows - lastUsed, bg);
        hscrolled = 0;
    }

    // =====================================================================================================
    // screen_write_* equivalents
    // =====================================================================================================

    private void setCursor(int x, int y) {
        if (x != -1) {
            if (x > cols) x = cols - 1;
            cx = x;
        }
        if (y != -1) {
            if (y > rows - 1) y = rows - 1;
            cy = y;
        }
    }

    private void cursorMove(int px, int py, boolean origin) {
        if (origin && py != -1 && (mode & MODE_ORIGIN) != 0) {
            if (py > rlower - rupper) py = rlower;
            else py += rupper;
        }
        if (px != -1 && px > cols - 1) px = cols - 1;
        if (py != -1 && py > rows - 1) py = rows - 1;
        setCursor(px, py);
    }

    private void cursorUp(int ny) {
        int x = cx, y = cy;
        if (ny == 0) ny = 1;
        if (y < rupper) {
            if (ny > y) ny = y;
        } else {
            if (ny > y - rupper) ny = y - rupper;
        }
        if (x == cols) x--;
        y -= ny;
        setCursor(x, y);
    }

    private void cursorDown(int ny) {
        int x = cx, y = cy;
        if (ny == 0) ny = 1;
        if (y > rlower) {
            if (ny > rows - 1 - y) ny = rows - 1 - y;
        } else {
            if (ny > rlower - y) ny = rlower - y;
        }
        if (x == cols) x--;
        else if (ny == 0) return;
        y += ny;
        setCursor(x, y);
    }

    private void cursorRight(int nx) {
        if (nx == 0) nx = 1;
        long lim = (cols - 1L - cx) & MASK32;
        if (nx > lim) nx = (int) lim;
        if (nx == 0) return;
        long x = cx + (long) nx;
        setCursor((int) Math.min(x, Integer.MAX_VALUE), -1);
    }

    private void cursorLeft(int nx) {
        if (nx == 0) nx = 1;
        if (nx > cx) nx = cx;
        if (nx == 0) return;
        setCursor(cx - nx, -1);
    }

    private void backspace() {
        int x = cx, y = cy;
        if (x == 0) {
            if (y == 0) return;
            if (lines[y - 1].wrapped) {
                y--;
                x = cols - 1;
            }
        } else x--;
        setCursor(x, y);
    }

    private void linefeed(boolean wrapped, int bg) {
        if (wrapped) lines[cy].wrapped = true;
        if (cy == rlower) scrollRegionUp(rupper, rlower, bg);
        else if (cy < rows - 1) setCursor(-1, cy + 1);
    }

    private void reverseIndex(int bg) {
        if (cy == rupper) scrollRegionDown(rupper, rlower, bg);
        else if (cy > 0) setCursor(-1, cy - 1);
    }

    private void scrollRegion(int upper, int lower) {
        if (upper > rows - 1) upper = rows - 1;
        if (lower > rows - 1) lower = rows - 1;
        if (upper >= lower) return;
        setCursor(0, 0);
        rupper = upper;
        rlower = lower;
    }

    private void scrollUp(int n, int bg) {
        if (n == 0) n = 1;
        else if (n > rlower - rupper + 1) n = rlower - rupper + 1;
        for (int i = 0; i < n; i++) scrollRegionUp(rupper, rlower, bg);
    }

    private void scrollDown(int n, int bg) {
        if (n == 0) n = 1;
        else if (n > rlower - rupper + 1) n = rlower - rupper + 1;
        for (int i = 0; i < n; i++) scrollRegionDown(rupper, rlower, bg);
    }

    private void insertCharacter(int nx, int bg) {
        if (nx == 0) nx = 1;
        if (nx > cols - cx) nx = cols - cx;
        if (nx <= 0) return;
        if (cx > cols - 1) return;
        insertCellsView(cx, cy, nx, bg);
    }

    private void deleteCharacter(int nx, int bg) {
        if (nx == 0) nx = 1;
        if (nx > cols - cx) nx = cols - cx;
        if (nx <= 0) return;
        if (cx > cols - 1) return;
        deleteCellsView(cx, cy, nx, bg);
    }

    private void clearCharacter(int nx, int bg) {
        if (nx == 0) nx = 1;
        if (nx > cols - cx) nx = cols - cx;
        if (nx <= 0) return;
        if (cx > cols - 1) return;
        gridClear(cx, cy, nx, 1, bg);
    }

    private void insertLine(int ny, int bg) {
        if (ny == 0) ny = 1;
        if (cy < rupper || cy > rlower) {
            if (ny > rows - cy) ny = rows - cy;
            if (ny == 0) return;
            insertLinesView(cy, ny, bg);
            return;
        }
        if (ny > rlower + 1 - cy) ny = rlower + 1 - cy;
        if (ny == 0) return;
        insertLinesRegion(rlower, cy, ny, bg);
    }

    private void deleteLine(int ny, int bg) {
        if (ny == 0) ny = 1;
        if (cy < rupper || cy > rlower) {
            if (ny > rows - cy) ny = rows - cy;
            if (ny == 0) return;
            deleteLinesView(cy, ny, bg);
            return;
        }
        if (ny > rlower + 1 - cy) ny = rlower + 1 - cy;
        if (ny == 0) return;
        deleteLinesRegion(rlower, cy, ny, bg);
    }

    private void clearLine(int bg) {
        Line l = lines[cy];
        if (l.cellsize == 0 && bg == 0) return;
        gridClear(0, cy, cols, 1, bg);
    }

    private void clearEndOfLine(int bg) {
        if (cx == 0) {
            clearLine(bg);
            return;
        }
        Line l = lines[cy];
        if (cx > cols - 1 || (cx >= l.cellsize && bg == 0)) return;
        gridClear(cx, cy, cols - cx, 1, bg);
    }

    private void clearStartOfLine(int bg) {
        if (cx >= cols - 1) {
            clearLine(bg);
            return;
        }
        gridClear(0, cy, cx + 1, 1, bg);
    }

    private void clearEndOfScreen(int bg) {
        if (cx == 0 && cy == 0 && historyOn) {
            clearIntoHistory(bg);
        } else {
            if (cx <= cols - 1) gridClear(cx, cy, cols - cx, 1, bg);
            gridClear(0, cy + 1, cols, rows - (cy + 1), bg);
        }
    }

    private void clearStartOfScreen(int bg) {
        if (cy > 0) gridClear(0, 0, cols, cy, bg);
        if (cx > cols - 1) gridClear(0, cy, cols, 1, bg);
        else gridClear(0, cy, cx + 1, 1, bg);
    }

    private void clearScreen(int bg) {
        if (historyOn) clearIntoHistory(bg);
        else gridClear(0, 0, cols, rows, bg);
    }

    private void clearHistory() {
        history.clear();
        hscrolled = 0;
    }

    private void alignmentTest() {
        for (int yy = 0; yy < rows; yy++) {
            Line l = lines[yy];
            for (int xx = 0; xx < cols; xx++) setCell(l, xx, 'E', 0L, 0, null);
        }
        setCursor(0, 0);
        rupper = 0;
        rlower = rows - 1;
    }

    private void resetTabs() {
        tabs = new boolean[cols];
        for (int i = 8; i < cols; i += 8) tabs[i] = true;
    }

    /** tmux screen_write_reset (RIS part). */
    private void screenReset() {
        resetTabs();
        scrollRegion(0, rows - 1);
        mode = DEFAULT_MODE;
        clearScreen(0);
        setCursor(0, 0);
    }

    private void alternateOn(boolean cursor) {
        if (altSaved != null) return;
        altSaved = new Line[rows];
        for (int i = 0; i < rows; i++) altSaved[i] = lines[i].copy();
        altSavedCols = cols;
        altSavedRows = rows;
        if (cursor) {
            altSavedCx = cx;
            altSavedCy = cy;
        }
        altSavedPen = pen;
        altSavedUs = penUs;
        gridClear(0, 0, cols, rows, 0);
        altSavedHistoryOn = historyOn;
        historyOn = false;
        stampAll();
    }

    private void alternateOff(boolean cursor) {
        int sx = cols, sy = rows;
        // tmux 3.3a goes back to the saved size with a reflow too (of the history and the
        // alternate screen's lines, before the saved ones replace the visible lines): the number of
        // history lines it leaves decides which line the saved screen starts at.
        if (altSaved != null) resizeGrid(altSavedCols, altSavedRows, true);
        if (cursor && altSavedCx != -1 && altSavedCy != -1) {
            cx = altSavedCx;
            cy = altSavedCy;
            pen = altSavedPen;
            penUs = altSavedUs;
        }
        if (altSaved == null) {
            if (cx > cols - 1) cx = cols - 1;
            if (cy > rows - 1) cy = rows - 1;
            return;
        }
        for (int i = 0; i < altSaved.length && i < rows; i++) lines[i] = altSaved[i];
        if (altSavedHistoryOn) historyOn = true;
        altSaved = null;
        resizeGrid(sx, sy, true);
        if (cx > cols - 1) cx = cols - 1;
        if (cy > rows - 1) cy = rows - 1;
        stampAll();
    }

    // ---- printing ----

    /** The collect fast path: plain ASCII with autowrap on, not in insert mode, no DEC graphics. */
    private void writeAsciiRun(byte[] data, int off, int len) {
        final long a = pen;
        final int u = penUs;
        while (len > 0) {
            if (cx > cols - 1) {
                linefeed(true, 0);
                cx = 0;
            }
            int n = Math.min(len, cols - cx);
            Line l = lines[cy];
            stamp(l);
            int x0 = cx;
            if (l.ext) eraseWideOverlapStart(l, x0);
            expand(l, x0 + n);
            int[] cp = l.cp;
            long[] at = l.at;
            for (int i = 0; i < n; i++) {
                cp[x0 + i] = data[off + i];
                at[x0 + i] = a;
            }
            if (l.comb != null) Arrays.fill(l.comb, x0, x0 + n, null);
            if (l.us != null || u != 0) {
                if (l.us == null) l.us = new int[l.cp.length];
                Arrays.fill(l.us, x0, x0 + n, u);
            }
            if (x0 + n > l.used) l.used = x0 + n;
            cx = x0 + n;
            if (l.ext) eraseWideOverlapEnd(l, cx);
            off += n;
            len -= n;
        }
    }

    private void eraseWideOverlapStart(Line l, int x0) {
        if (x0 == 0) return;
        int xx = x0;
        int c = 0;
        for (; xx > 0; xx--) {
            c = l.cp(xx);
            if (c != Line.PADDING) break;
            setDefaultCell(l, xx);
        }
        if (c > 0 && CharWidth.of(c) > 1) setDefaultCell(l, xx);
    }

    private void eraseWideOverlapEnd(Line l, int x1) {
        for (int xx = x1; xx < cols; xx++) {
            if (l.cp(xx) != Line.PADDING) break;
            setDefaultCell(l, xx);
        }
    }

    /** tmux screen_write_cell. */
    private void writeCell(int c, int width, long a, int us) {
        if (c == ZWJ) {
            zwjPending = true;
            return;
        }
        if (zwjPending) combine(ZWJ);
        if (width == 0 || zwjPending) {
            zwjPending = false;
            combine(c);
            return;
        }
        int sx = cols;
        if ((mode & MODE_WRAP) == 0 && width > 1 && (width > sx || (cx != sx && cx > sx - width))) return;
        if ((mode & MODE_INSERT) != 0) insertCellsView(cx, cy, width, 0);
        if ((mode & MODE_WRAP) != 0 && cx > sx - width) {
            linefeed(true, 0);
            setCursor(0, -1);
        }
        if (cx > sx - width || cy > rows - 1) return;
        Line l = lines[cy];
        boolean skipCheck = (mode & MODE_INSERT) == 0;
        if (l.ext) {
            int now = l.cp(cx);
            int nowWidth = now == Line.PADDING ? 0 : (now <= 0 ? 1 : CharWidth.of(now));
            if (now == Line.PADDING) {
                int xx = cx + 1;
                while (--xx > 0) {
                    if (l.cp(xx) != Line.PADDING) break;
                    setDefaultCell(l, xx);
                }
                setDefaultCell(l, xx);
                skipCheck = false;
            }
            if (width != 1 || nowWidth != 1 || now == Line.PADDING) {
                int xx = cx + width - 1;
                while (++xx < sx) {
                    if (l.cp(xx) != Line.PADDING) break;
                    setDefaultCell(l, xx);
                    skipCheck = false;
                }
            }
        }
        for (int xx = cx + 1; xx < cx + width; xx++) {
            setCell(l, xx, Line.PADDING, 0L, 0, null);
            skipCheck = false;
        }
        if (width > 1) l.ext = true;
        boolean skip = false;
        if (skipCheck && cx >= l.cellsize) {
            // tmux does not store a default space written beyond the allocated cells
            skip = c == ' ' && a == 0L;
        }
        if (!skip) setCell(l, cx, c, a, us, null);
        int lastCol = (mode & MODE_WRAP) == 0 ? 1 : 0;
        if (cx <= sx - lastCol - width) setCursor(cx + width, -1);
        else setCursor(sx - lastCol, -1);
    }

    /** tmux screen_write_combine. */
    private void combine(int c) {
        if (cx == 0) return;
        Line l = lines[cy];
        int n;
        int base = 0;
        for (n = 1; n <= cx; n++) {
            base = l.cp(cx - n);
            if (base != Line.PADDING) break;
        }
        if (n > cx) return;
        int x = cx - n;
        int[] old = l.comb(x);
        int size = utf8Len(base == 0 ? ' ' : base);
        if (old != null) for (int k : old) size += utf8Len(k);
        if (size + utf8Len(c) > UTF8_SIZE) return;
        setCell(l, x, base == 0 ? ' ' : base, l.attr(x), l.us(x), combining.append(old, c));
    }

    private static int utf8Len(int c) {
        return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }

    private long currentCellAttr() {
        int set = charsetSet == 0 ? g0 : g1;
        return set == 1 ? pen | Attr.CHARSET : pen;
    }

    // =====================================================================================================
    // VtHandler
    // =====================================================================================================

    @Override
    public boolean replaceInvalidUtf8() { return false; } // tmux drops invalid UTF-8

    @Override
    public void printAscii(byte[] data, int off, int len) {
        changes++;
        int set = charsetSet == 0 ? g0 : g1;
        if (set == 0 && (mode & (MODE_WRAP | MODE_INSERT)) == MODE_WRAP) {
            writeAsciiRun(data, off, len);
        } else {
            long a = currentCellAttr();
            for (int i = 0; i < len; i++) writeCell(data[off + i], 1, a, penUs);
        }
        last = data[off + len - 1];
    }

    @Override
    public void print(int c) {
        changes++;
        if (c < 0x80) {
            int set = charsetSet == 0 ? g0 : g1;
            if (set == 0 && (mode & (MODE_WRAP | MODE_INSERT)) == MODE_WRAP) {
                printOneAscii(c);
            } else {
                writeCell(c, 1, currentCellAttr(), penUs);
            }
            last = c;
            return;
        }
        last = -1;
        int w = CharWidth.of(c);
        if (w < 0) return; // tmux: wcwidth() < 0 is a UTF-8 error, the character is dropped
        writeCell(c, w, pen, penUs);
    }

    private final byte[] one = new byte[1];

    private void printOneAscii(int c) {
        one[0] = (byte) c;
        writeAsciiRun(one, 0, 1);
    }

    @Override
    public void execute(int c) {
        changes++;
        switch (c) {
            case 0x08: backspace(); break;
            case 0x09:
                if (cx >= cols - 1) break;
                do {
                    cx++;
                    if (tabs[cx]) break;
                } while (cx < cols - 1);
                break;
            case 0x0a: case 0x0b: case 0x0c:
                linefeed(false, Attr.bg(pen));
                break;
            case 0x0d: setCursor(0, -1); break;
            case 0x0e: charsetSet = 1; break;
            case 0x0f: charsetSet = 0; break;
            case 0x07: bells++; break;
            default: break;
        }
        last = -1;
    }

    @Override
    public void escDispatch(int inter, int f) {
        changes++;
        if (inter == 0) {
            switch (f) {
                case '7': saveState(); break;
                case '8': restoreState(); break;
                case '=': mode |= MODE_KKEYPAD; break;
                case '>': mode &= ~MODE_KKEYPAD; break;
                case 'D': linefeed(false, Attr.bg(pen)); break;
                case 'E': setCursor(0, -1); linefeed(false, Attr.bg(pen)); break;
                case 'H': if (cx < cols) tabs[cx] = true; break;
                case 'M': reverseIndex(Attr.bg(pen)); break;
                case 'c': fullReset(); break;
                default: break;
            }
        } else if (inter == '(') {
            if (f == '0') g0 = 1;
            else if (f == 'B') g0 = 0;
        } else if (inter == ')') {
            if (f == '0') g1 = 1;
            else if (f == 'B') g1 = 0;
        } else if (inter == '#') {
            if (f == '8') alignmentTest();
        }
        last = -1;
    }

    private void fullReset() {
        pen = 0;
        penUs = 0;
        charsetSet = 0;
        g0 = g1 = 0;
        savedPen = 0;
        savedUs = 0;
        savedSet = 0;
        savedG0 = savedG1 = 0;
        savedCx = savedCy = 0;
        zwjPending = false;
        cursorStyle = 0;
        screenReset();
    }

    private void saveState() {
        savedPen = pen;
        savedUs = penUs;
        savedSet = charsetSet;
        savedG0 = g0;
        savedG1 = g1;
        savedCx = cx;
        savedCy = cy;
        savedMode = mode;
    }

    private void restoreState() {
        pen = savedPen;
        penUs = savedUs;
        charsetSet = savedSet;
        g0 = savedG0;
        g1 = savedG1;
        if ((savedMode & MODE_ORIGIN) != 0) mode |= MODE_ORIGIN;
        else mode &= ~MODE_ORIGIN;
        cursorMove(savedCx, savedCy, false);
    }

    private static final int I_Q = '?', I_GT = '>', I_SP = ' ', I_BANG = '!', I_QD = '?' | ('$' << 8),
            I_DOLLAR = '$';

    @Override
    public void csiDispatch(VtParams p, int inter, int f) {
        // tmux discards sequences whose parameter string is too long or has too many parameters
        if (p.rawLength() > 63 || p.count() >= 24 || p.overflow()) {
            last = -1;
            return;
        }
        int bg = Attr.bg(pen);
        int n, m;
        if (inter == 0) {
            switch (f) {
                case '@': n = p.get(0, 1, 1); if (n != -1) { changes++; insertCharacter(n, bg); } break;
                case 'A': n = p.get(0, 1, 1); if (n != -1) { changes++; cursorUp(n); } break;
                case 'B': n = p.get(0, 1, 1); if (n != -1) { changes++; cursorDown(n); } break;
                case 'C': n = p.get(0, 1, 1); if (n != -1) { changes++; cursorRight(n); } break;
                case 'D': n = p.get(0, 1, 1); if (n != -1) { changes++; cursorLeft(n); } break;
                case 'E': n = p.get(0, 1, 1); if (n != -1) { changes++; setCursor(0, -1); cursorDown(n); } break;
                case 'F': n = p.get(0, 1, 1); if (n != -1) { changes++; setCursor(0, -1); cursorUp(n); } break;
                case 'G': case '`':
                    n = p.get(0, 1, 1); if (n != -1) { changes++; cursorMove(n - 1, -1, true); } break;
                case 'H': case 'f':
                    n = p.get(0, 1, 1);
                    m = p.get(1, 1, 1);
                    if (n != -1 && m != -1) { changes++; cursorMove(m - 1, n - 1, true); }
                    break;
                case 'I':
                    if (tmuxStrict) break;
                    n = p.get(0, 1, 1);
                    if (n != -1) { changes++; forwardTabs(n); }
                    break;
                case 'J':
                    changes++;
                    switch (p.get(0, 0, 0)) {
                        case 0: clearEndOfScreen(bg); break;
                        case 1: clearStartOfScreen(bg); break;
                        case 2: clearScreen(bg); break;
                        case 3: if (p.get(1, 0, 0) == 0) clearHistory(); break;
                        default: break;
                    }
                    break;
                case 'K':
                    changes++;
                    switch (p.get(0, 0, 0)) {
                        case 0: clearEndOfLine(bg); break;
                        case 1: clearStartOfLine(bg); break;
                        case 2: clearLine(bg); break;
                        default: break;
                    }
                    break;
                case 'L': n = p.get(0, 1, 1); if (n != -1) { changes++; insertLine(n, bg); } break;
                case 'M': n = p.get(0, 1, 1); if (n != -1) { changes++; deleteLine(n, bg); } break;
                case 'P': n = p.get(0, 1, 1); if (n != -1) { changes++; deleteCharacter(n, bg); } break;
                case 'S': n = p.get(0, 1, 1); if (n != -1) { changes++; scrollUp(n, bg); } break;
                case 'T': n = p.get(0, 1, 1); if (n != -1) { changes++; scrollDown(n, bg); } break;
                case 'X': n = p.get(0, 1, 1); if (n != -1) { changes++; clearCharacter(n, bg); } break;
                case 'Z': {
                    int x = cx;
                    if (x > cols - 1) x = cols - 1;
                    n = p.get(0, 1, 1);
                    if (n == -1) break;
                    changes++;
                    while (x > 0 && n-- > 0) {
                        do x--; while (x > 0 && !tabs[x]);
                    }
                    cx = x;
                    break;
                }
                case 'a':
                    if (tmuxStrict) break;
                    n = p.get(0, 1, 1);
                    if (n != -1) { changes++; cursorMove((int) Math.min((long) Math.min(cx, cols - 1) + n, cols - 1), -1, false); }
                    break;
                case 'b': {
                    n = p.get(0, 1, 1);
                    if (n == -1) break;
                    m = cols - cx;
                    if (n > m) n = m;
                    if (last == -1) break;
                    changes++;
                    int ch = last;
                    for (int i = 0; i < n; i++) print(ch);
                    break;
                }
                case 'c':
                    if (p.get(0, 0, 0) == 0) reply("\033[?1;2c");
                    break;
                case 'd':
                    n = p.get(0, 1, 1); if (n != -1) { changes++; cursorMove(-1, n - 1, true); } break;
                case 'e':
                    if (tmuxStrict) break;
                    n = p.get(0, 1, 1);
                    if (n != -1) { changes++; cursorMove(-1, (int) Math.min((long) cy + n, rows - 1), false); }
                    break;
                case 'g':
                    changes++;
                    switch (p.get(0, 0, 0)) {
                        case 0: if (cx < cols) tabs[cx] = false; break;
                        case 3: Arrays.fill(tabs, false); break;
                        default: break;
                    }
                    break;
                case 'h': changes++; setModes(p, true); break;
                case 'l': changes++; setModes(p, false); break;
                case 'm': changes++; sgr(p); break;
                case 'n':
                    switch (p.get(0, 0, 0)) {
                        case 5: reply("\033[0n"); break;
                        case 6: reportCursor(); break;
                        default: break;
                    }
                    break;
                case 'r':
                    n = p.get(0, 1, 1);
                    m = p.get(1, 1, rows);
                    if (n != -1 && m != -1) { changes++; scrollRegion(n - 1, m - 1); }
                    break;
                case 's': changes++; saveState(); break;
                case 't': changes++; winops(p); break;
                case 'u': changes++; restoreState(); break;
                default: break;
            }
        } else if (inter == I_Q) {
            if (f == 'h') { changes++; setPrivateModes(p, true); }
            else if (f == 'l') { changes++; setPrivateModes(p, false); }
        } else if (inter == I_GT) {
            if (f == 'c') {
                if (p.get(0, 0, 0) == 0) reply("\033[>84;0;0c");
            } else if (f == 'q') {
                if (p.get(0, 0, 0) == 0) reply("\033P>|tmux 3.3a\033\\");
            }
        } else if (inter == I_SP) {
            if (f == 'q') {
                n = p.get(0, 0, 0);
                if (n != -1) { changes++; setCursorStyle(n); }
            }
        } else if (inter == I_BANG) {
            if (f == 'p' && !tmuxStrict) { changes++; softReset(); }
        } else if (inter == I_QD) {
            if (f == 'p') decrqm(p, true);
        } else if (inter == I_DOLLAR) {
            if (f == 'p') decrqm(p, false);
        }
        last = -1;
    }

    private void forwardTabs(int n) {
        for (int i = 0; i < n; i++) {
            if (cx >= cols - 1) break;
            do {
                cx++;
                if (tabs[cx]) break;
            } while (cx < cols - 1);
        }
    }

    private void setCursorStyle(int n) {
        if (n >= 0 && n <= 6) {
            cursorStyle = n;
            if (n == 0) mode &= ~MODE_CURSOR_BLINKING_SET;
        }
    }

    private void softReset() {
        mode |= MODE_CURSOR;
        mode &= ~(MODE_INSERT | MODE_ORIGIN | MODE_KCURSOR | MODE_KKEYPAD);
        rupper = 0;
        rlower = rows - 1;
        pen = 0;
        penUs = 0;
        charsetSet = 0;
        g0 = g1 = 0;
        savedPen = 0;
        savedUs = 0;
        savedSet = 0;
        savedG0 = savedG1 = 0;
        savedCx = savedCy = 0;
        savedMode = 0;
    }

    private void reportCursor() {
        if (tmuxStrict) {
            reply("\033[" + (cy + 1) + ";" + (cx + 1) + "R");
            return;
        }
        int y = cy, x = Math.min(cx, cols - 1);
        if ((mode & MODE_ORIGIN) != 0) y -= rupper;
        reply("\033[" + (y + 1) + ";" + (x + 1) + "R");
    }

    private void decrqm(VtParams p, boolean priv) {
        int n = p.get(0, 0, 0);
        if (n == -1) return;
        int state; // 0 unknown, 1 set, 2 reset
        if (priv) {
            int bit;
            switch (n) {
                case 1: bit = MODE_KCURSOR; break;
                case 6: bit = MODE_ORIGIN; break;
                case 7: bit = MODE_WRAP; break;
                case 12: bit = MODE_CURSOR_BLINKING; break;
                case 25: bit = MODE_CURSOR; break;
                case 1000: bit = MODE_MOUSE_STANDARD; break;
                case 1002: bit = MODE_MOUSE_BUTTON; break;
                case 1003: bit = MODE_MOUSE_ALL; break;
                case 1004: bit = MODE_FOCUSON; break;
                case 1005: bit = MODE_MOUSE_UTF8; break;
                case 1006: bit = MODE_MOUSE_SGR; break;
                case 2004: bit = MODE_BRACKETPASTE; break;
                case 47: case 1047: case 1049: bit = -1; break;
                case 66: bit = MODE_KKEYPAD; break;
                default: bit = 0;
            }
            if (bit == -1) state = altSaved != null ? 1 : 2;
            else if (bit == 0) state = 0;
            else state = (mode & bit) != 0 ? 1 : 2;
            reply("\033[?" + n + ";" + state + "$y");
        } else {
            if (n == 4) state = (mode & MODE_INSERT) != 0 ? 1 : 2;
            else state = 0;
            reply("\033[" + n + ";" + state + "$y");
        }
    }

    private void winops(VtParams p) {
        int m = 0, n;
        while ((n = p.get(m, 0, -1)) != -1) {
            switch (n) {
                case 1: case 2: case 5: case 6: case 7: case 11: case 13: case 14: case 19: case 20: case 21:
                case 24:
                    break;
                case 3: case 4: case 8:
                    m++;
                    if (p.get(m, 0, -1) == -1) return;
                    m++;
                    if (p.get(m, 0, -1) == -1) return;
                    break;
                case 9: case 10:
                    m++;
                    if (p.get(m, 0, -1) == -1) return;
                    break;
                case 22:
                    m++;
                    switch (p.get(m, 0, -1)) {
                        case -1: return;
                        case 0: case 2: pushTitle(); break;
                        default: break;
                    }
                    break;
                case 23:
                    m++;
                    switch (p.get(m, 0, -1)) {
                        case -1: return;
                        case 0: case 2: popTitle(); break;
                        default: break;
                    }
                    break;
                case 18:
                    reply("\033[8;" + cols + ";" + rows + "t");
                    break;
                default:
                    break;
            }
            m++;
        }
    }

    private void pushTitle() {
        if (titleStack.size() < 10) titleStack.add(title); // tmux limit
    }

    private void popTitle() {
        if (!titleStack.isEmpty()) title = titleStack.remove(titleStack.size() - 1);
    }

    private void setModes(VtParams p, boolean on) {
        for (int i = 0; i < p.count(); i++) {
            switch (p.get(i, 0, -1)) {
                case 4:
                    if (on) mode |= MODE_INSERT; else mode &= ~MODE_INSERT;
                    break;
                default: break;
            }
        }
    }

    private void setPrivateModes(VtParams p, boolean on) {
        for (int i = 0; i < p.count(); i++) {
            switch (p.get(i, 0, -1)) {
                case 1: if (on) mode |= MODE_KCURSOR; else mode &= ~MODE_KCURSOR; break;
                case 3:
                    cursorMove(0, 0, true);
                    clearScreen(Attr.bg(pen));
                    break;
                case 6:
                    if (on) mode |= MODE_ORIGIN; else mode &= ~MODE_ORIGIN;
                    cursorMove(0, 0, true);
                    break;
                case 7: if (on) mode |= MODE_WRAP; else mode &= ~MODE_WRAP; break;
                case 12:
                    if (on) mode |= MODE_CURSOR_BLINKING; else mode &= ~MODE_CURSOR_BLINKING;
                    mode |= MODE_CURSOR_BLINKING_SET;
                    break;
                case 25: if (on) mode |= MODE_CURSOR; else mode &= ~MODE_CURSOR; break;
                case 1000:
                    mode &= ~ALL_MOUSE_MODES;
                    if (on) mode |= MODE_MOUSE_STANDARD;
                    break;
                case 1001: if (!on) mode &= ~ALL_MOUSE_MODES; break;
                case 1002:
                    mode &= ~ALL_MOUSE_MODES;
                    if (on) mode |= MODE_MOUSE_BUTTON;
                    break;
                case 1003:
                    mode &= ~ALL_MOUSE_MODES;
                    if (on) mode |= MODE_MOUSE_ALL;
                    break;
                case 1004: if (on) mode |= MODE_FOCUSON; else mode &= ~MODE_FOCUSON; break;
                case 1005: if (on) mode |= MODE_MOUSE_UTF8; else mode &= ~MODE_MOUSE_UTF8; break;
                case 1006: if (on) mode |= MODE_MOUSE_SGR; else mode &= ~MODE_MOUSE_SGR; break;
                case 1015: if (on) mode |= MODE_MOUSE_URXVT; else mode &= ~MODE_MOUSE_URXVT; break;
                case 47: case 1047:
                    if (on) alternateOn(false); else alternateOff(false);
                    break;
                case 1048:
                    if (tmuxStrict) break;
                    if (on) saveState(); else restoreState();
                    break;
                case 1049:
                    if (on) alternateOn(true); else alternateOff(true);
                    break;
                case 2004: if (on) mode |= MODE_BRACKETPASTE; else mode &= ~MODE_BRACKETPASTE; break;
                default: break;
            }
        }
    }

    // ---- SGR (tmux input_csi_dispatch_sgr) ----

    private void sgr(VtParams p) {
        if (p.count() == 0) {
            pen = 0;
            penUs = 0;
            return;
        }
        for (int i = 0; i < p.count(); i++) {
            if (p.hasSub(i)) {
                sgrColon(p, i);
                continue;
            }
            int n = p.get(i, 0, 0);
            if (n == -1) continue;
            if (n == 38 || n == 48 || n == 58) {
                i++;
                switch (p.get(i, 0, -1)) {
                    case 2: {
                        int r = p.get(i + 1, 0, -1), g = p.get(i + 2, 0, -1), b = p.get(i + 3, 0, -1);
                        if (sgrRgb(n, r, g, b)) i += 3;
                        break;
                    }
                    case 5: {
                        int c = p.get(i + 1, 0, -1);
                        sgr256(n, c);
                        i++;
                        break;
                    }
                    default: break;
                }
                continue;
            }
            switch (n) {
                case 0: pen = 0; penUs = 0; break;
                case 1: pen |= Attr.BOLD; break;
                case 2: pen |= Attr.DIM; break;
                case 3: pen |= Attr.ITALIC; break;
                case 4: pen = Attr.withUnderline(pen, 1); break;
                case 5: case 6: pen |= Attr.BLINK; break;
                case 7: pen |= Attr.REVERSE; break;
                case 8: pen |= Attr.HIDDEN; break;
                case 9: pen |= Attr.STRIKE; break;
                case 21: pen = Attr.withUnderline(pen, 2); break;
                case 22: pen &= ~(Attr.BOLD | Attr.DIM); break;
                case 23: pen &= ~Attr.ITALIC; break;
                case 24: pen = Attr.withUnderline(pen, 0); break;
                case 25: pen &= ~Attr.BLINK; break;
                case 27: pen &= ~Attr.REVERSE; break;
                case 28: pen &= ~Attr.HIDDEN; break;
                case 29: pen &= ~Attr.STRIKE; break;
                case 30: case 31: case 32: case 33: case 34: case 35: case 36: case 37:
                    pen = Attr.withFg(pen, Attr.basic(n - 30)); break;
                case 39: pen = Attr.withFg(pen, 0); break;
                case 40: case 41: case 42: case 43: case 44: case 45: case 46: case 47:
                    pen = Attr.withBg(pen, Attr.basic(n - 40)); break;
                case 49: pen = Attr.withBg(pen, 0); break;
                case 53: pen |= Attr.OVERLINE; break;
                case 55: pen &= ~Attr.OVERLINE; break;
                case 59: penUs = 0; break;
                case 90: case 91: case 92: case 93: case 94: case 95: case 96: case 97:
                    pen = Attr.withFg(pen, Attr.basic(n)); break;
                case 100: case 101: case 102: case 103: case 104: case 105: case 106: case 107:
                    pen = Attr.withBg(pen, Attr.basic(n - 10)); break;
                default: break;
            }
        }
    }

    private void sgr256(int fgbg, int c) {
        if (c == -1 || c > 255) {
            if (fgbg == 38) pen = Attr.withFg(pen, 0);
            else if (fgbg == 48) pen = Attr.withBg(pen, 0);
        } else {
            if (fgbg == 38) pen = Attr.withFg(pen, Attr.palette(c));
            else if (fgbg == 48) pen = Attr.withBg(pen, Attr.palette(c));
            else if (fgbg == 58) penUs = Attr.palette(c);
        }
    }

    private boolean sgrRgb(int fgbg, int r, int g, int b) {
        if (r == -1 || r > 255 || g == -1 || g > 255 || b == -1 || b > 255) return false;
        int c = Attr.rgb(r, g, b);
        if (fgbg == 38) pen = Attr.withFg(pen, c);
        else if (fgbg == 48) pen = Attr.withBg(pen, c);
        else if (fgbg == 58) penUs = c;
        return true;
    }

    private void sgrColon(VtParams params, int i) {
        int n = params.subCount(i);
        if (n >= 8) return; // tmux: at most 7 values
        int[] p = new int[8];
        Arrays.fill(p, -1);
        for (int j = 0; j < n; j++) p[j] = params.sub(i, j);
        if (n == 0) return;
        if (p[0] == 4) {
            if (n != 2) return;
            switch (p[1]) {
                case 0: pen = Attr.withUnderline(pen, 0); break;
                case 1: pen = Attr.withUnderline(pen, 1); break;
                case 2: pen = Attr.withUnderline(pen, 2); break;
                case 3: pen = Attr.withUnderline(pen, 3); break;
                case 4: pen = Attr.withUnderline(pen, 4); break;
                case 5: pen = Attr.withUnderline(pen, 5); break;
                default: break;
            }
            return;
        }
        if (n < 2 || (p[0] != 38 && p[0] != 48 && p[0] != 58)) return;
        switch (p[1]) {
            case 2: {
                if (n < 3) break;
                int k = n == 5 ? 2 : 3;
                if (n < k + 3) break;
                sgrRgb(p[0], p[k], p[k + 1], p[k + 2]);
                break;
            }
            case 5:
                if (n < 3) break;
                sgr256(p[0], p[2]);
                break;
            default: break;
        }
    }

    // ---- strings ----

    @Override
    public void oscDispatch(byte[] data, int len, boolean overflow) {
        last = -1;
        if (overflow || len < 1 || data[0] < '0' || data[0] > '9') return;
        int i = 0, option = 0;
        while (i < len && data[i] >= '0' && data[i] <= '9') {
            option = Math.min(option * 10 + (data[i] - '0'), 1_000_000);
            i++;
        }
        if (i < len && data[i] == ';') i++;
        if (option == 0 || option == 2) {
            setTitle(data, i, len - i);
        }
    }

    @Override
    public void stringDispatch(int kind, byte[] data, int len, boolean overflow) {
        last = -1;
        if (kind == '_' && !overflow) setTitle(data, 0, len);
    }

    @Override
    public void dcsHook(VtParams params, int intermediates, int finalByte) { last = -1; }

    private void setTitle(byte[] data, int off, int len) {
        if (!utf8Valid(data, off, len)) return;
        String t = new String(data, off, len, StandardCharsets.UTF_8);
        int nul = t.indexOf('\0');
        if (nul >= 0) t = t.substring(0, nul);
        if (!t.equals(title)) {
            title = t;
            changes++;
        }
    }

    /** tmux utf8_isvalid(): valid UTF-8 (by tmux's rules) and printable ASCII only. */
    private static boolean utf8Valid(byte[] d, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end) {
            int b = d[i] & 0xff;
            int size;
            if (b >= 0xc2 && b <= 0xdf) size = 2;
            else if (b >= 0xe0 && b <= 0xef) size = 3;
            else if (b >= 0xf0 && b <= 0xf4) size = 4;
            else size = 0;
            if (size > 0) {
                if (i + size > end) return false;
                int cp = b & (size == 2 ? 0x1f : size == 3 ? 0x0f : 0x07);
                for (int k = 1; k < size; k++) {
                    int c = d[i + k] & 0xff;
                    if ((c & 0xc0) != 0x80) return false;
                    cp = (cp << 6) | (c & 0x3f);
                }
                if ((size == 3 && cp < 0x800) || (size == 4 && (cp < 0x10000 || cp > 0x10ffff))
                        || (cp >= 0xd800 && cp <= 0xdfff) || CharWidth.of(cp) < 0) return false;
                i += size;
                continue;
            }
            if (b == 0) return true; // C string ends
            if (b < 0x20 || b > 0x7e) return false;
            i++;
        }
        return true;
    }

    private void reply(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (replies == null) replies = new byte[Math.max(64, b.length)];
        if (repliesLen + b.length > replies.length) replies = Arrays.copyOf(replies, Math.max(replies.length * 2, repliesLen + b.length));
        System.arraycopy(b, 0, replies, repliesLen, b.length);
        repliesLen += b.length;
    }

    // =====================================================================================================
    // Capture (tmux cmd-capture-pane.c + grid_string_cells)
    // =====================================================================================================

    public List<String> capture(CaptureOptions o) { return captureView(o).capture(); }

    /**
     * A snapshot of every line, history (stored lines included, read later) and visible, for copy
     * mode: as {@link #captureView}, cheap enough for the screen's lock (history lines shared,
     * a screenful copied).
     */
    public ScreenLines lines() {
        long disk = history.firstAbs() - history.diskFirst();
        int hs = history.size();
        Row[] memory = new Row[hs + rows];
        for (int i = 0; i < hs; i++) memory[i] = history.get(i);
        for (int i = 0; i < rows; i++) memory[hs + i] = lines[i].copy();
        return new ScreenLines(memory, cols, rows, Math.min(cx, cols), cy, history.diskFirst(), disk);
    }

    /**
     * What a capture with these options needs, copied: the history lines in range are immutable and
     * shared, the visible ones are copied, and the lines in range that left memory for the store
     * are only named (read later from a {@link HistorySource}). Cheap enough for the screen's lock
     * (references and a screenful of cells); the text is then made from it without the lock
     * ({@link CaptureView#capture}). Line numbers count over the whole history, the stored part
     * included, as if it were all in memory (tmux's -S and -E).
     */
    public CaptureView captureView(CaptureOptions o) {
        long disk = history.firstAbs() - history.diskFirst();
        long hs = disk + history.size();
        int sy = rows;
        long top, bottom;
        Integer s = o.start();
        if (s != null && s == Integer.MIN_VALUE) top = 0;
        else {
            long n = s == null ? 0 : s;
            if (n < 0 && -n > hs) top = 0;
            else top = hs + n;
            if (top > hs + sy - 1) top = hs + sy - 1;
        }
        Integer e = o.end();
        if (e != null && e == Integer.MAX_VALUE) bottom = hs + sy - 1;
        else if (e == null) bottom = hs + sy - 1;
        else {
            long n = e;
            if (n < 0 && -n > hs) bottom = 0;
            else bottom = hs + n;
            if (bottom > hs + sy - 1) bottom = hs + sy - 1;
        }
        if (bottom < top) {
            long t = bottom;
            bottom = top;
            top = t;
        }
        long memTop = Math.max(top, disk);
        Row[] range = new Row[(int) Math.max(0, bottom - memTop + 1)];
        for (long i = memTop; i <= bottom; i++) {
            Row r = lineAbs(i - disk);
            range[(int) (i - memTop)] = r instanceof Line l ? l.copy() : r;
        }
        long diskFrom = history.diskFirst() + Math.min(top, disk);
        long diskTo = history.diskFirst() + Math.min(bottom + 1, disk);
        return new CaptureView(diskFrom, diskTo, range, cols, o);
    }

    /**
     * The lines of one capture, taken under the screen's lock and turned into text without it, one
     * line at a time ({@link #nextLine}): a capture of a long history is sent in pieces as it is
     * made, and never exists whole as text in the daemon. Used by one thread, once.
     */
    public static final class CaptureView {
        private final long diskFrom;
        private final long diskTo;
        private final Row[] range;
        private final int cols;
        private final CaptureOptions o;
        private final boolean trim;
        /** -e: the attributes of the last cell written, carried from one line to the next, as tmux does. */
        private final CodeState cs;
        private int next;
        private int made;
        private HistorySource stored = HistorySource.NONE;
        /** The next stored line to read, and the stored rows read but not yet made into lines. */
        private long storedNext;
        private final java.util.ArrayDeque<Row> storedBatch = new java.util.ArrayDeque<>();

        private CaptureView(long diskFrom, long diskTo, Row[] range, int cols, CaptureOptions o) {
            this.diskFrom = diskFrom;
            this.diskTo = diskTo;
            this.range = range;
            this.cols = cols;
            this.o = o;
            this.trim = !o.joinWrapped() && !o.preserveTrailingSpaces();
            this.cs = o.escapes() ? new CodeState() : null;
        }

        /** Where the lines in range that are no longer in memory are read from (none: left out). */
        public CaptureView readingStoredLinesFrom(HistorySource source) {
            this.stored = source;
            return this;
        }

        /** How many lines of the capture are read from the store. */
        public long storedLines() {
            return diskTo - diskFrom;
        }

        /**
         * The rows in order, one at a time: those from the store first, read a batch of chunks at
         * a time (never the whole stored history at once), then those copied from memory; null
         * after the last.
         */
        private Row nextRow() {
            if (storedNext < diskFrom) {
                storedNext = diskFrom;
            }
            while (storedBatch.isEmpty() && storedNext < diskTo) {
                long done = storedNext; // lines before this were given (or are gone from the store)
                long to = Math.min(diskTo, done + HistoryArchive.CHUNK_LINES);
                for (HistoryChunk c : stored.chunks(done, to)) {
                    List<HistLine> lines;
                    try {
                        lines = HistoryArchive.decode(c);
                    } catch (java.io.IOException ex) {
                        throw new java.io.UncheckedIOException("stored history lines " + c.firstLine() + " to "
                                + c.endLine() + " are unreadable: " + ex.getMessage(), ex);
                    }
                    for (int i = 0; i < lines.size(); i++) {
                        long abs = c.firstLine() + i;
                        if (abs >= done && abs < diskTo) {
                            storedBatch.add(lines.get(i));
                            done = abs + 1;
                        }
                    }
                }
                storedNext = Math.max(done, to);
            }
            if (!storedBatch.isEmpty()) {
                return storedBatch.poll();
            }
            return next < range.length ? range[next++] : null;
        }

        /** Every row in order (stored, then in memory); consumes the view as {@link #nextLine} does. */
        public void forEachRow(java.util.function.Consumer<Row> each) {
            Row r;
            while ((r = nextRow()) != null) {
                each.accept(r);
            }
        }

        /**
         * Appends the next line of the capture (without its newline) to {@code out}; false, with
         * nothing appended, when every line has been made. With -J a line is a row and the rows it
         * wraps into. The lines are tmux's: its text is the rows, each followed by a newline unless
         * joined to the next, less one final newline, split at the newlines. So a last line that is
         * only joined rows with no text is no line (the text ended with the newline before it),
         * unless it is the whole capture (the text is empty: one empty line).
         */
        public boolean nextLine(StringBuilder out) {
            int start = out.length();
            boolean rows = false;
            Row r;
            while ((r = nextRow()) != null) {
                lineString(r, cols, cs, trim, out);
                rows = true;
                if (!o.joinWrapped() || !r.wrapped()) {
                    made++;
                    return true;
                }
            }
            if (rows && (out.length() > start || made == 0)) {
                made++;
                return true;
            }
            return false;
        }

        /** Every line at once: for short captures and tests. */
        public List<String> capture() {
            List<String> out = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            while (nextLine(line)) {
                out.add(line.toString());
                line.setLength(0);
            }
            return out;
        }
    }

    /** Previous cell's attributes for -e output (tmux's lastgc), persisting across lines of one capture. */
    static final class CodeState {
        long attr;
        int us;
        /** appendCode's scratch list of attribute codes (13 at most, and a reset). */
        final int[] codes = new int[16];
    }

    private static void lineString(Row r, int cols, CodeState cs, boolean trim, StringBuilder buf) {
        int start = buf.length();
        int n = Math.min(cols, r.used());
        for (int x = 0; x < n; x++) {
            int c = r.cp(x);
            if (c == Line.PADDING) continue;
            if (cs != null) {
                long a = r.attr(x);
                int u = r.us(x);
                // the same attributes as the previous cell add nothing (most cells): skip the work
                if (a != cs.attr || u != cs.us) appendCode(cs, a, u, buf);
                cs.attr = a;
                cs.us = u;
            }
            buf.appendCodePoint(c == 0 ? ' ' : c);
            int[] cb = r.comb(x);
            if (cb != null) for (int k : cb) buf.appendCodePoint(k);
        }
        if (trim) {
            int end = buf.length();
            while (end > start && buf.charAt(end - 1) == ' ') end--;
            buf.setLength(end);
        }
    }

    private static final long[] CODE_MASKS = {Attr.BOLD, Attr.DIM, Attr.ITALIC, -1 /*ul1*/, Attr.BLINK,
            Attr.REVERSE, Attr.HIDDEN, Attr.STRIKE, -2 /*ul2*/, -3, -4, -5, Attr.OVERLINE};
    private static final int[] CODES = {1, 2, 3, 4, 5, 7, 8, 9, 42, 43, 44, 45, 53};

    private static boolean hasAttr(long a, long mask) {
        if (mask < 0) return Attr.underline(a) == (int) -mask;
        return (a & mask) != 0;
    }

    /** tmux grid_string_cells_code. */
    static void appendCode(CodeState last, long attr, int us, StringBuilder buf) {
        long lastAttr = last.attr;
        int[] s = last.codes;
        int n = 0;
        boolean removed = last.us != 0 && us == 0;
        if (!removed) {
            for (long m : CODE_MASKS) {
                if (!hasAttr(attr, m) && hasAttr(lastAttr, m)) { removed = true; break; }
            }
        }
        if (removed) {
            s[n++] = 0;
            lastAttr &= Attr.CHARSET;
        }
        for (int i = 0; i < CODE_MASKS.length; i++) {
            if (hasAttr(attr, CODE_MASKS[i]) && !hasAttr(lastAttr, CODE_MASKS[i])) s[n++] = CODES[i];
        }
        if (n > 0) {
            buf.append("\033[");
            for (int i = 0; i < n; i++) {
                if (s[i] < 10) buf.append(s[i]);
                else buf.append(s[i] / 10).append(':').append(s[i] % 10);
                if (i + 1 < n) buf.append(';');
            }
            buf.append('m');
        }
        boolean reset = n != 0 && s[0] == 0;
        colorCode(buf, Attr.fg(attr), Attr.fg(last.attr), reset, 38, 30, 39, 0);
        colorCode(buf, Attr.bg(attr), Attr.bg(last.attr), reset, 48, 40, 49, 10);
        usCode(buf, us, last.us, reset);
        if ((attr & Attr.CHARSET) != 0 && (lastAttr & Attr.CHARSET) == 0) buf.append('\016');
        if ((attr & Attr.CHARSET) == 0 && (lastAttr & Attr.CHARSET) != 0) buf.append('\017');
    }

    /*
     * The colour codes of tmux's grid_string_cells_code: a code is written when it is not empty and
     * differs from the last cell's (or after a reset). Codes are compared by a key that is equal
     * exactly when the written codes would be, so that no string is made for the comparison: a
     * capture of a long coloured history compares two codes per colour change.
     */

    private static void colorCode(StringBuilder buf, int now, int old, boolean reset, int ext, int base, int def, int brightAdd) {
        if (!reset && colorKey(now, base, def, brightAdd) == colorKey(old, base, def, brightAdd)) return;
        int t = Attr.colorType(now), v = Attr.colorValue(now);
        buf.append("\033[");
        switch (t) {
            case 0 -> buf.append(def);
            case 1 -> buf.append(v < 8 ? base + v : v + brightAdd);
            case 2 -> buf.append(ext).append(";5;").append(v);
            default -> rgb(buf.append(ext).append(";2;"), v);
        }
        buf.append('m');
    }

    /** Equal for two colours exactly when {@link #colorCode} writes the same code for both. */
    private static long colorKey(int c, int base, int def, int brightAdd) {
        int t = Attr.colorType(c), v = Attr.colorValue(c);
        switch (t) {
            case 0: return def;
            case 1: return v < 8 ? base + v : v + brightAdd;
            case 2: return (2L << 32) | v;
            default: return (3L << 32) | v;
        }
    }

    /** The underline colour: written only for a palette or RGB colour (a basic one has no code). */
    private static void usCode(StringBuilder buf, int now, int old, boolean reset) {
        long key = usKey(now);
        if (key == 0 || (!reset && key == usKey(old))) return;
        int v = Attr.colorValue(now);
        buf.append("\033[");
        if (Attr.colorType(now) == 2) buf.append("58;5;").append(v);
        else rgb(buf.append("58;2;"), v);
        buf.append('m');
    }

    /** 0 when there is no code, else equal for two colours exactly when their codes are. */
    private static long usKey(int c) {
        int t = Attr.colorType(c);
        return t == 2 ? (2L << 32) | Attr.colorValue(c) : t == 3 ? (3L << 32) | Attr.colorValue(c) : 0;
    }

    private static void rgb(StringBuilder buf, int v) {
        buf.append((v >> 16) & 0xff).append(';').append((v >> 8) & 0xff).append(';').append(v & 0xff);
    }

    // =====================================================================================================
    // Internals for Renderer / tests
    // =====================================================================================================

    Row historyLine(int i) { return history.get(i); }

    /**
     * A copy of everything {@link Renderer#renderHistoryAndScreen} reads except the history: the
     * visible lines (deep), the alternate screen's saved main screen, cursor, modes, pen, saved
     * cursor, tabs and title. Cheap enough for the screen's lock; rendering the copy is not.
     */
    Screen copyWithoutHistory() {
        Screen c = new Screen(cols, rows, 0, 0);
        c.lines = copyLines(lines);
        c.hscrolled = 0;
        c.cx = cx;
        c.cy = cy;
        c.rupper = rupper;
        c.rlower = rlower;
        c.mode = mode;
        c.tabs = tabs.clone();
        c.cursorStyle = cursorStyle;
        c.pen = pen;
        c.penUs = penUs;
        c.charsetSet = charsetSet;
        c.g0 = g0;
        c.g1 = g1;
        c.savedPen = savedPen;
        c.savedUs = savedUs;
        c.savedSet = savedSet;
        c.savedG0 = savedG0;
        c.savedG1 = savedG1;
        c.savedCx = savedCx;
        c.savedCy = savedCy;
        c.savedMode = savedMode;
        c.altSaved = altSaved == null ? null : copyLines(altSaved);
        c.altSavedCols = altSavedCols;
        c.altSavedRows = altSavedRows;
        c.altSavedCx = altSavedCx;
        c.altSavedCy = altSavedCy;
        c.altSavedPen = altSavedPen;
        c.altSavedUs = altSavedUs;
        c.altSavedHistoryOn = altSavedHistoryOn;
        c.title = title;
        return c;
    }

    private static Line[] copyLines(Line[] from) {
        Line[] to = new Line[from.length];
        for (int i = 0; i < from.length; i++) to[i] = from[i].copy();
        return to;
    }

    /**
     * Puts stored history lines into a screen that has none yet, numbered from {@code first}, as
     * if they had scrolled off.
     */
    void restoreHistory(long diskStart, long first, List<HistLine> stored) {
        if (history.size() != 0) throw new IllegalStateException("the screen already has history");
        // A live screen can hold a few lines over its limit (a resize pushes lines without making
        // room): those are kept, for an exact restore; a limit lowered since is applied here.
        int skip = stored.size() > 2L * historyLimit ? stored.size() - historyLimit : 0;
        history.startAt(first + skip);
        for (int i = skip; i < stored.size(); i++) history.push(stored.get(i));
        history.restored(Math.min(diskStart, first + skip), first + stored.size());
        collectHistoryBytes();
        hscrolled = history.size();
        changes++;
    }

    /** Approximate retained heap of this screen in bytes (lines, history, side tables). */
    public long estimateFootprint() {
        long n = 200 + 16 + 4L * lines.length + 16 + cols;
        for (Line l : lines) n += l.footprint();
        n += history.footprint();
        if (altSaved != null) for (Line l : altSaved) n += l.footprint();
        return n;
    }
}
