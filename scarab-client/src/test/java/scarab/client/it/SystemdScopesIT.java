package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where a systemd user manager runs, every pane, limited or not, starts in a scope of its own
 * ({@code systemd-run --user --scope}), outside the daemon's cgroup, and a scope that ends killed
 * for memory ends its session as {@code exited: out of memory}. This machine has no user manager,
 * so the daemon is given a stand-in {@code systemctl} and {@code systemd-run} on its PATH: they
 * answer as a running manager does, log how they were called, and run the command in place (as
 * systemd-run execs it, keeping the pid). What is tested is the daemon's side: that it asks, wraps
 * every pane, and reads the scope's result; not systemd's.
 */
class SystemdScopesIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private Scarab scarab;
    private Path fake;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        fake = Files.createDirectories(scarab.root.resolve("fake-systemd"));
        Path calls = fake.resolve("calls");
        script("systemctl", """
                #!/bin/sh
                echo "systemctl $*" >> '%s'
                case "$2" in
                  is-system-running) echo running ;;
                  show) if [ -e '%s' ]; then echo oom-kill; else echo success; fi ;;
                esac
                """.formatted(calls, fake.resolve("oom")));
        script("systemd-run", """
                #!/bin/sh
                echo "systemd-run $*" >> '%s'
                while [ $# -gt 0 ] && [ "$1" != "--" ]; do shift; done
                shift
                exec "$@"
                """.formatted(calls));
        scarab.env.put("PATH", fake + ":" + scarab.env.get("PATH"));
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    private void script(String name, String text) throws Exception {
        Path p = fake.resolve(name);
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private List<String> calls() throws Exception {
        Path calls = fake.resolve("calls");
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    @Test
    void everyPaneRunsInAScopeAndAnOomKillReadsAsOutOfMemory() throws Exception {
        scarab.ok("new", "-d", "-c", "sh -c 'echo in-scope; exec sleep 100000'", "scoped");
        Scarab.waitFor("the pane's output", WAIT, () -> scarab.ok("capture", "scoped").contains("in-scope"));
        scarab.ok("split-window", "-d", "-t", "scoped", "-c", "sh -c 'echo second; exec sleep 100000'");
        Scarab.waitFor("the second pane's output", WAIT, () -> scarab.ok("capture", "scoped:0.1").contains("second"));

        List<String> scopes = calls().stream().filter(c -> c.startsWith("systemd-run --user --scope --quiet --unit=scarab-scoped-p")).toList();
        assertEquals(2, scopes.size(), "one scope a pane, no properties without limits: " + calls());
        assertTrue(scopes.stream().allMatch(c -> c.matches(".*\\.scope -- \\S*/sh -c .*")), scopes.toString());
        assertTrue(calls().contains("systemctl --user is-system-running"), calls().toString());

        long pid = Long.parseLong(scarab.ok("display-message", "-p", "-t", "scoped:0.0", "#{pane_pid}").strip());
        Files.createFile(fake.resolve("oom"));
        scarab.ok("kill-pane", "-t", "scoped:0.1");
        assertEquals(0, new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor());
        Scarab.waitFor(() -> "the session's end, out of memory: " + scarab.run("ls").out(), WAIT,
                () -> scarab.ok("ls").contains("out of memory"));
        assertTrue(calls().stream().anyMatch(c -> c.startsWith("systemctl --user show -P Result scarab-scoped-p")),
                calls().toString());
        assertTrue(calls().stream().anyMatch(c -> c.startsWith("systemctl --user reset-failed scarab-scoped-p")),
                calls().toString());
    }
}
