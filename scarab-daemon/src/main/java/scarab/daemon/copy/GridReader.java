package scarab.daemon.copy;

/**
 * A cursor moving over a {@link CopyGrid} the way tmux's grid reader moves: by characters (wide
 * ones whole), along wrapped lines, by words and to a character. Used for one motion and dropped.
 */
final class GridReader {
    private final CopyGrid g;
    int cx;
    int cy;

    GridReader(CopyGrid g, int cx, int cy) {
        this.g = g;
        this.cx = cx;
        this.cy = cy;
    }

    private int lineLength() {
        return g.length(cy);
    }

    boolean inSet(String set) {
        return g.inSet(cx, cy, set);
    }

    void right(boolean wrap, boolean all) {
        int px = all ? g.sx : lineLength();
        if (wrap && cx >= px && cy < g.lastLine()) {
            startOfLine(false);
            down();
        } else if (cx < px) {
            cx++;
            while (cx < px && g.padding(cx, cy)) {
                cx++;
            }
        }
    }

    void left(boolean wrap) {
        while (cx > 0 && g.padding(cx, cy)) {
            cx--;
        }
        if (cx == 0 && cy > 0 && (wrap || g.wrapped(cy - 1))) {
            up();
            endOfLine(false, false);
        } else if (cx > 0) {
            cx--;
        }
    }

    void down() {
        if (cy < g.lastLine()) {
            cy++;
        }
        while (cx > 0 && g.padding(cx, cy)) {
            cx--;
        }
    }

    void up() {
        if (cy > 0) {
            cy--;
        }
        while (cx > 0 && g.padding(cx, cy)) {
            cx--;
        }
    }

    void startOfLine(boolean wrap) {
        if (wrap) {
            while (cy > 0 && g.wrapped(cy - 1)) {
                cy--;
            }
        }
        cx = 0;
    }

    void endOfLine(boolean wrap, boolean all) {
        if (wrap) {
            while (cy < g.lastLine() && g.wrapped(cy)) {
                cy++;
            }
        }
        cx = all ? g.sx : lineLength();
    }

    /** The last cell a word motion looks at on the current line: the edge of a wrapped line, else its length. */
    private int wordLimit() {
        return g.wrapped(cy) ? g.sx - 1 : lineLength();
    }

    /**
     * Keeps the cursor inside the lines, moving to the start of the next line past {@code xx[0]}
     * (tmux's grid_reader_handle_wrap); false when that would go past the last line.
     */
    private boolean handleWrap(int[] xx) {
        while (cx > xx[0]) {
            if (cy == g.lastLine()) {
                return false;
            }
            startOfLine(false);
            down();
            xx[0] = wordLimit();
        }
        return true;
    }

    private boolean white() {
        return inSet(CopyGrid.WHITESPACE);
    }

    /**
     * To the start of the next word, as tmux 3.3a (and vi) has words: a run of separators is a
     * word, a run of other characters is a word, whitespace is between words.
     */
    void nextWord(String separators) {
        int[] xx = {wordLimit()};
        if (!handleWrap(xx)) {
            return;
        }
        if (!white()) {
            if (inSet(separators)) {
                do {
                    cx++;
                } while (handleWrap(xx) && inSet(separators) && !white());
            } else {
                do {
                    cx++;
                } while (handleWrap(xx) && !(inSet(separators) || white()));
            }
        }
        while (handleWrap(xx) && white()) {
            cx++;
        }
    }

    /** To the cell after the end of the next word (words as {@link #nextWord} has them). */
    void nextWordEnd(String separators) {
        int[] xx = {wordLimit()};
        while (handleWrap(xx)) {
            if (white()) {
                cx++;
            } else if (inSet(separators)) {
                do {
                    cx++;
                } while (handleWrap(xx) && inSet(separators) && !white());
                return;
            } else {
                do {
                    cx++;
                } while (handleWrap(xx) && !(white() || inSet(separators)));
                return;
            }
        }
    }

    /**
     * Back to the start of the previous word, or of this one when inside it and not {@code already}
     * moved; with {@code stopAtEol}, whitespace at the end of the line above stops it there.
     */
    void previousWord(String separators, boolean already, boolean stopAtEol) {
        boolean letters = false;
        if (already || white()) {
            while (true) {
                if (cx > 0) {
                    cx--;
                    if (!white()) {
                        letters = !inSet(separators);
                        break;
                    }
                } else {
                    if (cy == 0) {
                        return;
                    }
                    up();
                    endOfLine(false, false);
                    if (stopAtEol && cx > 0) {
                        int oldx = cx;
                        cx--;
                        boolean atEol = white();
                        cx = oldx;
                        if (atEol) {
                            letters = false;
                            break;
                        }
                    }
                }
            }
        } else {
            letters = !inSet(separators);
        }
        int oldx;
        int oldy;
        do {
            oldx = cx;
            oldy = cy;
            if (cx == 0) {
                if (cy == 0 || !g.wrapped(cy - 1)) {
                    break;
                }
                up();
                endOfLine(false, true);
            }
            if (cx > 0) {
                cx--;
            }
        } while (!white() && letters != inSet(separators));
        cx = oldx;
        cy = oldy;
    }

    /** Forward to the next cell holding {@code c}, along wrapped lines; false (not moved) if none. */
    boolean jump(String c) {
        int px = cx;
        int yy = g.lastLine();
        for (int py = cy; py <= yy; py++) {
            int xx = g.length(py);
            for (; px < xx; px++) {
                if (!g.padding(px, py) && g.text(px, py).equals(c)) {
                    cx = px;
                    cy = py;
                    return true;
                }
            }
            if (py == yy || !g.wrapped(py)) {
                return false;
            }
            px = 0;
        }
        return false;
    }

    /** Backward to the previous cell holding {@code c} (this one included); false if none. */
    boolean jumpBack(String c) {
        int xx = cx + 1;
        for (int py = cy + 1; py > 0; py--) {
            for (int px = xx; px > 0; px--) {
                if (!g.padding(px - 1, py - 1) && g.text(px - 1, py - 1).equals(c)) {
                    cx = px - 1;
                    cy = py - 1;
                    return true;
                }
            }
            if (py == 1 || !g.wrapped(py - 2)) {
                return false;
            }
            xx = g.length(py - 2);
        }
        return false;
    }

    /** To the first cell that is not a space on this line (wrapped lines as one); stays if none. */
    void backToIndentation() {
        int oldx = cx;
        int oldy = cy;
        startOfLine(true);
        for (int py = cy; py <= g.lastLine(); py++) {
            int xx = g.length(py);
            for (int px = 0; px < xx; px++) {
                if (!g.text(px, py).equals(" ")) {
                    cx = px;
                    cy = py;
                    return;
                }
            }
            if (!g.wrapped(py)) {
                break;
            }
        }
        cx = oldx;
        cy = oldy;
    }
}
