package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An in-place upgrade decides the daemon's class-data archive again (UpgradeCommandLine): the
 * program it execs maps the archive when it is fresh now, even if the daemon started before it was
 * recorded (the first start after an install), and never maps one that is stale or would kill it
 * (a truncated archive: a JVM of its own tries it first). The processes go on either way.
 */
class UpgradeArchiveIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private Scarab scarab;
    private ArchivedClassPath classes;
    private Path archive;

    @BeforeEach
    void start() throws Exception {
        classes = ArchivedClassPath.get();
        scarab = new Scarab();
        archive = scarab.root.resolve("dist/scarab-daemon.jsa");
    }

    @AfterEach
    void stop() throws Exception {
        scarab.close();
    }

    @Test
    void anArchiveRecordedAfterTheStartIsMappedByTheUpgradedProgram() throws Exception {
        classes.startDaemon(scarab, archive);
        assertFalse(commandLine().contains("-XX:SharedArchiveFile="), commandLine());
        long pane = session();

        Files.copy(classes.recorded, archive);
        upgrade(pane);
        assertTrue(commandLine().contains("-XX:SharedArchiveFile=" + archive), commandLine());
        assertTrue(maps().contains(archive.toString()), "the new program maps the archive:\n" + maps());

        // Once there, it is named once, however many upgrades follow.
        upgrade(pane);
        assertEquals(1, commandLine().split("-XX:SharedArchiveFile=", -1).length - 1, commandLine());
    }

    @Test
    void aStaleArchiveIsLeftOutOfTheNextProgram() throws Exception {
        Files.createDirectories(archive.getParent());
        Files.copy(classes.recorded, archive);
        classes.startDaemon(scarab, archive);
        assertTrue(commandLine().contains("-XX:SharedArchiveFile=" + archive), commandLine());
        long pane = session();

        // Older than the jars: recorded from another release's.
        Files.setLastModifiedTime(archive, FileTime.fromMillis(0));
        upgrade(pane);
        assertFalse(commandLine().contains("-XX:SharedArchiveFile="), commandLine());
        assertFalse(maps().contains(archive.toString()), maps());
    }

    @Test
    void anUpgradeToNewJarsRecordsTheirArchiveForTheNextOne() throws Exception {
        Files.createDirectories(archive.getParent());
        Files.copy(classes.recorded, archive);
        classes.startDaemon(scarab, archive);
        long pane = session();

        // A new release: the archive is older than its jars. The client that upgrades is the
        // launcher's, which names the daemon's class path and archive (as properties).
        Files.setLastModifiedTime(archive, FileTime.fromMillis(0));
        Path marker = archive.resolveSibling("scarab-daemon.jsa.recording");
        Files.delete(marker);
        System.setProperty("scarab.daemon.archive", archive.toString());
        System.setProperty("scarab.daemon.class.path", classes.classPath);
        try {
            upgrade(pane);
        } finally {
            System.clearProperty("scarab.daemon.archive");
            System.clearProperty("scarab.daemon.class.path");
        }
        assertFalse(commandLine().contains("-XX:SharedArchiveFile="), commandLine());
        Scarab.waitFor("the archive recorded again in the background", Duration.ofSeconds(300),
                () -> Files.exists(archive) && !Files.exists(marker) && sizeOf(archive) > 0
                        && timeOf(archive) > 0);
        upgrade(pane);
        assertTrue(commandLine().contains("-XX:SharedArchiveFile=" + archive), commandLine());
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static long timeOf(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return -1;
        }
    }

    @Test
    void anArchiveThatWouldKillTheDaemonIsNotMapped() throws Exception {
        classes.startDaemon(scarab, archive);
        long pane = session();

        // Fresh by its time, but cut short: the JVM that maps it dies of SIGBUS.
        byte[] whole = Files.readAllBytes(classes.recorded);
        Files.write(archive, java.util.Arrays.copyOf(whole, whole.length / 2));
        upgrade(pane);
        assertFalse(commandLine().contains("-XX:SharedArchiveFile="), commandLine());
        assertTrue(Files.readString(scarab.root.resolve("state/scarab/daemon.log")).contains("does not map cleanly"));
    }

    /** A session whose program must outlive every upgrade; its pid. */
    private long session() {
        scarab.ok("new", "-d", "-c", "sh -c 'echo archived; sleep 1000'", "s1");
        Scarab.waitFor("the session's output", WAIT, () -> scarab.run("capture", "s1").out().contains("archived"));
        return Long.parseLong(scarab.ok("display", "-p", "-t", "s1", "#{pane_pid}").strip());
    }

    private void upgrade(long pane) {
        long daemon = scarab.daemonPid();
        String said = scarab.ok("daemon", "upgrade");
        assertTrue(said.startsWith("daemon upgraded in place (pid " + daemon + ")") && !said.contains("problem"), said);
        assertEquals(pane, Long.parseLong(scarab.ok("display", "-p", "-t", "s1", "#{pane_pid}").strip()), "the same program");
        assertTrue(scarab.ok("capture", "s1").contains("archived"));
    }

    private String commandLine() throws IOException {
        return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(scarab.daemonPid()), "cmdline")),
                StandardCharsets.UTF_8).replace('\0', ' ');
    }

    private String maps() throws IOException {
        return Files.readString(Path.of("/proc", String.valueOf(scarab.daemonPid()), "maps"));
    }
}
