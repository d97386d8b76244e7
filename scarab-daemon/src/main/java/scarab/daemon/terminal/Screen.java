package scarab.daemon.terminal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The picture of a terminal: a grid of {@link Line}s, the cursor, the modes, the scrollback. It
 * implements {@link VtHandler}, giving meaning to what {@link VtParser} reports, and follows tmux
 * 3.3a's behaviour (screen-write.c, input.c, grid-view.c), the reference for capture output:
 * the cursor column may equal the width (the pending-wrap state); the top line of a scroll region
 * goes to history when the region scrolls; clearing the whole screen pushes its lines to history;
 * invalid UTF-8 and unprintable characters are dropped; DEC graphics cells keep their ASCII letter.
 *
 * <p>Not thread safe: the owning session guards it with a read/write lock.
 */
public final class Screen implements VtHandler {
    private int cols;
    private int rows;
    private Line[] grid;
    /** The main screen's rows while the alternate screen is shown; null otherwise. */
    private Line[] savedMain;
    private final History history;
    /** Lines that went to history by scrolling or resize, which a taller screen takes back (tmux's hscrolled). */
    private int scrolledIntoHistory;

    private int x;
    private int y;
    private long attr;
    private int top;
    private int bottom;
    private boolean[] tabs;

    // modes
    private boolean autowrap = true;
    private boolean origin;
    private boolean insert;
    private boolean cursorVisible = true;
    private boolean appCursor;
    private boolean appKeypad;
    private boolean bracketedPaste;
    private boolean focusEvents;
    private int mouseMode; // 0, 1000, 1002, 1003
    private boolean mouseSgr;

    // charsets: G0/G1 designations (true = DEC special graphics) and which is invoked into GL
    private boolean g0Graphics;
    private boolean g1Graphics;
    private boolean shiftOut;

    // DECSC / CSI s
    private boolean saved;
    private int savedX;
    private int savedY;
    private long savedAttr;
    private boolean savedG0;
    private boolean savedG1;
    private boolean savedShift;
    private boolean savedOrigin;
    // ?1049 keeps its own cursor, as in tmux
    private boolean altSaved;
    private int altSavedX;
    private int altSavedY;
    private long altSavedAttr;

    private int lastPrinted = -1;
    private long lastPrintedAttr;
    private String title = "";
    private ByteArrayOutputStream replies;
    private long changes;

    public Screen(int cols, int rows, int historyLimit) {
        if (cols < 1 || rows < 1) {
            throw new IllegalArgumentException("screen size must be positive: " + cols + "x" + rows);
        }
        this.cols = cols;
        this.rows = rows;
        this.grid = new Line[rows];
        this.history = new History(historyLimit);
        this.bottom = rows - 1;
        this.tabs = defaultTabs(cols, null);
    }

    private static boolean[] defaultTabs(int cols, boolean[] old) {
        boolean[] t = new boolean[cols];
        for (int i = 0; i < cols; i++) {
            t[i] = old != null && i < old.length ? old[i] : i % 8 == 0 && i > 0;
        }
        return t;
    }

    // ---- queries ------------------------------------------------------------------------------

    public int cols() {
        return cols;
    }

    public int rows() {
        return rows;
    }

    public String title() {
        return title;
    }

    /** The cursor column, 0-based; equal to {@link #cols()} in the pending-wrap state. */
    public int cursorX() {
        return x;
    }

    public int cursorY() {
        return y;
    }

    public boolean cursorVisible() {
        return cursorVisible;
    }

    public boolean applicationCursorKeys() {
        return appCursor;
    }

    public boolean applicationKeypad() {
        return appKeypad;
    }

    public boolean bracketedPaste() {
        return bracketedPaste;
    }

    public boolean alternateScreenActive() {
        return savedMain != null;
    }

    public boolean autowrap() {
        return autowrap;
    }

    public boolean originMode() {
        return origin;
    }

    public boolean insertMode() {
        return insert;
    }

    public int mouseMode() {
        return mouseMode;
    }

    public boolean mouseSgr() {
        return mouseSgr;
    }

    public boolean focusEvents() {
        return focusEvents;
    }

    public int scrollTop() {
        return top;
    }

    public int scrollBottom() {
        return bottom;
    }

    public long currentAttr() {
        return attr;
    }

    public int historySize() {
        return history.size();
    }

    public long changeCount() {
        return changes;
    }

    /** Visible row {@code row} (0 = top); a blank row may be returned as an empty line. */
    public Line line(int row) {
        Line l = grid[row];
        return l == null ? EMPTY : l;
    }

    /** The main screen's visible row even while the alternate screen is shown. */
    public Line mainLine(int row) {
        Line[] g = savedMain != null ? savedMain : grid;
        Line l = row < g.length ? g[row] : null;
        return l == null ? EMPTY : l;
    }

    /** History line {@code i}, 0 = oldest. */
    public Line historyLine(int i) {
        return history.get(i);
    }

    boolean hasSavedCursor() {
        return saved;
    }

    int savedX() {
        return savedX;
    }

    int savedY() {
        return savedY;
    }

    long savedAttr() {
        return savedAttr;
    }

    boolean g0Graphics() {
        return g0Graphics;
    }

    boolean g1Graphics() {
        return g1Graphics;
    }

    boolean shiftOut() {
        return shiftOut;
    }

    boolean tabStop(int col) {
        return col < tabs.length && tabs[col];
    }

    boolean altCursorSaved() {
        return altSaved;
    }

    int altSavedX() {
        return altSavedX;
    }

    int altSavedY() {
        return altSavedY;
    }

    long altSavedAttr() {
        return altSavedAttr;
    }

    private static final Line EMPTY = new Line(0);

    /** Bytes the terminal owes the program (query replies) since the last call; null if none. */
    public byte[] takeReplies() {
        if (replies == null || replies.size() == 0) {
            return null;
        }
        byte[] out = replies.toByteArray();
        replies.reset();
        return out;
    }

    private void reply(String s) {
        if (replies == null) {
            replies = new ByteArrayOutputStream();
        }
        replies.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** The screen as text, like {@code tmux capture-pane -p}; see {@link CaptureOptions}. */
    public List<String> capture(CaptureOptions options) {
        return Capture.lines(this, options);
    }

    /** Approximate heap bytes used by the cells and history, for memory accounting. */
    public long footprint() {
        long bytes = 200 + 16 + 4L * grid.length + history.footprint() + cols;
        for (Line l : grid) {
            bytes += l == null ? 0 : l.footprint();
        }
        if (savedMain != null) {
            for (Line l : savedMain) {
                bytes += l == null ? 0 : l.footprint();
            }
        }
        return bytes;
    }

    // ---- grid helpers -------------------------------------------------------------------------

    private Line row(int r) {
        Line l = grid[r];
        if (l == null) {
            l = new Line(cols);
            grid[r] = l;
        }
        return l;
    }

    /** A blank row for erases and scrolls: null (allocated when written) unless it has a background. */
    private Line blankRow() {
        long erase = Attr.erased(attr);
        if (erase == 0) {
            return null;
        }
        Line l = new Line(cols);
        Arrays.fill(l.attrs, erase);
        return l;
    }

    private boolean historyEnabled() {
        return savedMain == null && history.limit() > 0;
    }

    /** Scrolls rows [from, to] up by n; the top row of the region goes to history (as tmux does). */
    private void scrollUp(int from, int to, int n) {
        n = Math.min(n, to - from + 1);
        for (int i = 0; i < n; i++) {
            Line gone = grid[from];
            if (historyEnabled()) {
                history.push(gone == null ? new Line(0) : gone.trimmedCopy());
                scrolledIntoHistory = Math.min(scrolledIntoHistory + 1, history.size());
            }
            System.arraycopy(grid, from + 1, grid, from, to - from);
            grid[to] = blankRow();
        }
        changes++;
    }

    private void scrollDown(int from, int to, int n) {
        n = Math.min(n, to - from + 1);
        for (int i = 0; i < n; i++) {
            System.arraycopy(grid, from, grid, from + 1, to - from);
            grid[from] = blankRow();
        }
        changes++;
    }

    private void clearCells(int r, int from, int to) {
        if (from >= to) {
            return;
        }
        long erase = Attr.erased(attr);
        if (from == 0 && to >= cols && erase == 0) {
            grid[r] = null;
        } else {
            Line l = row(r);
            fixWideAt(l, from);
            fixWideAt(l, to);
            l.clear(from, Math.min(to, cols), erase);
        }
    }

    /** Before cells at {@code col} change: a wide character split by the change loses its other half. */
    private void fixWideAt(Line l, int col) {
        if (col > 0 && col < cols && l.cps[col] == Line.WIDE_TAIL) {
            l.set(col - 1, 0, 0); // tmux puts its default cell in both halves
            l.set(col, 0, 0);
        }
    }

    // ---- printing -----------------------------------------------------------------------------

    /**
     * The common case, many plain characters in a row, copied straight into the line; the same
     * result as printing them one by one (which the unusual modes still do).
     */
    @Override
    public void printAscii(byte[] data, int off, int len) {
        if (insert || !autowrap || (shiftOut ? g1Graphics : g0Graphics)) {
            for (int i = 0; i < len; i++) {
                print(data[off + i]);
            }
            return;
        }
        long a = attr;
        while (len > 0) {
            if (x >= cols) {
                row(y).wrapped = true;
                linefeed();
                x = 0;
            }
            int n = Math.min(len, cols - x);
            Line l = row(y);
            int end = x + n;
            if (end < cols && l.cps[end] == Line.WIDE_TAIL) {
                l.set(end, 0, 0);
            }
            for (int i = 0; i < n; i++) {
                l.cps[x + i] = data[off + i];
            }
            Arrays.fill(l.attrs, x, end, a);
            if (l.combining != null) {
                Arrays.fill(l.combining, x, end, null);
            }
            if (end > l.used) {
                l.used = end;
            }
            x = end;
            off += n;
            len -= n;
            lastPrinted = data[off - 1];
        }
        changes++;
    }

    /** tmux shows nothing for bytes that are not valid UTF-8. */
    @Override
    public void invalidUtf8() {
        // dropped
    }

    @Override
    public void print(int cp) {
        long a = attr;
        boolean graphics = shiftOut ? g1Graphics : g0Graphics;
        int width;
        if (graphics && cp >= 0x5f && cp <= 0x7e) {
            a |= Attr.CHARSET;
            width = 1;
        } else {
            width = CharWidth.of(cp);
        }
        if (width < 0) {
            return;
        }
        if (width == 0) {
            combine(cp);
            return;
        }
        if (width > cols) {
            return;
        }
        if (x > cols - width) {
            if (autowrap) {
                row(y).wrapped = true;
                linefeed();
                x = 0;
            } else {
                x = cols - width;
            }
        }
        Line l = row(y);
        if (insert) {
            int n = cols - x - width;
            fixWideAt(l, cols - width);
            if (n > 0) {
                System.arraycopy(l.cps, x, l.cps, x + width, n);
                System.arraycopy(l.attrs, x, l.attrs, x + width, n);
                if (l.combining != null) {
                    System.arraycopy(l.combining, x, l.combining, x + width, n);
                }
            }
        }
        // tmux's fast path for plain ASCII leaves the left half of a wide character standing when
        // its right half is overwritten; everything else clears it.
        boolean plainAscii = cp < 0x7f && (a & Attr.CHARSET) == 0 && autowrap && !insert;
        if (l.cps[x] == Line.WIDE_TAIL && x > 0 && !plainAscii) {
            l.set(x - 1, 0, 0);
        }
        int after = x + width;
        if (after < cols && l.cps[after] == Line.WIDE_TAIL) {
            l.set(after, 0, 0);
        }
        l.set(x, cp, a);
        if (width == 2) {
            l.set(x + 1, Line.WIDE_TAIL, a);
        }
        x = autowrap || after < cols ? after : cols - 1;
        lastPrinted = cp < 0x7f ? cp : -1; // tmux repeats only what came through its ASCII path
        lastPrintedAttr = a;
        changes++;
    }

    private void combine(int cp) {
        lastPrinted = -1;
        if (x == 0) {
            return; // nothing to combine with (tmux drops it too)
        }
        int col = Math.min(x, cols) - 1;
        Line l = row(y);
        if (l.cps[col] == Line.WIDE_TAIL && col > 0) {
            col--;
        }
        l.combine(col, cp);
        changes++;
    }

    // ---- C0 controls --------------------------------------------------------------------------

    @Override
    public void execute(int c) {
        lastPrinted = -1;
        switch (c) {
            case 0x08 -> backspace();
            case 0x09 -> tab(1);
            case 0x0a, 0x0b, 0x0c -> linefeed();
            case 0x0d -> x = 0;
            case 0x0e -> shiftOut = true;
            case 0x0f -> shiftOut = false;
            default -> {
                return; // BEL, NUL and the rest change nothing here
            }
        }
        changes++;
    }

    private void backspace() {
        if (x == 0) {
            if (y > 0 && line(y - 1).wrapped) {
                y--;
                x = cols - 1;
            }
        } else {
            x--;
        }
    }

    private void tab(int n) {
        for (int i = 0; i < n; i++) {
            if (x >= cols - 1) {
                return;
            }
            do {
                x++;
            } while (x < cols - 1 && !tabs[x]);
        }
    }

    private void backTab(int n) {
        for (int i = 0; i < n && x > 0; i++) {
            x = Math.min(x, cols);
            do {
                x--;
            } while (x > 0 && !tabs[x]);
        }
    }

    private void linefeed() {
        if (y == bottom) {
            scrollUp(top, bottom, 1);
        } else if (y < rows - 1) {
            y++;
        }
    }

    private void reverseIndex() {
        if (y == top) {
            scrollDown(top, bottom, 1);
        } else if (y > 0) {
            y--;
        }
    }

    // ---- escape sequences ---------------------------------------------------------------------

    @Override
    public void escDispatch(int intermediates, int f) {
        lastPrinted = -1;
        if (intermediates == 0) {
            switch (f) {
                case '7' -> saveCursor();
                case '8' -> restoreCursor();
                case 'D' -> linefeed();
                case 'E' -> {
                    x = 0;
                    linefeed();
                }
                case 'H' -> {
                    if (x < cols) {
                        tabs[x] = true;
                    }
                }
                case 'M' -> reverseIndex();
                case 'c' -> reset();
                case '=' -> appKeypad = true;
                case '>' -> appKeypad = false;
                default -> {
                    return;
                }
            }
        } else if (intermediates == '(') {
            g0Graphics = f == '0';
        } else if (intermediates == ')') {
            g1Graphics = f == '0';
        } else if (intermediates == '#' && f == '8') {
            alignmentTest();
        } else {
            return;
        }
        changes++;
    }

    private void saveCursor() {
        saved = true;
        savedX = x;
        savedY = y;
        savedAttr = attr;
        savedG0 = g0Graphics;
        savedG1 = g1Graphics;
        savedShift = shiftOut;
        savedOrigin = origin;
    }

    private void restoreCursor() {
        if (!saved) {
            // tmux restores its initial state: home, default cell and charsets, origin mode off.
            x = 0;
            y = 0;
            attr = 0;
            g0Graphics = false;
            g1Graphics = false;
            shiftOut = false;
            origin = false;
            return;
        }
        x = Math.min(savedX, cols);
        y = Math.min(savedY, rows - 1);
        attr = savedAttr;
        g0Graphics = savedG0;
        g1Graphics = savedG1;
        shiftOut = savedShift;
        origin = savedOrigin;
    }

    private void alignmentTest() {
        for (int r = 0; r < rows; r++) {
            Line l = new Line(cols);
            Arrays.fill(l.cps, 'E');
            grid[r] = l;
        }
        top = 0;
        bottom = rows - 1;
        x = 0;
        y = 0;
    }

    /** RIS, as tmux: tabs, margins and modes reset, attributes cleared, the screen cleared into history. */
    private void reset() {
        attr = 0;
        g0Graphics = false;
        g1Graphics = false;
        shiftOut = false;
        tabs = defaultTabs(cols, null);
        top = 0;
        bottom = rows - 1;
        autowrap = true;
        origin = false;
        insert = false;
        cursorVisible = true;
        appCursor = false;
        appKeypad = false;
        bracketedPaste = false;
        focusEvents = false;
        mouseMode = 0;
        mouseSgr = false;
        saved = false;
        clearScreen();
        x = 0;
        y = 0;
    }

    // ---- OSC / DCS ----------------------------------------------------------------------------

    @Override
    public void oscDispatch(byte[] data, int length) {
        lastPrinted = -1;
        int semi = -1;
        for (int i = 0; i < length; i++) {
            if (data[i] == ';') {
                semi = i;
                break;
            }
        }
        if (semi <= 0) {
            return;
        }
        String command = new String(data, 0, semi, StandardCharsets.US_ASCII);
        if (command.equals("0") || command.equals("2")) {
            String text = new String(data, semi + 1, length - semi - 1, StandardCharsets.UTF_8);
            StringBuilder clean = new StringBuilder();
            text.codePoints().filter(cp -> cp >= 0x20 && cp != 0x7f).forEach(clean::appendCodePoint);
            title = clean.toString();
            changes++;
        }
    }

    // ---- CSI ----------------------------------------------------------------------------------

    @Override
    public void csiDispatch(Params p, int intermediates, int f, boolean ignored) {
        if (ignored) {
            lastPrinted = -1;
            return;
        }
        if (!(intermediates == 0 && f == 'b')) {
            try {
                dispatchCsi(p, intermediates, f);
            } finally {
                lastPrinted = -1;
            }
            return;
        }
        dispatchCsi(p, intermediates, f);
    }

    private void dispatchCsi(Params p, int intermediates, int f) {
        switch (intermediates) {
            case 0 -> csi(p, f);
            case '?' -> csiPrivate(p, f);
            case '>' -> {
                if (f == 'c' && p.getOrZero(0, 0) == 0) {
                    reply("\033[>84;0;0c");
                }
            }
            case ('?' << 8) | '$' -> {
                if (f == 'p') {
                    reportMode(p.getOrZero(0, 0), true);
                }
            }
            case '$' -> {
                if (f == 'p') {
                    reportMode(p.getOrZero(0, 0), false);
                }
            }
            default -> {
                return;
            }
        }
        changes++;
    }

    private void csi(Params p, int f) {
        switch (f) {
            case '@' -> insertCharacters(p.get(0, 1));
            case 'A' -> cursorUp(p.get(0, 1));
            case 'B' -> cursorDown(p.get(0, 1));
            case 'C' -> cursorRight(p.get(0, 1));
            case 'D' -> cursorLeft(p.get(0, 1));
            case 'E' -> {
                x = 0;
                cursorDown(p.get(0, 1));
            }
            case 'F' -> {
                x = 0;
                cursorUp(p.get(0, 1));
            }
            case 'G', '`' -> moveTo(p.get(0, 1) - 1, -1);
            case 'H', 'f' -> moveTo(p.get(1, 1) - 1, p.get(0, 1) - 1);
            case 'J' -> eraseDisplay(p.getOrZero(0, 0));
            case 'K' -> eraseLine(p.getOrZero(0, 0));
            case 'L' -> insertLines(p.get(0, 1));
            case 'M' -> deleteLines(p.get(0, 1));
            case 'P' -> deleteCharacters(p.get(0, 1));
            case 'S' -> scrollUp(top, bottom, p.get(0, 1));
            case 'T' -> {
                if (p.count() <= 1) {
                    scrollDown(top, bottom, p.get(0, 1));
                }
            }
            case 'X' -> eraseCharacters(p.get(0, 1));
            case 'Z' -> backTab(p.get(0, 1));
            case 'b' -> repeat(p.get(0, 1));
            case 'c' -> {
                if (p.getOrZero(0, 0) == 0) {
                    reply("\033[?1;2c");
                }
            }
            case 'd' -> moveTo(-1, p.get(0, 1) - 1);
            case 'g' -> clearTabs(p.getOrZero(0, 0));
            case 'h' -> setModes(p, true);
            case 'l' -> setModes(p, false);
            case 'm' -> attr = Sgr.apply(attr, p);
            case 'n' -> statusReport(p.getOrZero(0, 0), false);
            case 'r' -> setScrollRegion(p.get(0, 1) - 1, p.get(1, rows) - 1);
            case 's' -> saveCursor();
            case 'u' -> restoreCursor();
            default -> {
                // unsupported: ignored, as tmux does
            }
        }
    }

    private void csiPrivate(Params p, int f) {
        switch (f) {
            case 'h' -> setPrivateModes(p, true);
            case 'l' -> setPrivateModes(p, false);
            case 'J' -> eraseDisplay(p.getOrZero(0, 0));
            case 'K' -> eraseLine(p.getOrZero(0, 0));
            case 'n' -> statusReport(p.getOrZero(0, 0), true);
            default -> {
                // unsupported private sequences are ignored
            }
        }
    }

    private void statusReport(int what, boolean privateForm) {
        if (what == 5 && !privateForm) {
            reply("\033[0n");
        } else if (what == 6) {
            int row = origin ? y - top + 1 : y + 1;
            reply("\033[" + (privateForm ? "?" : "") + row + ";" + (Math.min(x, cols - 1) + 1) + "R");
        }
    }

    /** DECRQM: 1 set, 2 reset, 0 not recognised. */
    private void reportMode(int mode, boolean dec) {
        int state;
        if (dec) {
            state = switch (mode) {
                case 1 -> appCursor ? 1 : 2;
                case 6 -> origin ? 1 : 2;
                case 7 -> autowrap ? 1 : 2;
                case 25 -> cursorVisible ? 1 : 2;
                case 47, 1047, 1049 -> savedMain != null ? 1 : 2;
                case 1000, 1002, 1003 -> mouseMode == mode ? 1 : 2;
                case 1004 -> focusEvents ? 1 : 2;
                case 1006 -> mouseSgr ? 1 : 2;
                case 2004 -> bracketedPaste ? 1 : 2;
                default -> 0;
            };
            reply("\033[?" + mode + ";" + state + "$y");
        } else {
            state = mode == 4 ? (insert ? 1 : 2) : 0;
            reply("\033[" + mode + ";" + state + "$y");
        }
    }

    private void setModes(Params p, boolean on) {
        for (int i = 0; i < p.count(); i++) {
            if (p.raw(i) == 4) {
                insert = on;
            }
        }
    }

    private void setPrivateModes(Params p, boolean on) {
        for (int i = 0; i < p.count(); i++) {
            switch (p.raw(i)) {
                case 1 -> appCursor = on;
                case 3 -> {
                    moveTo(0, 0);
                    clearScreen();
                }
                case 6 -> {
                    origin = on;
                    moveTo(0, 0);
                }
                case 7 -> autowrap = on;
                case 25 -> cursorVisible = on;
                case 47, 1047 -> {
                    if (on) {
                        alternateOn(false);
                    } else {
                        alternateOff(false);
                    }
                }
                case 1049 -> {
                    if (on) {
                        alternateOn(true);
                    } else {
                        alternateOff(true);
                    }
                }
                case 1000, 1002, 1003 -> mouseMode = on ? p.raw(i) : 0;
                case 1004 -> focusEvents = on;
                case 1006 -> mouseSgr = on;
                case 2004 -> bracketedPaste = on;
                default -> {
                    // other modes are not tracked
                }
            }
        }
    }

    private void alternateOn(boolean saveCursor) {
        if (savedMain != null) {
            return;
        }
        if (saveCursor) {
            altSaved = true;
            altSavedX = x;
            altSavedY = y;
            altSavedAttr = attr;
        }
        savedMain = grid;
        grid = new Line[rows];
    }

    private void alternateOff(boolean restoreCursor) {
        if (restoreCursor && altSaved) {
            x = Math.min(altSavedX, cols);
            y = Math.min(altSavedY, rows - 1);
            attr = altSavedAttr;
        }
        if (savedMain == null) {
            x = Math.min(x, cols - 1);
            return;
        }
        grid = savedMain;
        savedMain = null;
    }

    // ---- cursor motion (tmux's screen_write_cursor* semantics) ---------------------------------

    private void cursorUp(int n) {
        int limit = y < top ? y : y - top;
        n = Math.min(n, limit);
        if (x == cols) {
            x--;
        }
        y -= n;
    }

    private void cursorDown(int n) {
        int limit = y > bottom ? rows - 1 - y : bottom - y;
        n = Math.min(n, limit);
        if (x == cols) {
            x--;
        }
        y += n;
    }

    private void cursorRight(int n) {
        if (x >= cols - 1) {
            x = Math.min(x, cols - 1);
            return;
        }
        x = Math.min(cols - 1, x + n);
    }

    private void cursorLeft(int n) {
        x = Math.max(0, x - n);
    }

    /** Absolute move; -1 keeps that coordinate. Rows are relative to the region in origin mode. */
    private void moveTo(int col, int row) {
        if (row != -1 && origin) {
            row = row > bottom - top ? bottom : row + top;
        }
        if (col != -1) {
            x = Math.max(0, Math.min(col, cols - 1));
        }
        if (row != -1) {
            y = Math.max(0, Math.min(row, rows - 1));
        }
    }

    private void setScrollRegion(int newTop, int newBottom) {
        newTop = Math.min(newTop, rows - 1);
        newBottom = Math.min(newBottom, rows - 1);
        if (newTop >= newBottom) {
            return;
        }
        top = newTop;
        bottom = newBottom;
        x = 0;
        y = 0; // tmux homes the cursor to the screen's corner, origin mode or not
    }

    private void clearTabs(int how) {
        if (how == 0) {
            if (x < cols) {
                tabs[x] = false;
            }
        } else if (how == 3) {
            Arrays.fill(tabs, false);
        }
    }

    // ---- editing ------------------------------------------------------------------------------

    private void eraseDisplay(int how) {
        switch (how) {
            case 0 -> {
                if (x == 0 && y == 0 && historyEnabled()) {
                    clearScreen();
                    return;
                }
                clearCells(y, Math.min(x, cols), cols);
                for (int r = y + 1; r < rows; r++) {
                    clearCells(r, 0, cols);
                }
            }
            case 1 -> {
                for (int r = 0; r < y; r++) {
                    clearCells(r, 0, cols);
                }
                clearCells(y, 0, Math.min(x + 1, cols));
            }
            case 2 -> clearScreen();
            case 3 -> {
                history.clear();
                scrolledIntoHistory = 0;
            }
            default -> {
                // unknown: ignored
            }
        }
    }

    /** Clears the screen; on the main screen its used lines go to history first (tmux's clear-history view). */
    private void clearScreen() {
        if (historyEnabled()) {
            int last = 0;
            for (int r = 0; r < rows; r++) {
                if (used(grid[r])) {
                    last = r + 1;
                }
            }
            if (last > 0) {
                for (int i = 0; i < last; i++) {
                    Line gone = grid[0];
                    history.push(gone == null ? new Line(0) : gone.trimmedCopy());
                    System.arraycopy(grid, 1, grid, 0, rows - 1);
                    grid[rows - 1] = null;
                }
                scrolledIntoHistory = 0;
            }
        }
        for (int r = 0; r < rows; r++) {
            grid[r] = blankRow();
        }
    }

    private static boolean used(Line l) {
        return l != null && l.used > 0;
    }

    private void eraseLine(int how) {
        switch (how) {
            case 0 -> clearCells(y, Math.min(x, cols), cols);
            case 1 -> clearCells(y, 0, Math.min(x + 1, cols));
            case 2 -> clearCells(y, 0, cols);
            default -> {
                // unknown: ignored
            }
        }
    }

    /** ICH, with tmux's grid_move_cells arithmetic (which moves and clears nothing when no cell moves). */
    private void insertCharacters(int n) {
        n = Math.min(n, cols - x);
        if (n <= 0 || x > cols - 1) {
            return;
        }
        Line l = row(y);
        long erase = Attr.erased(attr);
        if (x >= cols - 1) {
            fixWideAt(l, x);
            l.clear(x, x + 1, erase);
            return;
        }
        int count = cols - x - n;
        if (count == 0) {
            return;
        }
        fixWideAt(l, x);
        fixWideAt(l, x + count);
        System.arraycopy(l.cps, x, l.cps, x + n, count);
        System.arraycopy(l.attrs, x, l.attrs, x + n, count);
        if (l.combining != null) {
            System.arraycopy(l.combining, x, l.combining, x + n, count);
        }
        l.clear(x, x + Math.min(n, count), erase);
        l.used = Math.max(l.used, x + n + count);
    }

    private void deleteCharacters(int n) {
        if (x >= cols) {
            return;
        }
        n = Math.min(n, cols - x);
        Line l = row(y);
        fixWideAt(l, x);
        fixWideAt(l, x + n);
        System.arraycopy(l.cps, x + n, l.cps, x, cols - x - n);
        System.arraycopy(l.attrs, x + n, l.attrs, x, cols - x - n);
        if (l.combining != null) {
            System.arraycopy(l.combining, x + n, l.combining, x, cols - x - n);
        }
        if (cols - x - n > 0) {
            l.used = Math.max(l.used, cols - n);
        }
        l.clear(cols - n, cols, Attr.erased(attr));
    }

    private void eraseCharacters(int n) {
        if (x >= cols) {
            return;
        }
        clearCells(y, x, Math.min(cols, x + n));
    }

    private void insertLines(int n) {
        if (y < top || y > bottom) {
            scrollDown(y, rows - 1, n);
        } else {
            scrollDown(y, bottom, n);
        }
    }

    private void deleteLines(int n) {
        if (y < top || y > bottom) {
            deleteRows(y, rows - 1, n);
        } else {
            deleteRows(y, bottom, n);
        }
    }

    /** Like scrollUp but never into history: DL removes lines. */
    private void deleteRows(int from, int to, int n) {
        n = Math.min(n, to - from + 1);
        for (int i = 0; i < n; i++) {
            System.arraycopy(grid, from + 1, grid, from, to - from);
            grid[to] = blankRow();
        }
    }

    /** REP: only straight after a printed character, and never past the end of the line (tmux). */
    private void repeat(int n) {
        n = Math.min(n, cols - x);
        if (lastPrinted < 0 || n <= 0) {
            return;
        }
        long keep = attr;
        attr = lastPrintedAttr & ~Attr.CHARSET;
        boolean g0 = g0Graphics;
        boolean g1 = g1Graphics;
        boolean graphics = (lastPrintedAttr & Attr.CHARSET) != 0;
        g0Graphics = shiftOut ? g0 : graphics;
        g1Graphics = shiftOut ? graphics : g1;
        int cp = lastPrinted;
        for (int i = 0; i < n; i++) {
            print(cp);
        }
        g0Graphics = g0;
        g1Graphics = g1;
        attr = keep;
    }

    // ---- resize -------------------------------------------------------------------------------

    /**
     * Changes the size without reflowing, as tmux does for a pane: lines are cut or extended; a
     * shorter screen first drops the rows below the cursor, then sends rows from the top to
     * history; a taller one takes back lines that scrolled into history, then adds blank rows.
     */
    public void resize(int newCols, int newRows) {
        if (newCols < 1 || newRows < 1) {
            throw new IllegalArgumentException("screen size must be positive: " + newCols + "x" + newRows);
        }
        if (newCols != cols) {
            resizeColumns(grid, newCols);
            if (savedMain != null) {
                resizeColumns(savedMain, newCols);
            }
            tabs = defaultTabs(newCols, tabs);
            cols = newCols;
            x = Math.min(x, cols);
        }
        if (newRows != rows) {
            if (savedMain != null) {
                savedMain = resizeRowsPlain(savedMain, newRows);
                grid = resizeRowsPlain(grid, newRows);
                y = Math.min(y, newRows - 1);
            } else {
                resizeRowsMain(newRows);
            }
            rows = newRows;
        }
        top = 0;
        bottom = rows - 1;
        saved = saved && savedY < rows;
        changes++;
    }

    private void resizeColumns(Line[] g, int newCols) {
        for (int r = 0; r < g.length; r++) {
            if (g[r] != null) {
                g[r] = g[r].resized(newCols);
            }
        }
    }

    private Line[] resizeRowsPlain(Line[] g, int newRows) {
        Line[] out = new Line[newRows];
        int drop = Math.max(0, Math.min(g.length - newRows, y));
        System.arraycopy(g, drop, out, 0, Math.min(newRows, g.length - drop));
        y -= drop;
        return out;
    }

    private void resizeRowsMain(int newRows) {
        if (newRows < rows) {
            int needed = rows - newRows;
            int below = rows - 1 - y;
            int eaten = Math.min(below, needed);
            needed -= eaten;
            Line[] out = new Line[newRows];
            for (int i = 0; i < needed; i++) {
                Line gone = grid[i];
                if (history.limit() > 0) {
                    history.push(gone == null ? new Line(0) : gone.trimmedCopy());
                    scrolledIntoHistory = Math.min(scrolledIntoHistory + 1, history.size());
                }
            }
            System.arraycopy(grid, needed, out, 0, newRows);
            y -= needed;
            grid = out;
        } else {
            int needed = newRows - rows;
            int back = Math.min(needed, Math.min(scrolledIntoHistory, history.size()));
            Line[] out = new Line[newRows];
            for (int i = back - 1; i >= 0; i--) {
                Line l = history.popNewest();
                out[i] = l == null || l.length() == 0 ? null : l.resized(cols);
            }
            scrolledIntoHistory -= back;
            System.arraycopy(grid, 0, out, back, rows);
            y += back;
            grid = out;
        }
    }
}
