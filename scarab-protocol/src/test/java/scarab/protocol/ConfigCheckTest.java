package scarab.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCheckTest {
    @TempDir
    Path dir;

    private ConfigCheck check(String toml) throws Exception {
        Path f = dir.resolve("config.toml");
        Files.writeString(f, toml);
        return ConfigCheck.of(f);
    }

    private String f() {
        return dir.resolve("config.toml").toString();
    }

    @Test
    void missingFileIsTheEmptyConfig() {
        ConfigCheck c = ConfigCheck.of(dir.resolve("nope.toml"));
        assertSame(ScarabConfig.EMPTY, c.config());
        assertTrue(c.ok());
    }

    @Test
    void everyKeyIsRead() throws Exception {
        ConfigCheck check = check("""
                default-command = ["/bin/zsh", "-l"]
                scrollback = 500
                detach-keys = "ctrl-a,d"
                snapshot-interval = "5s"
                restore = "lazy"
                cleanup-exited-after = "7d"
                cleanup-detached-after = "30d"
                log-level = "debug"
                max-sessions = 10
                max-clients-per-session = 3
                status = "on"
                """);
        assertEquals(List.of(), check.problems());
        assertEquals("on", check.config().status());
        ScarabConfig c = check.config();
        assertEquals(List.of("/bin/zsh", "-l"), c.defaultCommand());
        assertEquals(500, c.scrollback());
        assertEquals("ctrl-a,d", c.detachKeys());
        assertEquals(Duration.ofSeconds(5), ScarabConfig.duration(c.snapshotInterval()));
        assertEquals("lazy", c.restore());
        assertEquals("7d", c.cleanupExitedAfter());
        assertEquals("30d", c.cleanupDetachedAfter());
        assertEquals("debug", c.logLevel());
        assertEquals(10, c.maxSessions());
        assertEquals(3, c.maxClientsPerSession());
    }

    @Test
    void aStatusOtherThanOffOnOrAutoIsReportedAndTheDefaultKept() throws Exception {
        ConfigCheck c = check("status = \"sometimes\"\n");
        assertEquals(List.of(f() + ":1: status: expected off, on or auto, not \"sometimes\""), c.problems());
        assertEquals(null, c.config().status());
    }

    @Test
    void aCommandLineIsSplitLikeMinusC() throws Exception {
        ConfigCheck c = check("default-command = \"/bin/zsh -l -c 'echo hi'\"\n");
        assertEquals(List.of(), c.problems());
        assertEquals(List.of("/bin/zsh", "-l", "-c", "echo hi"), c.config().defaultCommand());
        assertEquals(List.of("/bin/zsh"), check("default-command = \"/bin/zsh\"\n").config().defaultCommand());
    }

    @Test
    void aTypoIsReportedWithFileLineAndTheKeyItMeant() throws Exception {
        ConfigCheck c = check("scrollback = 100\n\nrestor = \"lazy\"\n");
        assertEquals(List.of(f() + ":3: unknown key \"restor\"; did you mean \"restore\"?"), c.problems());
        assertEquals(100, c.config().scrollback(), "the good key is kept");
        assertTrue(check("colour = 1\n").problems().get(0).contains("the keys are default-command, scrollback"));
    }

    @Test
    void everyProblemIsReportedAtOnceInPlainWords() throws Exception {
        ConfigCheck c = check("""
                scrollback = "lots"
                default-command = 5
                detach-keys = "ctrl-b d"
                snapshot-interval = "soon"
                restore = "sometimes"
                log-level = "loud"
                max-sessions = 0
                max-clients-per-session = 3
                """);
        assertEquals(List.of(
                f() + ":1: scrollback: expected a number of lines from 0 to 1000000 (without quotes), not \"lots\"",
                f() + ":2: default-command: expected a command line like \"/bin/zsh -l\" or an array of words like"
                        + " [\"/bin/zsh\", \"-l\"], not 5",
                f() + ":3: detach-keys: expected keys like \"ctrl-b,d\" or \"ctrl-\\\\\" (a prefix, a comma, a key),"
                        + " not \"ctrl-b d\"",
                f() + ":4: snapshot-interval: expected a duration in quotes like \"500ms\", \"2s\" or \"1m\", not \"soon\"",
                f() + ":5: restore: expected eager, lazy or none, not \"sometimes\"",
                f() + ":6: log-level: expected error, warn, info, debug or trace, not \"loud\"",
                f() + ":7: max-sessions: expected a number of sessions from 1 to 100000 (without quotes), not 0"),
                c.problems());
        for (String p : c.problems()) {
            assertFalse(p.contains("java") || p.contains("Cannot"), p);
        }
        assertNull(c.config().scrollback(), "a bad value leaves the default");
        assertNull(c.config().detachKeys());
        assertEquals(3, c.config().maxClientsPerSession(), "the good key is kept");
        assertTrue(c.warnings().get(0).endsWith("(its default is used)"), c.warnings().get(0));
    }

    @Test
    void aSectionIsReportedOnItsOwnLine() throws Exception {
        ConfigCheck c = check("scrollback = 100\n\n[session]\nrestore = \"lazy\"\n");
        assertEquals(List.of(f() + ":3: [session]: no such table (there are [keys] and [hooks]); write the other keys at"
                + " the top, before any [table]"), c.problems());
    }

    @Test
    void aFileThatIsNotTomlLeavesEveryDefault() throws Exception {
        ConfigCheck c = check("scrollback = 100\nrestore = [\n");
        assertEquals(1, c.problems().size());
        assertTrue(c.problems().get(0).startsWith(f() + ":"), c.problems().get(0));
        assertTrue(c.problems().get(0).contains("not valid TOML"), c.problems().get(0));
        assertSame(ScarabConfig.EMPTY, c.config());
        assertTrue(c.warnings().get(0).endsWith("(every setting is at its default)"));
    }

    @Test
    void nearMissesAreFoundAndFarOnesAreNot() {
        assertEquals("scrollback", NearMiss.closest("scrolback", ScarabConfig.KEYS));
        assertEquals("default-command", NearMiss.closest("default_command", ScarabConfig.KEYS));
        assertEquals("detach-keys", NearMiss.closest("detach-key", ScarabConfig.KEYS));
        assertNull(NearMiss.closest("colour", ScarabConfig.KEYS));
    }

    @Test
    void historyIsBoundedInLinesAndBytes() throws Exception {
        ConfigCheck check = check("history-limit = 2000\nhistory-bytes = \"8MB\"\n");
        assertEquals(List.of(), check.problems());
        assertEquals(2000, check.config().historyLines());
        assertEquals(8L << 20, ScarabConfig.bytes(check.config().historyBytes()));
        assertEquals(700, check("scrollback = 700\n").config().historyLines(), "the older name still works");
        assertEquals(1536L, ScarabConfig.bytes("1536"));
        assertEquals(512L << 10, ScarabConfig.bytes("512 KiB"));
        assertEquals(2L << 30, ScarabConfig.bytes("2g"));
        assertNull(ScarabConfig.bytes("65GB"), "over 64 GB");

        ConfigCheck both = check("scrollback = 100\nhistory-limit = 200\n");
        assertEquals(List.of(f() + ":1: scrollback: expected only one of history-limit and scrollback (its older name);"
                + " history-limit is used"), both.problems());
        assertEquals(200, both.config().historyLines());

        ConfigCheck bad = check("history-bytes = \"lots\"\n");
        assertEquals(List.of(f() + ":1: history-bytes: expected a size in quotes like \"16MB\" or \"500KB\", at most 64GB,"
                + " not \"lots\""), bad.problems());
        assertNull(bad.config().historyBytes(), "the default is used");
    }

    @Test
    void historyOnDiskIsASizeAndZeroTurnsItOff() throws Exception {
        ConfigCheck check = check("history-disk = \"1GB\"\n");
        assertEquals(List.of(), check.problems());
        assertEquals(1L << 30, ScarabConfig.bytes(check.config().historyDisk()));
        assertEquals(0L, ScarabConfig.bytes(check("history-disk = \"0\"\n").config().historyDisk()));
        assertNull(check("").config().historyDisk(), "unset: the default");
        assertEquals(256L << 20, ScarabConfig.DEFAULT_HISTORY_DISK);

        ConfigCheck bad = check("history-disk = 100\n");
        assertEquals(List.of(f() + ":1: history-disk: expected a size in quotes like \"16MB\" or \"500KB\", at most 64GB,"
                + " not 100"), bad.problems());
        assertNull(bad.config().historyDisk(), "the default is used");
        ConfigCheck typo = check("history-disc = \"1GB\"\n");
        assertTrue(typo.problems().get(0).contains("history-disk"), "a near miss is named: " + typo.problems());
    }

    @Test
    void keysAreCheckedOneByOneAndTheWrongOnesLeftOut() throws Exception {
        ConfigCheck c = check("""
                repeat-time = "300ms"

                [keys]
                "M-h" = "select-pane -L"
                "x" = ""
                "F99" = "new-window"
                'y' = "no-such-command"
                z = 5
                "R" = "-r resize-pane -R 2"
                """);
        assertEquals(List.of(
                f() + ":6: keys: \"F99\": unknown key \"F99\" (tmux's key names: x, C-x, M-x, Up, C-Left, F1,"
                        + " Space, Enter, ...)",
                f() + ":7: keys: \"y\": unknown command: no-such-command",
                f() + ":8: keys: \"z\": expected a command line in quotes like \"select-pane -L\" (\"\" unbinds), not 5"),
                c.problems());
        assertEquals(java.util.Map.of("M-h", "select-pane -L", "x", "", "R", "-r resize-pane -R 2"), c.config().keys());
        assertEquals("300ms", c.config().repeatTime());
        assertTrue(check("keys = 5\n").problems().get(0).contains(":1: keys: expected a table"));
        assertTrue(check("repeat-time = \"soon\"\n").problems().get(0).contains("repeat-time: expected a duration"));
    }

    @Test
    void hostsAreAnArrayOfNamesAsSshTakesThem() throws Exception {
        ConfigCheck good = check("hosts = [\"build01\", \"me@build02\", \"build01\"]\n");
        assertEquals(List.of(), good.problems());
        assertEquals(List.of("build01", "me@build02"), good.config().hosts(), "each once, in order");
        assertNull(check("log-level = \"info\"\n").config().hosts());
        for (String bad : List.of("\"build01,build02\"", "[]", "[\"-oProxyCommand=x\"]", "[\"a b\"]",
                "[\"a,b\"]", "[\"\"]", "[1]")) {
            ConfigCheck c = check("log-level = \"info\"\nhosts = " + bad + "\n");
            assertEquals(1, c.problems().size(), bad + ": " + c.problems());
            assertTrue(c.problems().get(0).startsWith(f() + ":2: hosts: expected an array of host names"),
                    c.problems().get(0));
            assertNull(c.config().hosts(), bad);
            assertEquals("info", c.config().logLevel(), "the other keys are kept");
        }
    }
}
