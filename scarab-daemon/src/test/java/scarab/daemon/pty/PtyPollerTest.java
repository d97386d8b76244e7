package scarab.daemon.pty;

import scarab.daemon.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import scarab.daemon.TestNatives;

/** The PTY layer on real processes: output, exit, input, size, hang-up, signals, many children on one thread. */
class PtyPollerTest {
    static {
        TestNatives.keepOutOfTmp();
    }

    private final PtyPoller poller = newPoller();
    private final List<PtyChild> started = new ArrayList<>();

    private static PtyPoller newPoller() {
        try {
            return new PtyPoller();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void tearDown() {
        for (PtyChild c : started) {
            c.signal(PtyChild.sigkill());
        }
        for (PtyChild c : started) {
            c.onExit().orTimeout(10, TimeUnit.SECONDS).join();
        }
        poller.close();
    }

    /** Collects a child's output and its end. */
    private static final class Recorder implements PtyPoller.Listener {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final CompletableFuture<Integer> ended = new CompletableFuture<>();
        private volatile Thread outputThread;

        @Override
        public synchronized void output(byte[] buffer, int length) {
            outputThread = Thread.currentThread();
            assertFalse(ended.isDone(), "no output after the end");
            out.write(buffer, 0, length);
        }

        @Override
        public void ended(int exitStatus) {
            ended.complete(exitStatus);
        }

        synchronized String text() {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private PtyChild start(Recorder recorder, int cols, int rows, String... argv) throws IOException {
        PtyChild child = PtyChild.start(argv[0], List.of(argv), Map.of("PATH", "/usr/bin:/bin", "TERM", "xterm"), "/", cols, rows);
        started.add(child);
        poller.register(child, recorder);
        return child;
    }


    @Test
    void deliversAllOutputThenTheExitStatus() throws Exception {
        Recorder r = new Recorder();
        start(r, 80, 24, "/bin/sh", "-c", "i=0; while [ $i -lt 2000 ]; do echo line-$i; i=$((i+1)); done; exit 7");
        assertEquals(7, r.ended.get(20, TimeUnit.SECONDS));
        String text = r.text();
        assertTrue(text.contains("line-0\r\n"), text);
        assertTrue(text.endsWith("line-1999\r\n"), "the last line arrives before the end");
    }

    @Test
    void theProgramSeesItsSizeFromTheStartAndAfterResize() throws Exception {
        Recorder r = new Recorder();
        PtyChild child = start(r, 123, 45, "/bin/sh", "-c", "stty size; read x; stty size");
        Await.until("the first size", () -> r.text().contains("45 123"));
        child.resize(90, 30);
        child.write("go\n".getBytes(StandardCharsets.US_ASCII), 0, 3);
        assertEquals(0, r.ended.get(20, TimeUnit.SECONDS));
        assertTrue(r.text().contains("30 90"), r.text());
    }

    @Test
    void hangingUpSendsSighupToTheSession() throws Exception {
        Recorder r = new Recorder();
        PtyChild child = start(r, 80, 24, "/bin/sh", "-c", "echo ready; sleep 1000");
        Await.until("the program to start", () -> r.text().contains("ready"));
        poller.hangUp(child);
        assertEquals(128 + 1, r.ended.get(20, TimeUnit.SECONDS), "ended by SIGHUP");
        assertFalse(child.isAlive());
        assertFalse(child.signal(PtyChild.sigkill()), "no signal once the process is gone");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> child.write(new byte[] {'x'}, 0, 1));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void theChildGetsAnEmptySignalMaskAndOnlyItsTerminal() throws Exception {
        Recorder r = new Recorder();
        PtyChild child = start(r, 80, 24, "/bin/sh", "-c", "echo ready; exec sleep 1000");
        Await.until("the program to start", () -> r.text().contains("ready"));
        Await.until("sleep to replace the shell", () -> comm(child).equals("sleep"));
        String status = Files.readString(Path.of("/proc", String.valueOf(child.pid()), "status"));
        assertTrue(status.contains("SigBlk:\t0000000000000000"), "no signal blocked (the JVM blocks SIGQUIT): " + status);
        try (var fds = Files.list(Path.of("/proc", String.valueOf(child.pid()), "fd"))) {
            assertEquals(List.of("0", "1", "2"), fds.map(p -> p.getFileName().toString()).sorted().toList(),
                    "none of the daemon's descriptors leak into sessions");
        }
        assertTrue(child.signal(3));
        assertEquals(128 + 3, r.ended.get(20, TimeUnit.SECONDS), "SIGQUIT ends the shell's child");
    }

    private static String comm(PtyChild child) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(child.pid()), "comm")).trim();
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void oneThreadServesManyChildren() throws Exception {
        int before = Thread.activeCount();
        List<Recorder> recorders = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Recorder r = new Recorder();
            recorders.add(r);
            start(r, 80, 24, "/bin/sh", "-c", "read x; echo got-$x-" + i);
        }
        assertTrue(Thread.activeCount() <= before + 1, "no thread per child: " + before + " -> " + Thread.activeCount());
        for (PtyChild c : started) {
            c.write("hi\n".getBytes(StandardCharsets.US_ASCII), 0, 3);
        }
        java.util.Set<Thread> threads = new java.util.HashSet<>();
        for (int i = 0; i < recorders.size(); i++) {
            assertEquals(0, recorders.get(i).ended.get(20, TimeUnit.SECONDS));
            assertTrue(recorders.get(i).text().contains("got-hi-" + i), recorders.get(i).text());
            threads.add(recorders.get(i).outputThread);
        }
        assertEquals(1, threads.size(), "all output is read by the one poller thread");
    }

    @Test
    void aJobHoldingTheTerminalAfterTheLeaderExitsKeepsTheEndPending() throws Exception {
        Recorder r = new Recorder();
        PtyChild child = start(r, 80, 24, "/bin/sh", "-c",
                "(trap '' HUP; echo ready; exec sleep 1000) & echo job=$!; read x; exit 4");
        Await.until("the job to ignore SIGHUP", () -> r.text().contains("ready") && r.text().matches("(?s).*job=\\d+\\r\\n.*"));
        child.write("go\n".getBytes(StandardCharsets.US_ASCII), 0, 3);
        child.onExit().get(20, TimeUnit.SECONDS);
        long job = Long.parseLong(r.text().replaceAll("(?s).*job=(\\d+).*", "$1"));
        try {
            assertFalse(r.ended.isDone(), "a job that ignores SIGHUP still holds the terminal: the session is not over");
            poller.hangUp(child);
            assertEquals(4, r.ended.get(20, TimeUnit.SECONDS), "the leader's status, once the terminal is hung up");
        } finally {
            ProcessHandle.of(job).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
