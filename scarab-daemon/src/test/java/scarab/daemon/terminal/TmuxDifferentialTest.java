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

    static Stream<TortureCases.Case> cases() {
        return TortureCases.all().stream();
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
