package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.protocol.ScarabPaths;

/**
 * The client says nothing to a daemon it cannot trust. Done for real as root: a fake "daemon"
 * runs as {@code nobody} through {@code setpriv} and logs every byte it receives. The fallback
 * path {@code /tmp/scarab-0} is the machine's own, so those cases run in a private mount
 * namespace with a fresh tmpfs on {@code /tmp} ({@code unshare -m}): nothing of the real
 * {@code /tmp} is seen or touched.
 */
class SocketTrustIT {
    /** Listens on argv[1]; appends the number of bytes each connection sent to argv[2]. */
    private static final String FAKE_DAEMON = String.join("\n",
            "import os, socket, sys",
            "path, log = sys.argv[1], sys.argv[2]",
            "s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)",
            "s.bind(path); os.chmod(path, 0o777); s.listen(8)",
            "open(path + '.ready', 'w').close()",
            "while True:",
            "    c, _ = s.accept()",
            "    c.settimeout(3)",
            "    got = b''",
            "    try:",
            "        while True:",
            "            d = c.recv(65536)",
            "            if not d: break",
            "            got += d",
            "    except OSError:",
            "        pass",
            "    c.close()",
            "    with open(log, 'a') as f: f.write('%d %r\\n' % (len(got), got[:200]))");

    private Path root;

    @BeforeEach
    void setUp() throws Exception {
        Assumptions.assumeTrue(ScarabPaths.uid() == 0, "switching to another user needs root (CI runs as root)");
        root = Files.createTempDirectory(Path.of("/tmp"), "scarab-trust-");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (root != null) {
            new ProcessBuilder("rm", "-rf", root.toString()).start().waitFor();
        }
    }

    /**
     * Where the real /tmp stays visible inside the namespace, under the fresh one: a checkout (and
     * so the class path) may itself live in /tmp. Any directory that exists will do; only the
     * namespace sees the bind mount.
     */
    private static final String REAL_TMP = java.util.stream.Stream.of("/mnt", "/srv", "/media", "/opt")
            .filter(d -> Files.isDirectory(Path.of(d))).findFirst().orElseThrow();

    private static String javaClient() {
        StringBuilder cp = new StringBuilder();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String abs = Path.of(entry).toAbsolutePath().toString();
            cp.append(cp.length() > 0 ? java.io.File.pathSeparator : "")
                    .append(abs.startsWith("/tmp/") ? REAL_TMP + abs.substring("/tmp".length()) : abs);
        }
        return Path.of(System.getProperty("java.home"), "bin", "java") + " -XX:TieredStopAtLevel=1 -cp " + cp
                + " scarab.client.Main";
    }

    /**
     * Runs {@code setup}, then the client with {@code args} and no XDG_RUNTIME_DIR, in a mount
     * namespace of its own with an empty /tmp; prints the client's output, its status and what
     * the fake daemon (if any) received.
     */
    private String inPrivateTmp(String setup, String args) throws Exception {
        String script = String.join("\n",
                "set -u",
                "mount --bind /tmp " + REAL_TMP + " || exit 90",
                "mount -t tmpfs -o mode=1777 scarab-test /tmp || exit 90",
                "mkdir -p /tmp/home",
                "export HOME=/tmp/home XDG_DATA_HOME=/tmp/home/data XDG_STATE_HOME=/tmp/home/state"
                        + " XDG_CONFIG_HOME=/tmp/home/config XDG_CACHE_HOME=/tmp/home/cache",
                "unset XDG_RUNTIME_DIR SCARAB_SOCKET",
                setup,
                javaClient() + " " + args + " >/tmp/out 2>/tmp/err",
                "echo \"status=$?\"",
                "echo \"stderr=$(cat /tmp/err)\"",
                "echo \"stdout=$(cat /tmp/out)\"",
                "[ -n \"${FAKE:-}\" ] && kill $FAKE",
                "echo \"received=$(cat /tmp/fake.log 2>/dev/null)\"",
                "echo \"dir=$(ls -A /tmp/scarab-0 2>/dev/null | tr '\\n' ' ')\"",
                "echo \"state=$(ls -A /tmp/home/state/scarab 2>/dev/null | tr '\\n' ' ')\"",
                // a daemon started in here by mistake would outlive the namespace: end it
                "pid=$(head -n 1 /tmp/scarab-0/scarab.sock.lock 2>/dev/null) && [ -n \"$pid\" ] && kill $pid");
        Process p = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", "-c", script)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        assertTrue(out.contains("status="), out);
        return out;
    }

    /** Shell lines that start the fake daemon as nobody on {@code socket} and wait until it listens. */
    private String fakeAsNobody(String socket) {
        return String.join("\n",
                "printf '%s' '" + FAKE_DAEMON.replace("'", "'\\''") + "' > /tmp/fake.py",
                "setpriv --reuid=65534 --regid=65534 --clear-groups /usr/bin/python3 /tmp/fake.py " + socket
                        + " /tmp/fake.log & FAKE=$!",
                "i=0; while [ ! -e " + socket + ".ready ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done");
    }

    private static String line(String out, String key) {
        for (String l : out.split("\n")) {
            if (l.startsWith(key + "=")) {
                return l.substring(key.length() + 1);
            }
        }
        throw new AssertionError("no " + key + " in " + out);
    }

    @Test
    void aFakeDaemonOfAnotherUserAtTheFallbackPathHearsNothing() throws Exception {
        String out = inPrivateTmp(String.join("\n",
                "mkdir -m 0755 /tmp/scarab-0 && chown 65534:65534 /tmp/scarab-0",
                fakeAsNobody("/tmp/scarab-0/scarab.sock")),
                "send-keys work my-secret-password Enter");
        assertEquals("1", line(out, "status"), out);
        String err = line(out, "stderr");
        assertTrue(err.contains("/tmp/scarab-0 belongs to uid 65534, not to you (uid 0)"), out);
        assertFalse(err.contains("\n"), "one line: " + err);
        assertEquals("", line(out, "received"), "the fake must not even be connected to: " + out);
    }

    @Test
    void aDirectoryOfOursOpenToOthersIsRefusedAndNoDaemonStartsInIt() throws Exception {
        String out = inPrivateTmp("mkdir -m 0755 /tmp/scarab-0", "ls");
        assertEquals("1", line(out, "status"), out);
        assertTrue(line(out, "stderr").contains("/tmp/scarab-0 has mode rwxr-xr-x, open to other users;"
                + " make it private with: chmod 700 /tmp/scarab-0"), out);
        assertEquals("", line(out, "dir"), "no daemon started into it: " + out);
        assertEquals("", line(out, "state"), "no daemon started at all: " + out);
    }

    @Test
    void aFakeDaemonOfAnotherUserInADirectoryOfOursIsRefusedBeforeAnyByte() throws Exception {
        // The directory passes (ours, 0700), but the socket in it was bound by nobody and moved in.
        String out = inPrivateTmp(String.join("\n",
                "mkdir -m 0777 /tmp/nobody",
                fakeAsNobody("/tmp/nobody/fake.sock"),
                "mkdir -m 0700 /tmp/scarab-0 && mv /tmp/nobody/fake.sock /tmp/scarab-0/scarab.sock"),
                "new -d -e AWS_SECRET_ACCESS_KEY=abc -c deploy.sh job");
        assertEquals("1", line(out, "status"), out);
        assertTrue(line(out, "stderr").contains("the process listening on /tmp/scarab-0/scarab.sock runs as user nobody,"
                + " not as you (root)"), out);
        assertEquals("0 b''", line(out, "received"), "connected, but sent nothing: " + out);
    }

    @Test
    void aFakeDaemonOfAnotherUserBehindMinusSIsRefusedBeforeAnyByte() throws Exception {
        Path dir = root.resolve("nobody");
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path socket = dir.resolve("fake.sock");
        Path log = dir.resolve("fake.log");
        Process fake = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "/usr/bin/python3", "-c", FAKE_DAEMON, socket.toString(), log.toString()).redirectErrorStream(true).start();
        try (Scarab scarab = new Scarab()) {
            Scarab.waitFor("the fake daemon to listen", Duration.ofSeconds(60), () -> Files.exists(Path.of(socket + ".ready")));
            Scarab.Result r = scarab.run("-S", socket.toString(), "send-keys", "work", "my-secret-password", "Enter");
            assertEquals(1, r.status(), r.err());
            assertTrue(r.err().contains("runs as user nobody, not as you (root)"), r.err());
            Scarab.waitFor("the fake to log the connection", Duration.ofSeconds(60), () -> Files.exists(log));
            assertEquals("0 b''", Files.readString(log).strip());
        } finally {
            fake.destroy();
            fake.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
