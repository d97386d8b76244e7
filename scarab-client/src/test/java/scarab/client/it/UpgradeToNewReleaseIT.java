package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An upgrade as a user makes one: a distribution of one release runs the daemon, another release
 * is installed over it (its jars replace the old ones, as scripts/install.sh does), and the new
 * release's {@code scarab daemon upgrade} moves the running daemon to it. The distributions are
 * laid out as scarab-dist builds one (lib/ with the jars and client.classpath, the real launcher
 * scripts/dist/scarab in bin/), made from this build's classes with another version string each;
 * every command goes through the launcher, so the daemon runs from {@code lib/*} as installed.
 */
class UpgradeToNewReleaseIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path LAUNCHER = Path.of("..", "scripts", "dist", "scarab").toAbsolutePath().normalize();
    private static final Pattern COUNT = Pattern.compile("(?m)^c(\\d+)$");
    private static final String COUNTER = "sh -c 'i=0; while :; do i=$((i+1)); echo c$i; sleep 0.05; done'";
    private Scarab scarab;
    private Path dist;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        dist = scarab.root.resolve("dist");
        // The daemon's own JVM options: no class-data archive to record in the background for each
        // release (a training daemon would compete with the test for the CPU).
        scarab.env.put("SCARAB_DAEMON_JAVA_OPTS", "-XX:+UseSerialGC -Xss512k -Xmx256m");
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    record Run(int status, String out, String err) {}

    /** The installed launcher, as a user types it. */
    private Run scarab(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(dist.resolve("bin/scarab").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().putAll(scarab.env);
        Path out = Files.createTempFile(scarab.root, "out", ".txt");
        Path err = Files.createTempFile(scarab.root, "err", ".txt");
        Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("scarab " + String.join(" ", args) + " did not finish");
        }
        Run r = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    private String ok(String... args) throws Exception {
        Run r = scarab(args);
        assertEquals(0, r.status(), "scarab " + String.join(" ", args) + ": " + r.err());
        return r.out();
    }

    /**
     * Installs a release of version {@code version} into {@code dist}, replacing the jars of the one
     * there (the running daemon keeps its open ones, as after scripts/install.sh).
     */
    private void install(String version) throws IOException {
        Path lib = dist.resolve("lib");
        if (Files.exists(lib)) {
            try (Stream<Path> files = Files.walk(lib)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(lib);
        Files.createDirectories(dist.resolve("bin"));
        List<String> others = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            String name = p.getFileName().toString();
            if (entry.contains("test-classes") || name.matches("(junit|opentest4j|apiguardian).*") || !Files.exists(p)) {
                continue;
            }
            String module = Files.isDirectory(p) ? p.getParent().getParent().getFileName().toString() : null;
            String jar = module != null ? module + "-" + version + ".jar" : name.startsWith("scarab-")
                    ? name.replaceAll("-[0-9][^-]*\\.jar$", "-" + version + ".jar") : name;
            Path target = lib.resolve(jar);
            if (Files.isDirectory(p)) {
                jarDirectory(p, target, version);
            } else if (name.startsWith("scarab-")) {
                rejar(p, target, version);
            } else {
                Files.copy(p, target);
            }
            if (!jar.startsWith("scarab-client-")) {
                others.add("LIB/" + jar);
            }
        }
        assertTrue(Files.exists(lib.resolve("scarab-client-" + version + ".jar")), "the client's jar in " + lib);
        Files.writeString(lib.resolve("client.classpath"), String.join(":", others));
        Path launcher = dist.resolve("bin/scarab");
        Files.writeString(launcher, Files.readString(LAUNCHER).replace("@project.version@", version));
        launcher.toFile().setExecutable(true);
        // The launcher records the client's class-data archive in the background unless a live
        // recorder is named: this test's JVM, so that nothing runs beside the test.
        Files.writeString(dist.resolve("scarab-client.jsa.recording"), ProcessHandle.current().pid() + "\n");
    }

    private static byte[] versionFile(String version) {
        return ("version=" + version + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void jarDirectory(Path dir, Path target, String version) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target)); Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                String name = dir.relativize(f).toString().replace('\\', '/');
                if (name.isEmpty() || Files.isDirectory(f)) {
                    continue;
                }
                out.putNextEntry(new JarEntry(name));
                out.write(name.equals("scarab/version.properties") ? versionFile(version) : Files.readAllBytes(f));
                out.closeEntry();
            }
        }
    }

    private static void rejar(Path jar, Path target, String version) throws IOException {
        try (JarFile in = new JarFile(jar.toFile()); OutputStream os = Files.newOutputStream(target);
             JarOutputStream out = new JarOutputStream(os)) {
            for (Enumeration<JarEntry> e = in.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                out.putNextEntry(new JarEntry(entry.getName()));
                try (InputStream is = in.getInputStream(entry)) {
                    out.write(entry.getName().equals("scarab/version.properties") ? versionFile(version) : is.readAllBytes());
                }
                out.closeEntry();
            }
        }
    }

    private List<Integer> counts(String name) throws Exception {
        List<Integer> out = new ArrayList<>();
        Matcher m = COUNT.matcher(ok("capture", "-S", "-", name));
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }

    private int last(String name) throws Exception {
        List<Integer> c = counts(name);
        return c.isEmpty() ? 0 : c.get(c.size() - 1);
    }

    private long panePid(String name) throws Exception {
        return Long.parseLong(ok("list-panes", "-t", name, "-F", "#{pane_pid}").strip());
    }

    private void awaitCount(String name, int atLeast) {
        Scarab.waitFor(name + " counting to " + atLeast, WAIT, () -> {
            try {
                return last(name) >= atLeast;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void theNewReleasesClientUpgradesTheRunningDaemonToIt() throws Exception {
        install("7.1.0-old");
        ok("new", "-d", "--size", "80x24", "-c", COUNTER, "one");
        ok("new", "-d", "--size", "80x24", "-c", COUNTER, "two");
        awaitCount("one", 5);
        awaitCount("two", 5);
        String before = ok("daemon", "status");
        assertTrue(before.contains("client:   7.1.0-old\nversion:  7.1.0-old\n"), before);
        long daemon = scarab.daemonPid();
        long one = panePid("one");
        long two = panePid("two");

        install("7.2.0-new");
        String version = ok("--version");
        assertTrue(version.contains("scarab 7.2.0-new") && version.contains("daemon 7.1.0-old (pid " + daemon
                + "); scarab daemon upgrade runs this version"), version);
        String said = ok("daemon", "upgrade");

        assertTrue(said.contains("daemon upgraded in place (pid " + daemon + "): 7.1.0-old -> 7.2.0-new"), said);
        String after = ok("daemon", "status");
        assertTrue(after.contains("client:   7.2.0-new\nversion:  7.2.0-new\npid:      " + daemon + "\n"), after);
        assertTrue(!after.contains("problem"), after);
        assertEquals(daemon, scarab.daemonPid());
        assertEquals(one, panePid("one"), "the same program in one");
        assertEquals(two, panePid("two"), "the same program in two");
        for (String name : List.of("one", "two")) {
            awaitCount(name, last(name) + 10);
            List<Integer> counts = counts(name);
            for (int i = 0; i < counts.size(); i++) {
                assertEquals(i + 1, counts.get(i), name + ": the counter's output " + counts);
            }
        }
        String log = Files.readString(scarab.root.resolve("state/scarab/daemon.log"));
        assertTrue(log.contains("scarab daemon 7.2.0-new started, pid " + daemon), "the new release runs");
    }
}
