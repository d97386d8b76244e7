package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.client.ClientContext;
import scarab.client.daemon.DaemonArchiveRecorder;
import scarab.client.daemon.DaemonClasses;
import scarab.client.daemon.DaemonStarter;

/**
 * The daemon's class-data archive: a daemon starts and serves without one (and a client then
 * records one in the background), with a fresh one (and maps it), and with a damaged one (which
 * the JVM ignores). Class-data sharing archives classes from jars only, so the daemon's class path
 * here is this test's jars, with its class directories packed into jars of their own.
 */
class DaemonArchiveIT {
    private static Path jars;
    private static String classPath;
    /** Recorded once by a training run; each test copies it. */
    private static Path recorded;
    private Scarab scarab;
    private Path archive;

    @BeforeAll
    static void recordOnce() throws IOException {
        jars = Files.createTempDirectory(Path.of("/tmp"), "scarab-jsa-it-");
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                Path jar = jars.resolve("classes-" + n++ + ".jar");
                packDirectory(p, jar);
                entries.add(jar.toString());
            } else if (entry.endsWith(".jar")) {
                entries.add(entry);
            }
        }
        classPath = String.join(File.pathSeparator, entries);
        recorded = jars.resolve("recorded.jsa");
        DaemonArchiveRecorder.record(DaemonClasses.using(classPath, recorded));
        assertTrue(Files.size(recorded) > 0, "the training run recorded an archive");
        assertFalse(Files.exists(recorded.resolveSibling("recorded.jsa.recording")), "and removed its marker");
    }

    @AfterAll
    static void removeJars() throws IOException {
        deleteTree(jars);
    }

    @BeforeEach
    void world() throws IOException {
        scarab = new Scarab();
        archive = scarab.root.resolve("dist/scarab-daemon.jsa");
        Files.createDirectories(archive.getParent());
    }

    @AfterEach
    void stop() throws IOException {
        scarab.close();
    }

    @Test
    void withoutAnArchiveTheDaemonServesAndOneIsRecordedInTheBackground() throws IOException {
        DaemonClasses classes = DaemonClasses.using(classPath, archive);
        assertFalse(classes.fresh());
        start(classes);
        assertServes();
        assertFalse(commandLine().contains("-XX:SharedArchiveFile="), commandLine());

        Path marker = archive.resolveSibling("scarab-daemon.jsa.recording");
        Scarab.waitFor("the background recording", Duration.ofSeconds(300),
                () -> Files.exists(archive) && !Files.exists(marker));
        assertTrue(classes.fresh(), "the recorded archive is fresh");
        try (Stream<Path> left = Files.list(archive.getParent())) {
            assertEquals(List.of(archive), left.toList(), "no temporary archive or marker is left");
        }
    }

    @Test
    void aFreshArchiveIsMappedByTheDaemon() throws IOException {
        Files.copy(recorded, archive);
        DaemonClasses classes = DaemonClasses.using(classPath, archive);
        assertTrue(classes.fresh());
        start(classes);
        assertServes();
        assertTrue(commandLine().contains("-XX:SharedArchiveFile=" + archive), commandLine());
        assertTrue(maps().contains(archive.toString()), "the daemon maps its archive:\n" + maps());
    }

    @Test
    void aStaleArchiveIsNotUsedAndRecordedAgain() throws IOException {
        Files.copy(recorded, archive);
        Files.setLastModifiedTime(archive, FileTime.fromMillis(0));
        DaemonClasses classes = DaemonClasses.using(classPath, archive);
        assertFalse(classes.fresh(), "older than the jars");
        start(classes);
        assertServes();
        assertFalse(commandLine().contains("-XX:SharedArchiveFile="), commandLine());

        Path marker = archive.resolveSibling("scarab-daemon.jsa.recording");
        Scarab.waitFor("the archive recorded again", Duration.ofSeconds(300),
                () -> classes.fresh() && !Files.exists(marker));
    }

    @Test
    void aTruncatedArchiveIsDiscardedAndRecordedAgain() throws IOException {
        // The JDK 17 JVM dies of SIGBUS mapping it, CRC or not: the starter starts again without it.
        byte[] whole = Files.readAllBytes(recorded);
        Files.write(archive, java.util.Arrays.copyOf(whole, whole.length / 2));
        DaemonClasses classes = DaemonClasses.using(classPath, archive);
        assertTrue(classes.fresh());
        start(classes);
        assertServes();
        assertFalse(commandLine().contains("-XX:SharedArchiveFile="), commandLine());

        Path marker = archive.resolveSibling("scarab-daemon.jsa.recording");
        Scarab.waitFor("the archive recorded again", Duration.ofSeconds(300),
                () -> Files.exists(archive) && !Files.exists(marker) && sizeOf(archive) > whole.length / 2);
    }

    @Test
    void anOverwrittenArchiveIsIgnored() throws IOException {
        Files.copy(recorded, archive);
        archive.toFile().setWritable(true);
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
            for (long at = 4096; at < f.length(); at += f.length() / 7) {
                f.seek(at);
                f.write(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef, 0x55, 0x55, 0x55, 0x55});
            }
        }
        startDamaged();
    }

    @Test
    void garbageForAnArchiveIsIgnored() throws IOException {
        Files.write(archive, "not a class-data archive\n".repeat(10_000).getBytes(StandardCharsets.US_ASCII));
        startDamaged();
    }

    /** The damaged archive is fresh by its time, so the daemon is given it, and serves all the same. */
    private void startDamaged() throws IOException {
        DaemonClasses classes = DaemonClasses.using(classPath, archive);
        assertTrue(classes.fresh());
        start(classes);
        assertServes();
        assertTrue(commandLine().contains("-XX:SharedArchiveFile=" + archive), commandLine());
    }

    private void start(DaemonClasses classes) {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        ClientContext ctx = new ClientContext(scarab.env, scarab.root, nowhere, nowhere, false);
        new DaemonStarter(ctx, scarab.socket(), false, classes).start();
    }

    private void assertServes() {
        scarab.ok("new", "-d", "-c", "printf 'archived\\n'; sleep 100", "s1");
        Scarab.waitFor("the session's output", Duration.ofSeconds(60),
                () -> scarab.run("capture", "s1").out().contains("archived"));
        assertTrue(scarab.ok("ls").contains("s1"));
        scarab.ok("kill", "s1");
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private String commandLine() throws IOException {
        return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(scarab.daemonPid()), "cmdline")),
                StandardCharsets.UTF_8).replace('\0', ' ');
    }

    private String maps() throws IOException {
        return Files.readString(Path.of("/proc", String.valueOf(scarab.daemonPid()), "maps"));
    }

    private static void packDirectory(Path dir, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(dir.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
