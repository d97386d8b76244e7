package scarab.daemon.view;

import java.util.ArrayList;
import java.util.List;

import scarab.daemon.terminal.CharWidth;

/**
 * Draws a {@link StatusLine} on one row of a frame as tmux 3.3a's default {@code status-format}
 * does ({@code format_draw_left} in format-draw.c): the left part at column 0 and the right part
 * against the right edge, then the window list after the left part. When they do not all fit,
 * the list shrinks first, then the right part (losing its start), then the left (losing its end).
 * A list that does not fit keeps the current window in view and marks what is cut with
 * {@code <} and {@code >} ({@code format_draw_put_list}).
 */
final class StatusLineLayout {
    /** tmux's {@code status-left-length}. */
    static final int LEFT_LENGTH = 10;
    /** tmux's {@code status-right-length}. */
    static final int RIGHT_LENGTH = 40;

    private StatusLineLayout() {}

    /** One cell of a part: a code point with its combining characters, or the right half of a wide one. */
    private record Cell(int cp, int[] comb) {}

    static void draw(Frame f, int row, StatusLine s) {
        int available = f.cols();
        long style = s.style();
        for (int x = 0; x < available; x++) f.set(x, row, 0, null, style, 0);

        List<Cell> left = cells(trim(s.left(), LEFT_LENGTH));
        List<Cell> right = cells(trim(s.right(), RIGHT_LENGTH));
        List<Cell> list = new ArrayList<>();
        int focusStart = -1, focusEnd = -1;
        List<StatusLine.WindowEntry> ws = s.windows();
        for (int i = 0; i < ws.size(); i++) {
            StatusLine.WindowEntry w = ws.get(i);
            if (w.current()) focusStart = list.size();
            list.addAll(cells(w.label()));
            if (w.current()) focusEnd = list.size();
            if (i + 1 < ws.size()) list.addAll(cells(" "));
        }
        if (focusStart == -1) focusStart = focusEnd = 0;

        int wl = left.size(), wr = right.size(), wlist = list.size();
        while (wl + wr + wlist > available) {
            if (wlist > 0) wlist--;
            else if (wr > 0) wr--;
            else wl--;
        }
        put(f, row, style, left, 0, 0, wl);
        put(f, row, style, right, available - wr, right.size() - wr, wr);
        if (wlist > 0) putList(f, row, style, list, wl, wlist, focusStart, focusEnd);
    }

    /** Which window's label {@link #draw} puts at column {@code x} of a row {@code cols} wide; -1 for none. */
    static int windowAt(int cols, StatusLine s, int x) {
        List<Integer> owner = new ArrayList<>();
        int focusStart = -1, focusEnd = -1;
        List<StatusLine.WindowEntry> ws = s.windows();
        for (int i = 0; i < ws.size(); i++) {
            StatusLine.WindowEntry w = ws.get(i);
            if (w.current()) focusStart = owner.size();
            for (int k = cells(w.label()).size(); k > 0; k--) owner.add(w.index());
            if (w.current()) focusEnd = owner.size();
            if (i + 1 < ws.size()) owner.add(-1);
        }
        if (focusStart == -1) focusStart = focusEnd = 0;
        int wl = cells(trim(s.left(), LEFT_LENGTH)).size(), wr = cells(trim(s.right(), RIGHT_LENGTH)).size();
        int wlist = owner.size();
        while (wl + wr + wlist > cols) {
            if (wlist > 0) wlist--;
            else if (wr > 0) wr--;
            else wl--;
        }
        if (wlist <= 0 || x < wl || x >= wl + wlist) return -1;
        int offset = wl, start = 0, width = wlist;
        if (width < owner.size()) {
            // as putList: the current window kept in view, '<' and '>' where the list is cut
            int focusCentre = focusStart + (focusEnd - focusStart) / 2;
            start = focusCentre < width / 2 ? 0 : focusCentre - width / 2;
            if (start + width > owner.size()) start = owner.size() - width;
            if (start != 0 && width > 1) {
                if (x == offset) return -1;
                offset++;
                start++;
                width--;
            }
            if (start + width < owner.size() && width > 1) {
                if (x == offset + width - 1) return -1;
                width--;
            }
        }
        int i = start + x - offset;
        return x - offset < width && i < owner.size() ? owner.get(i) : -1;
    }

    private static void putList(Frame f, int row, long style, List<Cell> list, int offset, int width,
                                int focusStart, int focusEnd) {
        if (width >= list.size()) {
            put(f, row, style, list, offset, 0, width);
            return;
        }
        int focusCentre = focusStart + (focusEnd - focusStart) / 2;
        int start = focusCentre < width / 2 ? 0 : focusCentre - width / 2;
        if (start + width > list.size()) start = list.size() - width;
        if (start != 0 && width > 1) {
            f.set(offset, row, '<', null, style, 0);
            offset++;
            start++;
            width--;
        }
        if (start + width < list.size() && width > 1) {
            f.set(offset + width - 1, row, '>', null, style, 0);
            width--;
        }
        put(f, row, style, list, offset, start, width);
    }

    /** Copies {@code width} cells of a part from cell {@code from} to column {@code at}; a cut wide character is a space. */
    private static void put(Frame f, int row, long style, List<Cell> part, int at, int from, int width) {
        for (int i = 0; i < width; i++) {
            Cell c = part.get(from + i);
            boolean wide = c.cp() > 0 && CharWidth.of(c.cp()) == 2;
            if (c.cp() == Frame.PADDING) {
                if (i == 0) f.set(at, row, ' ', null, style, 0);
                continue;
            }
            if (wide && (i + 1 >= width || at + i + 1 >= f.cols())) {
                f.set(at + i, row, ' ', null, style, 0);
                continue;
            }
            f.set(at + i, row, c.cp(), c.comb(), style, 0);
        }
    }

    /** The part as cells: a wide character takes two, combining characters join the cell before. */
    private static List<Cell> cells(String s) {
        List<Cell> out = new ArrayList<>(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            int w = CharWidth.of(c);
            if (w == 0 && !out.isEmpty()) {
                Cell prev = out.get(out.size() - 1);
                int at = out.size() - 1;
                if (prev.cp() == Frame.PADDING) {
                    at--;
                    prev = out.get(at);
                }
                int[] comb = prev.comb() == null ? new int[1] : java.util.Arrays.copyOf(prev.comb(), prev.comb().length + 1);
                comb[comb.length - 1] = c;
                out.set(at, new Cell(prev.cp(), comb));
                continue;
            }
            if (w < 1) continue; // unprintable: tmux draws nothing for it
            out.add(new Cell(c, null));
            if (w == 2) out.add(new Cell(Frame.PADDING, null));
        }
        return out;
    }

    /** The first {@code n} cells of a text (tmux's {@code #{=n:...}}): a wide character that does not fit is left out. */
    static String trim(String s, int n) {
        StringBuilder sb = new StringBuilder();
        int width = 0;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            int w = Math.max(0, CharWidth.of(c));
            if (width + w > n) break;
            width += w;
            sb.appendCodePoint(c);
            i += Character.charCount(c);
        }
        return sb.toString();
    }
}
