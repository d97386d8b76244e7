package scarab.daemon.terminal;

/** Read access to one line of cells, on screen ({@link Line}) or in history ({@link HistLine}). */
abstract class Row {
    /** Code point at x: 0 = empty (shown as a space), {@link Line#PADDING} = right half of a wide character. */
    abstract int cp(int x);
    abstract long attr(int x);
    /** Combining characters attached to the cell at x, or null. */
    abstract int[] comb(int x);
    /** Underline colour (SGR 58) of the cell at x, 0 if none. */
    abstract int us(int x);
    /** tmux's cellused: number of cells ever written (capture stops there). */
    abstract int used();
    abstract boolean wrapped();
    abstract void setWrapped(boolean w);
    /** Number of cells stored (cells beyond read as empty default cells). */
    abstract int length();
}
