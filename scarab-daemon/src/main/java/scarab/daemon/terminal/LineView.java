package scarab.daemon.terminal;

/**
 * One line of a {@link ScreenLines} snapshot, read-only, for code outside the emulator (copy
 * mode): what each cell shows, which cells are the right halves of wide characters, how many
 * cells were ever written ({@link #used}, tmux's cellsize) and whether the line wraps into the next.
 */
public final class LineView {
    static final LineView BLANK = new LineView(null);

    private final Row row;

    LineView(Row row) {
        this.row = row;
    }

    /** tmux's cellsize: the cells written; cells past it read as spaces. */
    public int used() {
        return row == null ? 0 : row.used();
    }

    public boolean wrapped() {
        return row != null && row.wrapped();
    }

    /** Whether the cell is the right half of a wide character (tmux's GRID_FLAG_PADDING). */
    public boolean padding(int x) {
        return row != null && x < row.length() && row.cp(x) == Line.PADDING;
    }

    /** The cell's base character ({@code ' '} for an empty cell), or -1 for padding. */
    public int codePoint(int x) {
        if (row == null || x >= row.length()) {
            return ' ';
        }
        int c = row.cp(x);
        return c == Line.PADDING ? -1 : c == 0 ? ' ' : c;
    }

    /** What the cell holds as text: its character and combining marks; "" for padding. */
    public String text(int x) {
        int c = codePoint(x);
        if (c < 0) {
            return "";
        }
        int[] marks = row == null || x >= row.length() ? null : row.comb(x);
        if (marks == null) {
            return Character.toString(c);
        }
        StringBuilder b = new StringBuilder().appendCodePoint(c);
        for (int m : marks) {
            b.appendCodePoint(m);
        }
        return b.toString();
    }

    /** The cell's packed {@link Attr} attributes (0 past the cells written): for drawing copy mode's view. */
    public long attr(int x) {
        return row == null || x >= row.length() ? 0L : row.attr(x);
    }

    /** The cell's underline colour, 0 for none. */
    public int underlineColour(int x) {
        return row == null || x >= row.length() ? 0 : row.us(x);
    }

    /** How many cells the cell's character takes: 2 for wide, 0 for padding, else 1. */
    public int width(int x) {
        if (padding(x)) {
            return 0;
        }
        return padding(x + 1) ? 2 : 1;
    }
}
