package scarab.daemon.terminal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs recorded program outputs (src/test/resources/vt-corpus, made by scripts/record-corpus.sh, or
 * -Dscarab.corpus=DIR) through tmux and Screen.
 * Each NAME.bytes needs a size: a sibling NAME.json containing "cols" and "rows", or a name like NAME.80x24.bytes.

 */
class CorpusTest {
    private static final Pattern NUM = Pattern.compile("\"(cols|rows)\"\\s*:\\s*(\\d+)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)x(\\d+)");

    @TestFactory
    Stream<DynamicTest> corpusMatchesTmux() throws Exception {
        Path dir = System.getProperty("scarab.corpus") != null ? Path.of(System.getProperty("scarab.corpus"))
                : Path.of(CorpusTest.class.getResource("/vt-corpus").toURI());
        if (!Files.isDirectory(dir) || !TmuxOracle.available()) {
            throw new IllegalStateException("the corpus test needs " + dir + " and tmux on PATH");
        }
        List<TmuxOracle.Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".bytes")) continue;
                int cols = 80, rows = 24;
                Path json = f.resolveSibling(name.substring(0, name.length() - 6) + ".json");
                if (Files.exists(json)) {
                    Matcher m = NUM.matcher(Files.readString(json));
                    while (m.find()) {
                        if (m.group(1).equals("cols")) cols = Integer.parseInt(m.group(2));
                        else rows = Integer.parseInt(m.group(2));
                    }
                } else {
                    Matcher m = SIZE.matcher(name);
                    if (m.find()) {
                        cols = Integer.parseInt(m.group(1));
                        rows = Integer.parseInt(m.group(2));
                    }
                }
                cases.add(new TmuxOracle.Case(name, Files.readAllBytes(f), cols, rows));
            }
        }
        List<TmuxOracle.Result> results;
        try (TmuxOracle o = new TmuxOracle()) {
            results = o.run(cases);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            TmuxOracle.Case c = cases.get(i);
            TmuxOracle.Result r = results.get(i);
            tests.add(DynamicTest.dynamicTest(c.name(), () -> {
                Screen s = DifferentialTest.feed(c, true);
                DifferentialTest.compare(c, r, s);
                RendererPropertyTest.assertRoundTrip(s, c.name());
            }));
        }
        return tests.stream();
    }
}
