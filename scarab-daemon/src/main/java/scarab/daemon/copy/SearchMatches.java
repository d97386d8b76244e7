package scarab.daemon.copy;

import java.util.ArrayList;
import java.util.List;
import scarab.daemon.terminal.CharWidth;

/**
 * Plain-text search over a {@link CopyGrid} as tmux's copy mode searches (window_copy_search_lr
 * and _rl): the needle is laid out in cells as it would be written (a wide character and its
 * right half), compared cell by cell from a starting column, running on into the next line where a
 * line wrapped; a needle all in lower case ignores the case of ASCII letters.
 */
public final class SearchMatches {
    /** One match: its first cell and how many cells it covers (it may run on into wrapped lines). */
    public record Match(int x, int y, int cells) {}

    /** The needle's cells: each cell's text, null for the right half of a wide character. */
    record Needle(String[] cells) {}

    private SearchMatches() {}

    static Needle needle(String s) {
        List<String> cells = new ArrayList<>();
        s.codePoints().forEach(cp -> {
            int w = CharWidth.of(cp);
            if (w == 0 && !cells.isEmpty() && cells.get(cells.size() - 1) != null) {
                cells.set(cells.size() - 1, cells.get(cells.size() - 1) + Character.toString(cp));
                return;
            }
            cells.add(Character.toString(cp));
            if (w == 2) {
                cells.add(null);
            }
        });
        return new Needle(cells.toArray(String[]::new));
    }

    /** The first column in {@code [first, last)} of line {@code py} where the needle matches, or -1. */
    static int leftToRight(CopyGrid g, Needle n, int py, int first, int last, boolean cis) {
        for (int ax = first; ax < last; ax++) {
            if (matchesAt(g, n, ax, py, cis)) {
                return ax;
            }
        }
        return -1;
    }

    /** The last column in {@code [first, last)} of line {@code py} where the needle matches, or -1. */
    static int rightToLeft(CopyGrid g, Needle n, int py, int first, int last, boolean cis) {
        for (int ax = last; ax > first; ax--) {
            if (matchesAt(g, n, ax - 1, py, cis)) {
                return ax - 1;
            }
        }
        return -1;
    }

    private static boolean matchesAt(CopyGrid g, Needle n, int ax, int py, boolean cis) {
        int end = g.lastLine();
        for (int bx = 0; bx < n.cells().length; bx++) {
            int px = ax + bx;
            int y = py;
            while (px >= g.sx && y < end && g.wrapped(y)) {
                px -= g.sx;
                y++;
            }
            if (px >= g.sx || !same(g, px, y, n.cells()[bx], cis)) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(CopyGrid g, int x, int y, String needle, boolean cis) {
        boolean padding = g.padding(x, y);
        if (padding || needle == null) {
            return padding && needle == null;
        }
        String t = g.text(x, y);
        if (cis && t.length() == 1 && needle.length() == 1 && t.charAt(0) < 0x80) {
            return Character.toLowerCase(t.charAt(0)) == needle.charAt(0);
        }
        return t.equals(needle);
    }

    /** Every match on lines {@code [from, to)}, each line scanned from its start, matches not overlapping. */
    static List<Match> find(CopyGrid g, String s, int from, int to) {
        Needle n = needle(s);
        boolean cis = s.equals(s.toLowerCase(java.util.Locale.ROOT));
        int width = n.cells().length;
        List<Match> found = new ArrayList<>();
        if (width == 0) {
            return found;
        }
        for (int py = Math.max(0, from); py < Math.min(to, g.lastLine() + 1); py++) {
            int px = 0;
            while (true) {
                px = leftToRight(g, n, py, px, g.sx, cis);
                if (px < 0) {
                    break;
                }
                found.add(new Match(px, py, width));
                px += width;
            }
        }
        return found;
    }

    /** How many matches the whole snapshot holds (tmux's result count). */
    static int count(CopyGrid g, String s) {
        return find(g, s, 0, g.lastLine() + 1).size();
    }
}
