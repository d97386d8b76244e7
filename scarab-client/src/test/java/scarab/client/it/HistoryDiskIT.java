package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * history-disk through the whole product: a session that keeps 1000 lines in memory serves a
 * history of 4000 (coloured, wrapped, wide and combining characters) to {@code capture -S -}
 * exactly as tmux, which keeps them all in memory, captures the same output, with -S and -E
 * counted over the whole history; and again after a kill -9 of the daemon.
 */
class HistoryDiskIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private Scarab scarab;
    private Tmux tmux;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        tmux = new Tmux(scarab.root);
        Files.createDirectories(scarab.root.resolve("config/scarab"));
    }

    @AfterEach
    void stop() throws Exception {
        tmux.close();
        scarab.close();
    }

    private static final List<List<String>> FLAGS = List.of(List.of("-S", "-"), List.of("-e", "-S", "-"),
            List.of("-J", "-S", "-"), List.of("-S", "-3500", "-E", "-2000"), List.of("-S", "-100000", "-E", "-3990"));

    private String scarabCapture(List<String> flags) {
        String[] args = new String[flags.size() + 2];
        args[0] = "capture";
        for (int i = 0; i < flags.size(); i++) args[i + 1] = flags.get(i);
        args[args.length - 1] = "long";
        return scarab.ok(args);
    }

    private String tmuxCapture(List<String> flags) {
        String[] args = new String[flags.size() + 4];
        args[0] = "capture-pane";
        args[1] = "-p";
        for (int i = 0; i < flags.size(); i++) args[i + 2] = flags.get(i);
        args[args.length - 2] = "-t";
        args[args.length - 1] = "main:0";
        return tmux.tmux(args);
    }

    /** Where the stored history lines end (the store's line numbers count from the first line ever). */
    private long storedEnd() {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + scarab.database());
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(first_line + line_count), 0) FROM pane_history")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (java.sql.SQLException e) {
            return 0; // busy while the daemon writes: asked again
        }
    }

    @Test
    void historyOnDiskCapturesLikeTmuxWithEverythingInMemoryAndAfterKill9() throws Exception {
        // Lazy restore: nothing is added to the screen after the kill -9 until the session is used.
        Files.writeString(scarab.root.resolve("config/scarab/config.toml"), "snapshot-interval = \"200ms\"\n"
                + "history-limit = 1000\nhistory-disk = \"64MB\"\nrestore = \"lazy\"\n");
        Path gen = scarab.root.resolve("gen.sh");
        Files.writeString(gen, """
                r=$1; i=0
                while [ $i -lt 800 ]; do
                  i=$((i+1))
                  if [ $((i % 7)) = 0 ]; then w=WIDE; else w=; fi
                  printf '\\033[3%dmround %s line %d \\316\\261\\314\\200 \\344\\270\\255 %s\\033[0m\\n' $((i % 8)) "$r" "$i" "$w"
                done
                echo round-$r-done-$((6*7))
                """.replace("WIDE", "w".repeat(150)));
        String command = "stty -echo; while read r; do sh " + gen + " $r; done";
        tmux.start(120, 30, command);
        scarab.ok("new", "-d", "--size", "120x30", "-c", "sh -c '" + command + "'", "long");
        for (int round = 1; round <= 5; round++) {
            String marker = "round-" + round + "-done-42";
            tmux.type(null, String.valueOf(round), "Enter");
            tmux.await(null, marker, WAIT, s -> s.contains(marker));
            scarab.ok("send-keys", "long", String.valueOf(round), "Enter");
            // Each round fits in memory beside the last; before the next, its lines are stored (past
            // twice the bounds, lines not yet stored are dropped: memory wins over a slow disk).
            String expected = tmuxCapture(FLAGS.get(0));
            Scarab.waitFor("round " + round + " captured like tmux", WAIT, () -> scarabCapture(FLAGS.get(0)).equals(expected));
            long history = expected.lines().count() - 30;
            Scarab.waitFor("round " + round + " stored", WAIT, () -> storedEnd() >= history);
        }
        assertTrue(tmuxCapture(FLAGS.get(0)).lines().count() > 4000, "a history of over 4000 lines");
        for (List<String> flags : FLAGS) {
            assertEquals(tmuxCapture(flags), scarabCapture(flags), "capture " + flags);
        }

        long pid = scarab.daemonPid();
        assertEquals(0, new ProcessBuilder("kill", "-9", String.valueOf(pid)).start().waitFor());
        Scarab.waitFor("the daemon to die", WAIT, () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        for (List<String> flags : FLAGS) {
            assertEquals(tmuxCapture(flags), scarabCapture(flags), "after kill -9 and restart: capture " + flags);
        }
    }
}
