package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.client.workspace.Workspace;
import scarab.client.workspace.WorkspaceFile;
import scarab.client.workspace.WorkspacePlan;

/**
 * {@code scarab up}, {@code down} and {@code save}: a workspace of three windows with nested
 * splits comes up with the geometry declared, the same as tmux 3.3a gives for the same splits;
 * {@code save} then {@code up} gives the same panes; {@code up} twice builds one session; bad
 * files are reported as FILE:LINE: KEY and create nothing.
 */
class WorkspaceIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String GEOMETRY = "#{window_index}.#{pane_index} #{pane_left} #{pane_top} #{pane_width} #{pane_height}";

    static final String THREE_WINDOWS = """
            session = "ws3"
            size = "120x40"
            root = "."

            [env]
            WS_VAR = "from-env"

            [[windows]]
            name = "edit"
            split = "h"
              [[windows.panes]]
              size = "60%"
              command = "sleep 1001"
              [[windows.panes]]
              split = "v"
                [[windows.panes.panes]]
                command = "sleep 1002"
                [[windows.panes.panes]]
                size = 10
                split = "h"
                  [[windows.panes.panes.panes]]
                  command = "sleep 1003"
                  [[windows.panes.panes.panes]]
                  command = ["sleep", "1004"]

            [[windows]]
            name = "logs"
            split = "v"
              [[windows.panes]]
              size = 5
              command = "sleep 1005"
              [[windows.panes]]
              command = "sleep 1006"
              [[windows.panes]]
              size = "25%"
              split = "h"
                [[windows.panes.panes]]
                command = "sleep 1007"
                [[windows.panes.panes]]
                size = 30
                command = "sleep 1008"

            [[windows]]
            name = "shell"
            cwd = "sub"
            command = ["/bin/sh"]
            on-start = "echo started > on-start.txt"
            send = ["echo hello-$WS_VAR-$(basename $PWD)"]
            """;

    private Scarab scarab;
    private Path dir;
    private String tmuxSocket;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        dir = scarab.root.resolve("project");
        Files.createDirectories(dir.resolve("sub"));
        tmuxSocket = "scarab-ws-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    }

    @AfterEach
    void stop() throws Exception {
        tmux("kill-server");
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        Files.deleteIfExists(Path.of("/tmp", "tmux-" + uid, tmuxSocket));
        scarab.close();
    }

    private List<String> geometry(String session) {
        List<String> all = new ArrayList<>();
        for (String w : scarab.ok("list-windows", "-t", session, "-F", "#{window_index}").split("\n")) {
            all.addAll(List.of(scarab.ok("list-panes", "-t", session + ":" + w, "-F", GEOMETRY).split("\n")));
        }
        return all;
    }

    @Test
    void threeWindowsOfNestedSplitsComeUpAsDeclaredAndAsTmuxBuildsThem() throws Exception {
        Path file = dir.resolve("ws3.toml");
        Files.writeString(file, THREE_WINDOWS);
        Scarab.Result up = scarab.run("up", "-d", file.toString());
        assertEquals(0, up.status(), up.err());
        List<String> ours = geometry("ws3");
        assertEquals(List.of(
                "0.0 0 0 72 40", "0.1 73 0 47 29", "0.2 73 30 23 10", "0.3 97 30 23 10",
                "1.0 0 0 120 5", "1.1 0 6 120 23", "1.2 0 30 89 10", "1.3 90 30 30 10",
                "2.0 0 0 120 40"), ours, "the sizes declared: 60% of 120, what is left, 10 rows, 5 rows, 25% of 40, 30 cells");
        assertEquals("sleep 1001|sleep 1002|sleep 1003|sleep 1004",
                scarab.ok("list-panes", "-t", "ws3:0", "-F", "#{pane_start_command}").strip().replace("\n", "|"),
                "each pane runs its own command");
        assertEquals("edit logs shell", scarab.ok("list-windows", "-t", "ws3", "-F", "#{window_name}").strip()
                .replace("\n", " "));
        assertEquals("0", scarab.ok("display-message", "-p", "-t", "ws3", "#{window_index}").strip(), "window 0 is current");
        Scarab.waitFor("the typed line to run", WAIT, () -> scarab.ok("capture", "ws3:2").contains("hello-from-env-sub"));
        assertEquals("started\n", Files.readString(dir.resolve("sub/on-start.txt")), "on-start ran in the pane's cwd");

        // tmux 3.3a given the same commands (its -c is the directory and the command is last).
        Workspace ws = WorkspaceFile.read(file, scarab.root.toString(), dir);
        for (WorkspacePlan.Step step : WorkspacePlan.of(ws, 120, 40)) {
            List<String> t = tmuxForm(step);
            if (t != null) {
                Reply r = tmux(t.toArray(String[]::new));
                assertEquals(0, r.exit(), t + ": " + r.err());
                if (t.get(0).equals("new-window") || t.get(0).equals("new-session")) {
                    String target = t.get(0).equals("new-session") ? "ws3:0" : t.get(t.indexOf("-t") + 1);
                    assertEquals(0, tmux("resize-window", "-t", target, "-x", "120", "-y", "40").exit());
                }
            }
        }
        List<String> theirs = new ArrayList<>();
        for (String w : List.of("0", "1", "2")) {
            theirs.addAll(tmux("list-panes", "-t", "ws3:" + w, "-F", GEOMETRY).out());
        }
        assertEquals(theirs, ours, "the same splits in tmux");
    }

    /** A plan's step as tmux runs it, or null for what tmux has no need of (typing). */
    private static List<String> tmuxForm(WorkspacePlan.Step step) {
        if (step instanceof WorkspacePlan.NewSession n) {
            List<String> t = new ArrayList<>(List.of("new-session", "-d", "-s", n.name(), "-x", "" + n.cols(), "-y",
                    "" + n.rows(), "-c", n.cwd()));
            t.add(n.command() == null ? "sleep 100000" : String.join(" ", n.command()));
            return t;
        }
        if (!(step instanceof WorkspacePlan.Command c)) {
            return null;
        }
        List<String> t = new ArrayList<>(c.argv());
        String command = "sleep 100000";
        int at = t.indexOf("-c");
        if (at >= 0) {
            command = t.get(at + 1);
            t.remove(at + 1);
            t.remove(at);
        }
        at = t.indexOf("-C");
        if (at >= 0) {
            t.set(at, "-c");
        }
        if (t.get(0).equals("new-window") || t.get(0).equals("split-window")) {
            t.add(command);
        }
        return t;
    }

    @Test
    void upTwiceBuildsOneSessionAndForceRebuildsIt() throws Exception {
        Path file = dir.resolve(".scarab.toml");
        Files.writeString(file, THREE_WINDOWS);
        String first = scarab.ok("up", "-d", file.toString()).strip();
        List<String> geometry = geometry("ws3");
        String again = scarab.ok("up", "-d", file.toString()).strip();
        assertEquals(first, again, "the same session");
        assertEquals(1, scarab.sessionsByName().size());
        assertEquals(geometry, geometry("ws3"), "nothing added");
        String rebuilt = scarab.ok("up", "-d", "--force", file.toString()).strip();
        assertNotEquals(first, rebuilt, "--force builds a new one");
        assertEquals(geometry, geometry("ws3"));
        assertEquals(1, scarab.sessionsByName().size());

        // NAME: the file in $XDG_CONFIG_HOME/scarab/workspaces, and down by that name.
        Path named = scarab.root.resolve("config/scarab/workspaces/other.toml");
        Files.createDirectories(named.getParent());
        Files.writeString(named, "[[windows]]\ncommand = \"sleep 1009\"\n");
        scarab.ok("up", "-d", "other");
        assertTrue(scarab.sessionsByName().containsKey("other"), "named after its file");
        scarab.ok("down", "other");
        scarab.ok("down", file.toString());
        assertEquals(0, scarab.sessionsByName().size());
    }

    @Test
    void saveThenUpGivesTheSamePanes() throws Exception {
        // A session built by hand, not from a file.
        scarab.ok("new", "-d", "--size", "100x30", "-C", dir.toString(), "-c", "sleep 2001", "hand");
        scarab.ok("split-window", "-h", "-l", "33%", "-t", "hand", "-c", "sleep 2002");
        scarab.ok("split-window", "-v", "-l", "7", "-t", "hand:0.1", "-C", dir.resolve("sub").toString(), "-c", "sh -c 'sleep 2003'");
        scarab.ok("new-window", "-t", "hand", "-n", "two", "-c", "sleep 2004");
        scarab.ok("split-window", "-t", "hand:1", "-c", "sleep 2005");
        scarab.ok("split-window", "-h", "-t", "hand:1.0", "-c", "sleep 2006");
        scarab.ok("resize-pane", "-t", "hand:1.0", "-x", "31");
        List<String> before = geometry("hand");
        String starts = commands("hand");
        Path saved = dir.resolve("hand.toml");
        scarab.ok("save", "hand", "-o", saved.toString());
        scarab.ok("down", "hand");
        assertEquals(0, scarab.sessionsByName().size());
        scarab.ok("up", "-d", saved.toString());
        assertEquals(before, geometry("hand"), Files.readString(saved));
        assertEquals(starts, commands("hand"));
        assertEquals(dir.resolve("sub").toString(),
                scarab.ok("display-message", "-p", "-t", "hand:0.2", "#{pane_current_path}").strip());
        assertEquals("0:hand-0-name 1:two", scarab.ok("list-windows", "-t", "hand", "-F", "#{window_index}:#{window_name}")
                .strip().replace("\n", " ").replaceFirst("0:[^ ]*", "0:hand-0-name"));
    }

    private String commands(String session) {
        StringBuilder all = new StringBuilder();
        for (String w : scarab.ok("list-windows", "-t", session, "-F", "#{window_index}").split("\n")) {
            all.append(scarab.ok("list-panes", "-t", session + ":" + w, "-F", "#{pane_start_command}"));
        }
        return all.toString();
    }

    @Test
    void badFilesAreReportedByFileLineAndKeyAndCreateNothing() throws Exception {
        Path file = dir.resolve("bad.toml");
        Files.writeString(file, """
                session = "bad"
                [[windows]]
                split = "h"
                  [[windows.panes]]
                  comand = "sleep 1"
                  [[windows.panes]]
                  size = "150%"
                [[windows]]
                split = "diagonal"
                panes = []
                """);
        Scarab.Result r = scarab.run("up", "-d", file.toString());
        assertEquals(1, r.status());
        assertEquals(String.join("\n",
                "scarab: " + file + ":5: windows[0].panes[0].comand: unknown key; did you mean \"command\"?",
                "scarab: " + file + ":7: windows[0].panes[1].size: expected cells (a number like 30) or a percentage"
                        + " like \"30%\" (1-99), not \"150%\"",
                "scarab: " + file + ":9: windows[1].split: expected \"h\" (side by side) or \"v\" (one above the other),"
                        + " not \"diagonal\"",
                "scarab: " + file + ":10: windows[1].panes: expected [[windows.panes]] tables, one per pane, not an array []",
                ""), r.err());
        Files.writeString(file, "session = \"bad\"\n[[windows]]\nname = \"x\n");
        r = scarab.run("up", "-d", file.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("scarab: " + file + ":3: not valid TOML: "), r.err());
        Files.writeString(file, "size = \"20x5\"\n[[windows]]\nsplit = \"v\"\n[[windows.panes]]\nsize = 4\n[[windows.panes]]\nsize = 3\n");
        r = scarab.run("up", "-d", file.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("scarab: " + file + ":6: the panes of this split need more than its 5 cells down"),
                r.err());
        assertEquals(0, scarab.sessionsByName().size(), "nothing created");
        r = scarab.run("up", "-d");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("no .scarab.toml in"), r.err());
    }

    record Reply(int exit, List<String> out, String err) {
    }

    private Reply tmux(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", tmuxSocket, "-f", "/dev/null"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        String path = env.getOrDefault("PATH", "/usr/bin:/bin");
        env.clear();
        env.put("PATH", path);
        env.put("HOME", scarab.root.toString());
        env.put("TERM", "screen");
        env.put("SHELL", "/bin/sh");
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectError(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("tmux did not answer: " + cmd);
        }
        return new Reply(p.exitValue(), out.isEmpty() ? List.of() : List.of(out.split("\n")), err.strip());
    }
}
