package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A daemon start, even one that ends with kill -9, leaves nothing in the temporary directory:
 * pty4j's helper, SQLite's driver and JNA's dispatch library are kept once in the cache directory instead of copied into
 * /tmp at every start.
 */
class NativeLibrariesIT {
    private Scarab scarab;
    private Path tmp;
    private Path natives;

    @BeforeEach
    void start() throws IOException {
        scarab = new Scarab();
        tmp = Files.createDirectories(scarab.root.resolve("tmp"));
        natives = scarab.root.resolve("cache/scarab/native");
        scarab.env.put("XDG_CACHE_HOME", scarab.root.resolve("cache").toString());
        // The daemon's usual flags, with a temporary directory of the test's own to watch.
        scarab.env.put("SCARAB_DAEMON_JAVA_OPTS", "-XX:+UseSerialGC -Xss512k -Djava.io.tmpdir=" + tmp);
    }

    @AfterEach
    void stop() throws IOException {
        scarab.close();
    }

    private List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> natives.relativize(p).toString()).sorted().toList();
        }
    }

    private void sessionRuns(String name) {
        scarab.ok("new", "-d", "-c", "sh -c 'echo started-ok; sleep 100000'", name);
        Scarab.waitFor("the session's output", Duration.ofSeconds(10),
                () -> scarab.ok("capture", name).contains("started-ok"));
    }

    @Test
    void theLibrariesAreKeptInTheCacheAndTmpStaysEmpty() throws Exception {
        sessionRuns("one");
        List<String> kept = files(natives);
        assertEquals(3, kept.size(), kept.toString());
        assertTrue(kept.get(0).matches("jna-[0-9a-f]{16}/libjnidispatch\\.so"), kept.toString());
        assertTrue(kept.get(1).matches("pty4j-[0-9a-f]{16}/linux/[^/]+/libpty\\.so"), kept.toString());
        assertTrue(kept.get(2).matches("sqlite-[0-9a-f]{16}/libsqlitejdbc\\.so"), kept.toString());
        assertEquals(List.of(), list(tmp));

        // Killed, a daemon leaves nothing behind either; on the next start, another version's copy is
        // left for its daemon, and a damaged copy of ours is written again.
        long pid = scarab.daemonPid();
        new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
        Scarab.waitFor("the daemon to die", Duration.ofSeconds(10), () -> ProcessHandle.of(pid).isEmpty());
        Path older = Files.createDirectories(natives.resolve("sqlite-0123456789abcdef"));
        Files.writeString(older.resolve("libsqlitejdbc.so"), "old");
        Path ours = natives.resolve(kept.get(1));
        Files.writeString(ours, "damaged");
        sessionRuns("two");
        assertEquals(Set.of(kept.get(0), kept.get(1), kept.get(2), "sqlite-0123456789abcdef/libsqlitejdbc.so"),
                Set.copyOf(files(natives)));
        assertTrue(Files.size(ours) > 1000, "written again: " + Files.size(ours));
        assertEquals("old", Files.readString(older.resolve("libsqlitejdbc.so")));
        assertEquals(List.of(), list(tmp));
    }
}
