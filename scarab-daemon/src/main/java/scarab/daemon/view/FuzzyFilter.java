package scarab.daemon.view;

/**
 * The chooser's fuzzy match, as fzf's users expect it: a pattern matches a text when its
 * characters appear in the text in order (a subsequence), and the match is scored by how it looks
 * to a reader: characters that follow one another, or start the text or a word ({@code -_:./} and
 * spaces, a lower-to-upper case change), score more; characters skipped between two matches cost.
 * A pattern in lower case ignores case; one with an upper-case letter matches case exactly
 * (smart case). Pure computation on short strings, no allocation beyond two rows of scores: 200
 * sessions' names are scored in well under a millisecond (bench/ChooserFilter.java).
 */
public final class FuzzyFilter {
    /** No match. */
    public static final int NONE = Integer.MIN_VALUE;
    private static final int MATCH = 16;
    private static final int CONSECUTIVE = 12;
    private static final int BOUNDARY = 10;
    private static final int FIRST_CHARACTER = 8;
    private static final int GAP_START = 3;
    private static final int GAP = 1;
    private static final int MAX_LEADING = 10;
    /** Longer texts are scored on their start only: names, not documents. */
    private static final int MAX_TEXT = 256;

    private FuzzyFilter() {}

    /**
     * The score of the best way {@code pattern} matches {@code text} as a subsequence, higher is
     * better, or {@link #NONE}. An empty pattern matches everything with score 0.
     */
    public static int score(String pattern, String text) {
        int m = pattern.length();
        if (m == 0) {
            return 0;
        }
        int n = Math.min(text.length(), MAX_TEXT);
        if (m > n) {
            return NONE;
        }
        boolean ignoreCase = pattern.chars().noneMatch(Character::isUpperCase);
        // prev[j]: the best score with pattern[0..i-1] matched and pattern[i-1] at text[j].
        int[] prev = new int[n];
        int[] cur = new int[n];
        for (int i = 0; i < m; i++) {
            char pc = pattern.charAt(i);
            // best over k < j - 1 of prev[k] minus the gap between k and j, kept as a running maximum
            int bestBefore = NONE;
            boolean any = false;
            for (int j = 0; j < n; j++) {
                int s = NONE;
                if (same(pc, text.charAt(j), ignoreCase)) {
                    int bonus = MATCH + bonus(text, j);
                    if (i == 0) {
                        s = bonus - Math.min(j, MAX_LEADING) * GAP; // a late start costs, up to a point
                    } else {
                        int viaGap = bestBefore == NONE ? NONE : bestBefore + bonus;
                        int viaNext = j > 0 && prev[j - 1] != NONE ? prev[j - 1] + bonus + CONSECUTIVE : NONE;
                        s = Math.max(viaGap, viaNext);
                    }
                }
                if (i > 0) {
                    // the gap to a later match grows by one for each character passed
                    if (bestBefore != NONE) {
                        bestBefore -= GAP;
                    }
                    if (j > 0 && prev[j - 1] != NONE) {
                        bestBefore = Math.max(bestBefore, prev[j - 1] - GAP_START);
                    }
                }
                cur[j] = s;
                any |= s != NONE;
            }
            if (!any) {
                return NONE;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        int best = NONE;
        for (int j = 0; j < n; j++) {
            best = Math.max(best, prev[j]);
        }
        return best;
    }

    private static boolean same(char p, char t, boolean ignoreCase) {
        return p == t || ignoreCase && Character.toLowerCase(t) == p;
    }

    /** What a match at {@code j} is worth beyond itself: the text's start, a word's start. */
    private static int bonus(String text, int j) {
        if (j == 0) {
            return BOUNDARY + FIRST_CHARACTER;
        }
        char before = text.charAt(j - 1);
        char c = text.charAt(j);
        if (" -_:./@%$".indexOf(before) >= 0) {
            return BOUNDARY;
        }
        if (Character.isLowerCase(before) && Character.isUpperCase(c)) {
            return BOUNDARY;
        }
        return 0;
    }
}
