package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.protocol.Json;

/**
 * {@code new --memory-max --cpu-max --tasks-max}. Where this machine has a systemd user manager that
 * puts limits on scopes, or a cgroup v2 subtree the daemon can write, the pane's cgroup carries the
 * limits and a pane that outgrows its memory ends its session as {@code exited: out of memory}
 * while the daemon and another session go on. Where it has neither (found out here, apart from the
 * daemon's own check), {@code new} and {@code up} refuse in one line and create nothing: then that is
 * all this test can check, and it says so on its output.
 */
class LimitsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private Scarab scarab;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    private record Run(int status, String out) {}

    private static Run run(List<String> argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Run(-1, out);
        }
        return new Run(p.exitValue(), out);
    }

    /** Null when a systemd user scope gets a memory limit here, else why not. */
    private static String systemdProblem() throws Exception {
        Run r;
        try {
            r = run(List.of("systemd-run", "--user", "--scope", "--quiet", "--collect", "-p", "MemoryMax=64M", "-p",
                    "TasksMax=32", "-p", "CPUQuota=50%", "/bin/sh", "-c",
                    "cat \"/sys/fs/cgroup$(sed -n 's/^0:://p' /proc/self/cgroup)/memory.max\""));
        } catch (IOException e) {
            return "no systemd-run (" + e.getMessage() + ")";
        }
        return r.status() == 0 && r.out().equals("67108864") ? null
                : "systemd-run --user --scope: " + r.out().lines().findFirst().orElse("status " + r.status());
    }

    /** The cgroup v2 mount, or null. */
    private static Path cgroup2() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            int dash = line.indexOf(" - ");
            if (dash > 0 && line.substring(dash + 3).startsWith("cgroup2 ")) {
                return Path.of(line.split(" ")[4]);
            }
        }
        return null;
    }

    /** {@code pid}'s cgroup v2 directory, or null. */
    private static Path cgroupOf(long pid) throws IOException {
        Path mount = cgroup2();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"))) {
            if (line.startsWith("0::") && mount != null) {
                return Path.of(mount + line.substring(3));
            }
        }
        return null;
    }

    /**
     * Null when the daemon's cgroup v2 offers memory, cpu and pids, is writable, and holds no other
     * process than the daemon (cgroup v2 then lets it give controllers to pane cgroups), else why not.
     */
    private String cgroupProblem() throws IOException {
        Path mount = cgroup2();
        if (mount == null) {
            return "no cgroup v2 mounted";
        }
        long daemon = scarab.daemonPid();
        Path own = cgroupOf(daemon);
        List<String> offered = List.of(Files.readString(own.resolve("cgroup.controllers")).trim().split("\\s+"));
        if (!offered.containsAll(List.of("memory", "cpu", "pids"))) {
            return own + " offers only: " + offered;
        }
        if (!Files.isWritable(own.resolve("cgroup.subtree_control"))) {
            return own + " is not writable";
        }
        for (String pid : Files.readAllLines(own.resolve("cgroup.procs"))) {
            if (!own.equals(mount) && Long.parseLong(pid.trim()) != daemon) {
                return own + " holds other processes than the daemon";
            }
        }
        return null;
    }

    @Test
    void panesRunUnderTheirLimitsOrNewRefusesSayingWhyAndCreatesNothing() throws Exception {
        scarab.ok("new", "-d", "-c", "sleep 100000", "bystander");
        String systemd = systemdProblem();
        String cgroup = cgroupProblem();
        if (systemd != null && cgroup != null) {
            System.out.println("LimitsIT: neither facility here (" + systemd + "; " + cgroup
                    + "): checking only the refusal");
            Scarab.Result r = scarab.run("new", "-d", "--memory-max", "64M", "--cpu-max", "50", "--tasks-max", "32",
                    "-c", "sleep 1000", "limited");
            System.out.print("LimitsIT: new says: " + r.err());
            assertEquals(1, r.status(), r.err());
            assertTrue(r.err().startsWith("scarab: cannot limit resources here: no systemd") && r.err().contains("cgroup v2")
                    && r.err().indexOf('\n') == r.err().length() - 1, r.err());
            Path file = scarab.root.resolve("ws.toml");
            Files.writeString(file, "session = \"wslimited\"\nmemory-max = \"1G\"\n[[windows]]\ncommand = \"sleep 1000\"\n");
            Scarab.Result up = scarab.run("up", "-d", file.toString());
            assertEquals(1, up.status(), up.err());
            assertTrue(up.err().contains("cannot limit resources here"), up.err());
            assertEquals(List.of("bystander"), List.copyOf(scarab.sessionsByName().keySet()), "nothing created");
            return;
        }
        System.out.println("LimitsIT: limits through " + (systemd == null ? "systemd" : "a cgroup v2 subtree"));

        scarab.ok("new", "-d", "--memory-max", "64M", "--cpu-max", "50", "--tasks-max", "32", "-c", "sleep 100000", "limited");
        scarab.ok("split-window", "-t", "limited", "-c", "sleep 100001");
        for (JsonNode pane : Json.mapper().readTree(scarab.ok("list-panes", "-t", "limited", "--json"))) {
            Path cg = cgroupOf(pane.get("pid").asLong());
            assertEquals("67108864", Files.readString(cg.resolve("memory.max")).strip(), cg.toString());
            assertEquals("32", Files.readString(cg.resolve("pids.max")).strip(), cg.toString());
            assertEquals("50000 100000", Files.readString(cg.resolve("cpu.max")).strip(), cg.toString());
            assertTrue(!cg.equals(cgroupOf(scarab.daemonPid())), "the pane is outside the daemon's cgroup");
        }
        JsonNode limited = scarab.sessionsByName().get("limited");
        assertEquals(67108864L, limited.get("memoryMax").asLong(), limited.toString());
        assertEquals(50, limited.get("cpuMax").asInt(), limited.toString());
        assertEquals(32, limited.get("tasksMax").asInt(), limited.toString());
        String saved = scarab.ok("save", "limited");
        assertTrue(saved.contains("memory-max = \"64M\"\ncpu-max = 50\ntasks-max = 32\n"), saved);

        scarab.ok("new", "-d", "--memory-max", "64M", "-c", "python3 -c \"x = b'x' * (400 << 20)\"", "hog");
        Scarab.waitFor("hog to end", WAIT, () -> {
            try {
                return "exited".equals(scarab.sessionsByName().get("hog").get("status").asText());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        JsonNode hog = scarab.sessionsByName().get("hog");
        assertEquals("out of memory", hog.get("exitReason").asText(), hog.toString());
        assertTrue(scarab.ok("ls").lines().anyMatch(l -> l.contains("hog") && l.contains("exited: out of memory")));
        assertEquals("running", scarab.sessionsByName().get("bystander").get("status").asText());
        assertEquals("running", scarab.sessionsByName().get("limited").get("status").asText());
    }
}
