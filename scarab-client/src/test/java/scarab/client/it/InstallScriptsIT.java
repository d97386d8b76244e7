package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * scripts/install.sh and scripts/uninstall.sh, run as a user would, into a temporary prefix and
 * a temporary home, from a distribution directory laid out as scarab-dist builds it (its launcher
 * a stand-in that records the class-data archive, as {@code scarab __train} does).
 */
class InstallScriptsIT {
    private static final Path SCRIPTS = Path.of("..", "scripts").toAbsolutePath().normalize();
    private Path root;
    private Path dist;
    private Path prefix;

    record Run(int status, String out, String err) {}

    @BeforeEach
    void start() throws Exception {
        root = Files.createTempDirectory("scarab-install-");
        dist = root.resolve("dist");
        for (String dir : List.of("lib", "native/linux-x86-64", "bin", "share/man/man1", "share/bash-completion/completions",
                "share/zsh/site-functions", "share/scarab")) {
            Files.createDirectories(dist.resolve(dir));
        }
        Files.writeString(dist.resolve("lib/scarab-client-0.1.0.jar"), "jar");
        Files.writeString(dist.resolve("lib/client.classpath"), "LIB/scarab-client-0.1.0.jar");
        Files.writeString(dist.resolve("native/linux-x86-64/libpty.so"), "so");
        Files.writeString(dist.resolve("bin/scarab"), "#!/bin/sh\n"
                + "[ \"$1\" = __train ] && touch \"$(dirname \"$0\")/../share/scarab/scarab-client.jsa\"\nexit 0\n");
        Files.writeString(dist.resolve("share/man/man1/scarab.1"), ".TH SCARAB 1\n");
        Files.writeString(dist.resolve("share/bash-completion/completions/scarab"), "complete -F x scarab\n");
        Files.writeString(dist.resolve("share/zsh/site-functions/_scarab"), "#compdef scarab\n");
        Files.writeString(dist.resolve("share/scarab/scarab.service"), "[Service]\nExecStart=scarab daemon --foreground\n");
        prefix = root.resolve("prefix");
    }

    @AfterEach
    void stop() throws Exception {
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private Run run(String path, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPTS.resolve(args[0]).toString()));
        command.addAll(List.of(args).subList(1, args.length));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("HOME", root.resolve("home").toString());
        env.put("XDG_CONFIG_HOME", root.resolve("home/config").toString());
        env.put("XDG_DATA_HOME", root.resolve("home/data").toString());
        env.put("XDG_RUNTIME_DIR", root.resolve("run").toString()); // no user bus here: systemctl --user finds nothing
        env.put("PATH", path);
        Path out = root.resolve("out.txt");
        Path err = root.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", args) + " finished");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static final String PATH = "/usr/local/bin:/usr/bin:/bin";

    @Test
    void installSaysWhatItDidAndUninstallLeavesNothingBehind() throws Exception {
        Files.createDirectories(root.resolve("home"));
        Run installed = run(PATH, "install.sh", "--prefix", prefix.toString(), "--dist", dist.toString());
        assertEquals(0, installed.status(), installed.err());
        assertTrue(installed.out().contains("Installed Scarab in " + prefix), installed.out());
        assertTrue(installed.out().contains(prefix + "/bin is not on your PATH"), installed.out());
        assertTrue(installed.out().contains("export PATH=\"" + prefix + "/bin:$PATH\""), installed.out());
        for (String file : List.of("bin/scarab", "share/scarab/lib/scarab-client-0.1.0.jar", "share/man/man1/scarab.1",
                "share/bash-completion/completions/scarab", "share/zsh/site-functions/_scarab",
                "share/scarab/scarab-client.jsa")) {
            assertTrue(Files.exists(prefix.resolve(file)), file);
        }
        Path unit = root.resolve("home/config/systemd/user/scarab.service");
        assertTrue(Files.readString(unit).contains("ExecStart=" + prefix + "/bin/scarab daemon --foreground"));

        Run again = run(prefix.resolve("bin") + ":" + PATH, "install.sh", "--prefix", prefix.toString(), "--dist", dist.toString());
        assertEquals(0, again.status(), again.err());
        assertFalse(again.out().contains("not on your PATH"), again.out());

        Run removed = run(PATH, "uninstall.sh", "--prefix", prefix.toString());
        assertEquals(0, removed.status(), removed.err());
        assertFalse(Files.exists(prefix), "every directory install.sh made is gone");
        assertFalse(Files.exists(root.resolve("home/config/systemd")), "and the unit's");
        assertTrue(Files.isDirectory(root.resolve("home/config")), "the user's config directory stays");
    }

    @Test
    void uninstallKeepsWhatIsNotItsOwn() throws Exception {
        assertEquals(0, run(PATH, "install.sh", "--prefix=" + prefix, "--dist=" + dist).status());
        Files.createDirectories(prefix.resolve("share/other"));
        Files.writeString(prefix.resolve("share/other/keep.txt"), "not scarab's");
        Files.writeString(prefix.resolve("share/scarab/sessions.db"), "the user's sessions");
        Run removed = run(PATH, "uninstall.sh", "--prefix=" + prefix);
        assertEquals(0, removed.status(), removed.err());
        assertTrue(Files.exists(prefix.resolve("share/other/keep.txt")));
        assertTrue(Files.exists(prefix.resolve("share/scarab/sessions.db")));
        assertFalse(Files.exists(prefix.resolve("bin")));
        assertFalse(Files.exists(prefix.resolve("share/man")));
        assertFalse(Files.exists(prefix.resolve("share/scarab/lib")));
    }

    @Test
    void anOptionWithoutItsValueIsAUsageMistake() throws Exception {
        for (String script : List.of("install.sh", "uninstall.sh")) {
            for (List<String> args : List.of(List.of("--prefix"), List.of("--prefix="), List.of("--prefix", "--dist", "x"))) {
                List<String> all = new java.util.ArrayList<>(List.of(script));
                all.addAll(args);
                Run r = run(PATH, all.toArray(String[]::new));
                assertEquals(2, r.status(), script + " " + args + ": " + r.err());
                assertTrue(r.err().contains("--prefix needs a directory"), r.err());
                assertFalse(r.err().contains("unbound variable"), r.err());
            }
        }
        Run dist = run(PATH, "install.sh", "--dist");
        assertEquals(2, dist.status(), dist.err());
        assertTrue(dist.err().contains("--dist needs a directory"), dist.err());
        assertFalse(Files.exists(prefix), "nothing was installed");
        assertFalse(Files.exists(root.resolve("home/.local")), "not even in the default prefix");
    }
}
