package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A daemon start leaves nothing in the temporary directory: pty4j's native helper is kept once in
 * the cache directory instead of a new /tmp/pty4j-* directory per start.
 */
class PtyNativeLibraryIT {
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
            return s.toList();
        }
    }

    private void sessionRuns(String name) {
        scarab.ok("new", "-d", "-c", "sh -c 'echo started-ok; sleep 100000'", name);
        Scarab.waitFor("the session's output", Duration.ofSeconds(10),
                () -> scarab.ok("capture", name).contains("started-ok"));
    }

    @Test
    void theHelperIsKeptInTheCacheAndTmpStaysEmpty() throws Exception {
        sessionRuns("one");
        List<Path> kept = list(natives);
        assertEquals(1, kept.size(), kept.toString());
        assertTrue(kept.get(0).getFileName().toString().startsWith("pty4j-"), kept.toString());
        try (Stream<Path> files = Files.walk(kept.get(0))) {
            assertEquals(List.of("libpty.so"), files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList());
        }
        assertFalse(list(tmp).stream().anyMatch(p -> p.getFileName().toString().startsWith("pty4j")), list(tmp).toString());

        // Another pty4j's copy is left for its daemon; a damaged copy of this one is written again.
        Path older = Files.createDirectories(natives.resolve("pty4j-0123456789abcdef/linux/x86-64"));
        Files.writeString(older.resolve("libpty.so"), "old");
        Path library;
        try (Stream<Path> files = Files.walk(kept.get(0))) {
            library = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        Files.writeString(library, "damaged");
        scarab.ok("daemon", "stop");
        sessionRuns("two");
        assertEquals(java.util.Set.of(kept.get(0), natives.resolve("pty4j-0123456789abcdef")), java.util.Set.copyOf(list(natives)));
        assertEquals("old", Files.readString(older.resolve("libpty.so")));
        assertTrue(Files.size(library) > 1000, "written again: " + Files.size(library));
        assertFalse(list(tmp).stream().anyMatch(p -> p.getFileName().toString().startsWith("pty4j")), list(tmp).toString());
    }
}
