package scarab.daemon.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every torture case through real tmux 3.3a and through Screen: captures, cursor and title must be identical. */
class DifferentialTest {
    static List<TmuxOracle.Case> cases;
    static List<TmuxOracle.Result> results;
    static List<TmuxOracle.Case> strictCases;
    static List<TmuxOracle.Result> strictResults;

    @BeforeAll
    static void runTmux() throws Exception {
        assertTrue(TmuxOracle.available(), "the differential tests need tmux on PATH (.ci/run installs it)");
        cases = TortureCases.all();
        strictCases = TortureCases.strictOnly();
        List<TmuxOracle.Case> everything = new ArrayList<>(cases);
        everything.addAll(strictCases);
        try (TmuxOracle o = new TmuxOracle()) {
            List<TmuxOracle.Result> r = o.run(everything);
            results = r.subList(0, cases.size());
            strictResults = r.subList(cases.size(), r.size());
        }
    }

    @AfterAll
    static void done() {
        cases = null;
    }

    static Screen feed(TmuxOracle.Case c, boolean strict) {
        Screen s = new Screen(c.cols(), c.rows(), TmuxOracle.HISTORY_LIMIT);
        s.setTmuxStrict(strict);
        s.feed(TmuxOracle.onlcr(c.bytes()));
        return s;
    }

    static void compare(TmuxOracle.Case c, TmuxOracle.Result r, Screen s) {
        assertEquals(c.cols() + "x" + c.rows(), r.size(), "tmux pane size");
        assertEquals(String.join("\n", r.visible()), String.join("\n", s.capture(CaptureOptions.visible())), "visible");
        assertEquals(String.join("\n", r.all()), String.join("\n", s.capture(CaptureOptions.all())), "history");
        assertEquals(String.join("\n", r.visibleEscapes()),
                String.join("\n", s.capture(new CaptureOptions(true, Integer.MIN_VALUE, null, false, false))), "-e");
        assertEquals(String.join("\n", r.joined()),
                String.join("\n", s.capture(new CaptureOptions(false, Integer.MIN_VALUE, null, true, false))), "-J");
        assertEquals(r.cursorX() + "," + r.cursorY(), s.rawCursorX() + "," + s.cursorY(), "cursor");
        assertEquals(r.title(), s.title(), "title");
    }

    @TestFactory
    Stream<DynamicTest> tortureCasesMatchTmux() {
        assumeTrue(results != null, "tmux not available");
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            TmuxOracle.Case c = cases.get(i);
            TmuxOracle.Result r = results.get(i);
            tests.add(DynamicTest.dynamicTest(c.name(), () -> compare(c, r, feed(c, false))));
        }
        for (int i = 0; i < strictCases.size(); i++) {
            TmuxOracle.Case c = strictCases.get(i);
            TmuxOracle.Result r = strictResults.get(i);
            tests.add(DynamicTest.dynamicTest("strict-" + c.name(), () -> compare(c, r, feed(c, true))));
        }
        return tests.stream();
    }
}
