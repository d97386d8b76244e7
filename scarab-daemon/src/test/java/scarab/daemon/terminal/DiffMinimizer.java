package scarab.daemon.terminal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A debugging tool, not a test: shrinks a byte sequence on which tmux and our screen disagree to a
 * minimal list of pieces that still disagree (greedy delta debugging), and prints it.
 * Run: java -cp target/classes:target/test-classes scarab.daemon.terminal.DiffMinimizer COLS ROWS FILE
 * where FILE holds one escaped piece per line (Java escapes: \033, \n, \r, \t, \b, \\uXXXX).
 */
public final class DiffMinimizer {
    private DiffMinimizer() {}

    public static void main(String[] args) throws Exception {
        int cols = Integer.parseInt(args[0]);
        int rows = Integer.parseInt(args[1]);
        List<String> pieces = new ArrayList<>();
        for (String l : Files.readAllLines(Path.of(args[2]))) {
            pieces.add(l.translateEscapes());
        }
        Path dir = Files.createTempDirectory("minimize");
        if (!differs(pieces, cols, rows, dir)) {
            System.out.println("no difference");
            return;
        }
        boolean shrunk = true;
        while (shrunk) {
            shrunk = false;
            for (int i = 0; i < pieces.size(); i++) {
                List<String> fewer = new ArrayList<>(pieces);
                fewer.remove(i);
                if (differs(fewer, cols, rows, dir)) {
                    pieces = fewer;
                    shrunk = true;
                    i--;
                }
            }
        }
        java.io.PrintStream out = new java.io.PrintStream(System.out, true, StandardCharsets.UTF_8);
        for (String p : pieces) {
            out.println(p.replace("\033", "\\033").replace("\n", "\\n").replace("\r", "\\r").replace("\b", "\\b")
                    .replace("\t", "\\t"));
        }
        byte[] bytes = String.join("", pieces).getBytes(StandardCharsets.UTF_8);
        out.println("tmux:   " + TmuxOracle.tmux(bytes, cols, rows, dir));
        out.println("scarab: " + TmuxOracle.scarab(bytes, cols, rows));
    }

    private static boolean differs(List<String> pieces, int cols, int rows, Path dir) throws Exception {
        byte[] bytes = String.join("", pieces).getBytes(StandardCharsets.UTF_8);
        return !TmuxOracle.tmux(bytes, cols, rows, dir).equals(TmuxOracle.scarab(bytes, cols, rows));
    }
}
