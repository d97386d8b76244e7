package scarab.daemon.pty;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scarab.daemon.Await;
import scarab.daemon.TestNatives;

/**
 * {@link PtyPoller#park}, an upgrade's clean stop: it reads on until the output is not cut inside
 * an escape sequence, then reads nothing until resumed, and what the program wrote meanwhile
 * arrives after.
 */
class PtyPollerParkTest {
    static {
        TestNatives.keepOutOfTmp();
    }

    private final PtyPoller poller = newPoller();
    private PtyChild child;

    private static PtyPoller newPoller() {
        try {
            return new PtyPoller();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void tearDown() {
        if (child != null) {
            child.signal(PtyChild.sigkill());
            child.onExit().orTimeout(10, TimeUnit.SECONDS).join();
        }
        poller.close();
    }

    /** Records output; at rest unless it ends inside a CSI sequence (all this test writes). */
    private static final class Recorder implements PtyPoller.Listener {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        @Override
        public synchronized void output(byte[] buffer, int length) {
            out.write(buffer, 0, length);
        }

        @Override
        public void ended(int exitStatus) {
        }

        @Override
        public synchronized boolean atRest() {
            String s = text();
            int esc = s.lastIndexOf('\033');
            if (esc < 0) {
                return true;
            }
            for (int i = esc + 2; i < s.length(); i++) {
                if (s.charAt(i) >= 0x40 && s.charAt(i) <= 0x7e) {
                    return true;
                }
            }
            return false;
        }

        synchronized String text() {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void parksAtACleanPointAndResumesWhereItStopped(@TempDir Path dir) throws Exception {
        Path go = dir.resolve("go");
        Path more = dir.resolve("more");
        Path written = dir.resolve("written");
        String script = "printf 'a\\033[3'; while [ ! -e " + go + " ]; do sleep 0.01; done; printf '1mb\\n';"
                + " while [ ! -e " + more + " ]; do sleep 0.01; done; printf after; touch " + written + "; sleep 100";
        Recorder r = new Recorder();
        child = PtyChild.start("/bin/sh", List.of("/bin/sh", "-c", script), Map.of("PATH", "/usr/bin:/bin"), "/", 80, 24);
        poller.register(child, r);
        Await.until("the first half of the sequence", () -> r.text().contains("a\033[3"));
        assertFalse(r.atRest());

        // Parking waits for the rest of the sequence, which comes once "go" exists.
        CompletableFuture<Runnable> parked = CompletableFuture.supplyAsync(() -> {
            try {
                return poller.park(30_000, 60_000);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        Files.createFile(go);
        Runnable resume = parked.get(60, TimeUnit.SECONDS);
        assertNotNull(resume, "parked");
        assertTrue(r.text().contains("\033[31mb"), r.text());
        assertTrue(r.atRest());

        // Parked: what the program writes now is not read.
        Files.createFile(more);
        Await.until("the program wrote", () -> Files.exists(written));
        assertFalse(r.text().contains("after"), r.text());

        resume.run();
        Await.until("the output written while parked", () -> r.text().endsWith("after"));
    }
}
