package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code scarab daemon --foreground}, as systemd runs it: its log lines reach stdout (the journal),
 * and logback reports no trouble with its configuration there.
 */
class ForegroundDaemonIT {
    private static final String EOF = "\0eof";
    private Scarab scarab;
    private Process daemon;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        scarab = new Scarab();
        ProcessBuilder pb = new ProcessBuilder("java", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                "scarab.client.Main", "daemon", "--foreground");
        pb.environment().clear();
        pb.environment().putAll(scarab.env);
        pb.redirectErrorStream(true);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        daemon = pb.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(reading the daemon's output failed: " + e + ")");
            }
            lines.add(EOF);
        }, "foreground-daemon-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    @AfterEach
    void stop() throws IOException {
        daemon.destroy();
        scarab.close();
    }

    @Test
    void logLinesReachStdoutAndLogbackComplainsOfNothing() throws Exception {
        Scarab.waitFor("the foreground daemon to answer", Duration.ofSeconds(120),
                () -> scarab.run("--no-start", "ls").status() == 0);
        assertEquals(0, scarab.run("daemon", "stop").status());
        readToEnd();
        assertTrue(daemon.waitFor(60, TimeUnit.SECONDS), "the daemon's process ends after its output");
        assertEquals(0, daemon.exitValue());

        String all = String.join("\n", seen);
        for (String line : seen) {
            // logback's own status lines ("12:30:23,841 |-ERROR in ...") and any stack trace
            assertTrue(!line.contains("|-ERROR") && !line.contains("|-WARN") && !line.startsWith("\tat ")
                    && !line.contains("Exception"), "logback trouble on stdout:\n" + all);
        }
        String started = "INFO  \\[main\\] Daemon: scarab daemon \\S+ started, pid " + daemon.pid() + ", socket "
                + Pattern.quote(scarab.socket().toString()) + ", database .*";
        assertTrue(seen.stream().anyMatch(l -> l.matches(started)), "the start line on stdout:\n" + all);
        assertTrue(seen.stream().anyMatch(l -> l.matches("INFO  \\[[^]]+\\] Daemon: stopped")), "the stop line on stdout:\n" + all);
        assertTrue(seen.get(0).startsWith("INFO  [main] Daemon: "), "the first line is the daemon's own:\n" + all);
    }

    private void readToEnd() throws InterruptedException {
        while (true) {
            String line = lines.poll(120, TimeUnit.SECONDS);
            assertNotNull(line, "stdout did not end within 120 s of the stop:\n" + String.join("\n", seen));
            if (line.equals(EOF)) {
                return;
            }
            seen.add(line);
        }
    }
}
