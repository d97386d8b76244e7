package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #16's scenario: two sessions count, a third runs vim with a file open mid-edit (insert
 * mode, text not saved), a client is attached to it through a real terminal (a tmux pane); the
 * daemon upgrades in place while keys are typed. Every program keeps its pid, the counters have no
 * gap and no repeat, the keys typed before, during and after the upgrade reach vim in order, the
 * attached client's screen is the session's own ({@code scarab capture}), and {@code :wq} saves
 * the edit.
 */
class UpgradeVimIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern COUNT = Pattern.compile("(?m)^c(\\d+)$");
    private static final String COUNTER = "sh -c 'i=0; while :; do i=$((i+1)); echo c$i; sleep 0.05; done'";
    private Scarab scarab;
    private Tmux tmux;
    private Path faults;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        faults = scarab.faultDirectory();
        tmux = new Tmux(scarab.root);
        tmux.start(100, 30, "env -i " + scarab.envLine(true, Map.of("PS1", "outer$ ")) + " /bin/sh");
        tmux.awaitText(null, "outer$");
    }

    @AfterEach
    void stop() throws Exception {
        tmux.close();
        scarab.close();
    }

    private List<Integer> counts(String name) {
        List<Integer> out = new ArrayList<>();
        Matcher m = COUNT.matcher(scarab.ok("capture", "-S", "-", name));
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }

    private int last(String name) {
        List<Integer> c = counts(name);
        return c.isEmpty() ? 0 : c.get(c.size() - 1);
    }

    private long panePid(String name) {
        return Long.parseLong(scarab.ok("list-panes", "-t", name, "-F", "#{pane_pid}").strip());
    }

    /** A screen as compared: each line without trailing blanks, no blank lines at the end. */
    private static String normal(String screen) {
        List<String> lines = new ArrayList<>(screen.lines().map(String::stripTrailing).toList());
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return String.join("\n", lines);
    }

    private String log() {
        try {
            return Files.readString(scarab.root.resolve("state/scarab/daemon.log"));
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void vimMidEditWithAnAttachedClientAndCountersSurvivesTheUpgrade() throws Exception {
        for (String name : List.of("one", "two")) {
            scarab.ok("new", "-d", "--size", "80x24", "-c", COUNTER, name);
        }
        Path file = scarab.root.resolve("notes.txt");
        Files.writeString(file, "alpha\nbeta\n");
        scarab.ok("new", "-d", "--size", "100x30", "-c", "vim -u NONE -N -n -i NONE " + file, "edit");
        tmux.type(null, "clear; " + scarab.clientCommand().replace("java ", "env " + scarab.envLine(true, Map.of())
                + " java ") + " attach edit; echo client-status-$?", "Enter");
        tmux.awaitText(null, "beta");
        tmux.type(null, "G", "o", "gamma-before ");
        tmux.await(null, "vim inserting", WAIT, s -> s.contains("-- INSERT --") && s.contains("gamma-before"));
        Scarab.waitFor("the counters going", WAIT, () -> last("one") >= 10 && last("two") >= 10);
        long daemon = scarab.daemonPid();
        long vim = panePid("edit");
        long one = panePid("one");
        long two = panePid("two");

        Files.createFile(faults.resolve("upgrade-hold"));
        CompletableFuture<String> upgrade = CompletableFuture.supplyAsync(() -> scarab.ok("daemon", "upgrade"));
        Scarab.waitFor("the upgrade held, no program reading", WAIT, () -> log().contains("upgrade held for a test"));
        tmux.type(null, "during-");
        Files.createFile(faults.resolve("upgrade-go"));
        String said = upgrade.get(60, TimeUnit.SECONDS);
        tmux.type(null, "after");

        assertTrue(said.contains("daemon upgraded in place (pid " + daemon + ")"), said);
        assertEquals(daemon, scarab.daemonPid());
        assertEquals(vim, panePid("edit"), "the same vim");
        assertEquals(one, panePid("one"));
        assertEquals(two, panePid("two"));
        Scarab.waitFor("the keys typed before, during and after the upgrade in vim's line", WAIT,
                () -> scarab.ok("capture", "edit").contains("gamma-before during-after"));
        String[] want = new String[1];
        String shown = tmux.await(null, "the attached client showing the session's screen", WAIT, s -> {
            want[0] = normal(scarab.ok("capture", "edit"));
            return normal(s).equals(want[0]);
        });
        assertTrue(shown.contains("-- INSERT --"), "still inserting: " + shown);
        assertFalse(shown.contains("lost server") || shown.contains("[detached"), shown);
        assertEquals("alpha\nbeta\n", Files.readString(file), "not saved yet: the edit lives in vim alone");

        tmux.type(null, "Escape", ":wq", "Enter");
        tmux.await(null, "the client's end when vim ended", WAIT, s -> s.contains("client-status-"));
        assertEquals("alpha\nbeta\ngamma-before during-after\n", Files.readString(file));
        Scarab.waitFor("edit exited", WAIT, () -> scarab.ok("ls").contains("exited (0)"));

        for (String name : List.of("one", "two")) {
            int before = last(name);
            Scarab.waitFor(name + " counting on", WAIT, () -> last(name) >= before + 10);
            List<Integer> counts = counts(name);
            for (int i = 0; i < counts.size(); i++) {
                assertEquals(i + 1, counts.get(i), name + ": the counter's output " + counts);
            }
        }
    }
}
