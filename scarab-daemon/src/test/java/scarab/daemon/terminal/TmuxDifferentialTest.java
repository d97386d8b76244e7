package scarab.daemon.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The same bytes into tmux and into our screen: the screens, the histories and the cursors agree. */
class TmuxDifferentialTest {
    @TempDir
    static Path dir;

    static Stream<TortureCases.Case> cases() throws Exception {
        return Stream.concat(recorded(), TortureCases.all().stream());
    }

    /** Real programs recorded by scripts/record-corpus.sh: NAME.COLSxROWS.bytes. */
    static Stream<TortureCases.Case> recorded() throws Exception {
        java.net.URL dirUrl = TmuxDifferentialTest.class.getResource("/vt-corpus");
        java.util.List<TortureCases.Case> cases = new java.util.ArrayList<>();
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(dirUrl.toURI()))) {
            for (java.nio.file.Path f : files.sorted().toList()) {
                String[] parts = f.getFileName().toString().split("\\.");
                String[] size = parts[1].split("x");
                cases.add(new TortureCases.Case("recorded " + parts[0], Integer.parseInt(size[0]), Integer.parseInt(size[1]),
                        java.nio.file.Files.readAllBytes(f)));
            }
        }
        if (cases.size() < 9) {
            throw new AssertionError("the recorded corpus is missing: " + cases.size() + " files");
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameScreenAsTmux(TortureCases.Case c) throws Exception {
        TmuxOracle.Result expected = TmuxOracle.tmux(c.bytes(), c.cols(), c.rows(), dir);
        TmuxOracle.Result actual = TmuxOracle.scarab(c.bytes(), c.cols(), c.rows());
        assertEquals(String.join("\n", expected.screen()), String.join("\n", actual.screen()), "screen");
        assertEquals(String.join("\n", expected.history()), String.join("\n", actual.history()), "history");
        assertEquals(expected.cursorX() + "," + expected.cursorY(), actual.cursorX() + "," + actual.cursorY(), "cursor");
    }
}
