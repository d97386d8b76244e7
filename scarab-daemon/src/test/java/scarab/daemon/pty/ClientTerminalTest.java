package scarab.daemon.pty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scarab.daemon.TestNatives;
import scarab.protocol.ScarabPaths;

/**
 * The pid a client names for its terminal is its word only: the daemon opens
 * {@code /proc/PID/fd/0} only when that is a terminal of a process of its own user, and never
 * opens anything else to find out.
 */
class ClientTerminalTest {
    static {
        TestNatives.keepOutOfTmp();
    }

    /**
     * A process whose standard input is argv[1]: a FIFO it makes, or else a new pseudo-terminal
     * (run as argv[2] if given). Prints the pid; on a line from the test, prints how many times the
     * FIFO was opened meanwhile (inotify IN_OPEN), then ends the process.
     */
    private static final String CLIENT = String.join("\n",
            "import ctypes, os, pty, struct, subprocess, sys, time",
            "what = sys.argv[1]",
            "prefix = ['setpriv', '--reuid=' + sys.argv[2], '--regid=' + sys.argv[2], '--clear-groups'] if len(sys.argv) > 2 else []",
            "quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)",
            "if what == 'pty':",
            "    m, s = pty.openpty()",
            "    p = subprocess.Popen(prefix + ['sleep', '1000'], stdin=s, **quiet)",
            "else:",
            "    os.mkfifo(what)",
            "    fd = os.open(what, os.O_RDONLY | os.O_NONBLOCK)",
            "    p = subprocess.Popen(['sleep', '1000'], stdin=fd, **quiet)",
            "uid = int(sys.argv[2]) if len(sys.argv) > 2 else os.getuid()",
            "while os.path.basename(os.readlink('/proc/%d/exe' % p.pid)) != 'sleep' or os.stat('/proc/%d' % p.pid).st_uid != uid:",
            "    time.sleep(0.01)",
            "libc = ctypes.CDLL(None, use_errno=True)",
            "ino = libc.inotify_init1(os.O_NONBLOCK)",
            "if what != 'pty': libc.inotify_add_watch(ino, what.encode(), 0x20)",
            "print(p.pid, flush=True)",
            "sys.stdin.readline()",
            "try:",
            "    data = os.read(ino, 65536)",
            "except BlockingIOError:",
            "    data = b''",
            "count, off = 0, 0",
            "while off < len(data):",
            "    wd, mask, cookie, n = struct.unpack_from('iIII', data, off); off += 16 + n; count += 1",
            "print(count, flush=True)",
            "p.kill(); p.wait()");

    @TempDir
    Path dir;

    /** A running helper: the client process's pid, and a way to ask how often its FIFO was opened. */
    private static final class Client implements AutoCloseable {
        final Process helper;
        final BufferedReader out;
        final long pid;

        Client(String... args) throws IOException {
            java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("/usr/bin/python3", "-c", CLIENT));
            cmd.addAll(java.util.List.of(args));
            helper = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            out = new BufferedReader(new InputStreamReader(helper.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertNotNull(line, "the helper started");
            pid = Long.parseLong(line.trim());
        }

        int opensSoFar() throws IOException {
            OutputStream in = helper.getOutputStream();
            in.write('\n');
            in.flush();
            return Integer.parseInt(out.readLine().trim());
        }

        @Override
        public void close() throws Exception {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            helper.destroy();
            helper.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFifoAsStandardInputIsRefusedWithoutBeingOpened() throws Exception {
        try (Client client = new Client(dir.resolve("fifo").toString())) {
            IOException e = assertThrows(IOException.class, () -> ClientTerminal.open(client.pid));
            assertTrue(e.getMessage().contains("is not a terminal"), e.getMessage());
            assertEquals(0, client.opensSoFar(), "the FIFO was opened");
        }
    }

    @Test
    void aTerminalOfAnotherUsersProcessIsRefused() throws Exception {
        Assumptions.assumeTrue(ScarabPaths.uid() == 0, "switching to another user needs root (CI runs as root)");
        try (Client client = new Client("pty", "65534")) {
            IOException e = assertThrows(IOException.class, () -> ClientTerminal.open(client.pid));
            assertTrue(e.getMessage().contains("belongs to uid 65534, not to the daemon's user"), e.getMessage());
        }
    }

    @Test
    void aTerminalOfOurOwnIsOpened() throws Exception {
        try (Client client = new Client("pty")) {
            ClientTerminal terminal = ClientTerminal.open(client.pid);
            terminal.discard();
        }
    }
}
