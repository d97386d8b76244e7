package scarab.daemon.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The chooser's fuzzy match: subsequences only, ranked by how the match reads, then by last use. */
class FuzzyFilterTest {
    @Test
    void matchesSubsequencesOnly() {
        assertTrue(FuzzyFilter.score("wrk", "work") != FuzzyFilter.NONE);
        assertTrue(FuzzyFilter.score("work", "my-work-tree") != FuzzyFilter.NONE);
        assertEquals(FuzzyFilter.NONE, FuzzyFilter.score("krw", "work"), "order counts");
        assertEquals(FuzzyFilter.NONE, FuzzyFilter.score("works", "work"), "every character is needed");
        assertEquals(FuzzyFilter.NONE, FuzzyFilter.score("x", ""));
        assertEquals(0, FuzzyFilter.score("", "anything"));
    }

    @Test
    void smartCase() {
        assertTrue(FuzzyFilter.score("api", "API-server") != FuzzyFilter.NONE, "lower case ignores case");
        assertEquals(FuzzyFilter.NONE, FuzzyFilter.score("Api", "api-server"), "an upper-case letter is exact");
        assertTrue(FuzzyFilter.score("Api", "Api-server") != FuzzyFilter.NONE);
    }

    @Test
    void betterMatchesScoreHigher() {
        // consecutive beats scattered
        assertTrue(FuzzyFilter.score("abc", "abcxxxxx") > FuzzyFilter.score("abc", "axbxcxxx"));
        // a prefix beats the same letters inside a word
        assertTrue(FuzzyFilter.score("web", "web-frontend") > FuzzyFilter.score("web", "cobweb"));
        // a word's start beats the middle of a word
        assertTrue(FuzzyFilter.score("db", "prod-db") > FuzzyFilter.score("db", "oddball"));
        // the best alignment is found, not the first: "ab" in "xaxab" is consecutive at the end
        // (a greedy match takes the first a and scores about as "xaxxb" does)
        assertTrue(FuzzyFilter.score("ab", "xaxab") > FuzzyFilter.score("ab", "xaxxb") + 10);
        // a shorter gap beats a longer one
        assertTrue(FuzzyFilter.score("ac", "abc") > FuzzyFilter.score("ac", "abbbbbbc"));
    }

    @Test
    void treeRanksByMatchThenGivenOrder() {
        // Given in last-use order: the most recently used first.
        List<TreeChooser.Item> sessions = List.of(
                session("$1", "scratch"), session("$2", "api-server"), session("$3", "ops"),
                session("$4", "api"), session("$5", "apricot"));
        TreeChooser t = new TreeChooser(sessions, false, "$1");
        assertEquals(List.of("scratch", "api-server", "ops", "api", "apricot"), names(t));
        t.filter("ap");
        // "api-server" and "api" match "ap" as well (prefix, consecutive); the earlier used first;
        // apricot too (same score, used last); scratch and ops do not match.
        assertEquals(List.of("api-server", "api", "apricot"), names(t));
        assertEquals("$2", t.selected().id(), "the best match is selected");
        t.filter("apt");
        assertEquals(List.of("apricot"), names(t));
        t.filter("zz");
        assertEquals(List.of(), names(t));
        assertEquals(null, t.selected());
        t.filter("");
        assertEquals(5, t.lines().size());
    }

    @Test
    void aWindowMatchShowsItsSessionOpen() {
        TreeChooser.Item w1 = new TreeChooser.Item(TreeChooser.Kind.WINDOW, "@1", "0", "vim*", "vim", List.of());
        TreeChooser.Item w2 = new TreeChooser.Item(TreeChooser.Kind.WINDOW, "@2", "1", "htop", "htop", List.of());
        TreeChooser.Item s1 = new TreeChooser.Item(TreeChooser.Kind.SESSION, "$1", "main", "2 windows", "main",
                List.of(w1, w2));
        TreeChooser t = new TreeChooser(List.of(s1, session("$2", "other")), false, "$1");
        assertEquals(List.of("main", "other"), names(t), "-s: sessions collapsed");
        t.filter("htp");
        assertEquals(List.of("main", "1"), names(t), "the session open with the matching window only");
        assertEquals("@2", t.selected().id());
        t.filter("");
        assertEquals(List.of("main", "0", "1", "other"), names(t), "the selected window stays in view");
        assertEquals("@2", t.selected().id());
        t.left();
        assertEquals(List.of("main", "other"), names(t), "Left on a window collapses its session");
        assertEquals("$1", t.selected().id());
        t.right();
        assertEquals(List.of("main", "0", "1", "other"), names(t), "Right expands");
        t.up();
        assertEquals("$2", t.selected().id(), "Up wraps");
    }

    private static TreeChooser.Item session(String id, String name) {
        return new TreeChooser.Item(TreeChooser.Kind.SESSION, id, name, "1 windows", name, List.of());
    }

    private static List<String> names(TreeChooser t) {
        return t.lines().stream().map(l -> l.item().name()).toList();
    }
}
