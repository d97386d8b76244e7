package scarab.daemon.copy;

import scarab.daemon.terminal.LineView;
import scarab.daemon.terminal.ScreenLines;

/**
 * The lines copy mode moves over, as tmux's grid functions see them: line {@code y} from 0 (the
 * oldest history line) to {@link #lastLine}, {@code sx} cells wide; cells past a line's end read
 * as spaces. {@link #length} is tmux's grid_line_length (trailing spaces dropped).
 */
final class CopyGrid {
    /** tmux's whitespace, which separates words whatever the separators. */
    static final String WHITESPACE = "\t ";
    /** tmux 3.3a's default {@code word-separators}: a run of them is a word of its own, as in vi. */
    static final String WORD_SEPARATORS = "!\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~";

    private final ScreenLines lines;
    final int sx;
    final int sy;
    final int hsize;

    CopyGrid(ScreenLines lines) {
        this.lines = lines;
        this.sx = lines.cols();
        this.sy = lines.rows();
        this.hsize = (int) Math.min(Integer.MAX_VALUE - sy, lines.historySize());
    }

    LineView line(int y) {
        return lines.line(lines.historySize() - hsize + y);
    }

    int lastLine() {
        return hsize + sy - 1;
    }

    boolean wrapped(int y) {
        return line(y).wrapped();
    }

    int used(int y) {
        return line(y).used();
    }

    /** The line's length less its trailing spaces, at most the width (tmux's grid_line_length). */
    int length(int y) {
        LineView l = line(y);
        int px = Math.min(l.used(), sx);
        while (px > 0 && !l.padding(px - 1) && l.text(px - 1).equals(" ")) {
            px--;
        }
        return px;
    }

    boolean padding(int x, int y) {
        return line(y).padding(x);
    }

    /** The cell's text: its character and marks, "" for the right half of a wide character. */
    String text(int x, int y) {
        return line(y).text(x);
    }

    int width(int x, int y) {
        return line(y).width(x);
    }

    /** Whether the cell holds one character of {@code set} (never the right half of a wide character). */
    boolean inSet(int x, int y, String set) {
        if (padding(x, y)) {
            return false;
        }
        String t = text(x, y);
        return t.codePointCount(0, t.length()) == 1 && set.contains(t);
    }
}
