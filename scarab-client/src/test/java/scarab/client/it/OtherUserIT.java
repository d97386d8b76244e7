package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.protocol.ScarabPaths;

/**
 * Another user is refused by the kernel's word (SO_PEERCRED), even when the socket's permissions
 * have been loosened so that the connect itself succeeds. Done for real: as root, a client runs
 * as {@code nobody} through {@code setpriv}.
 */
class OtherUserIT {
    private Scarab scarab;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(ScarabPaths.uid() == 0, "switching to another user needs root (CI runs as root)");
        scarab = new Scarab();
        scarab.ok("new", "-d", "-c", "sleep 1000", "private");
    }

    @AfterEach
    void stop() throws Exception {
        if (scarab != null) {
            scarab.close();
        }
    }

    /** A hello frame from a process running as nobody; prints what came back, or EOF. */
    private String helloAsNobody() throws Exception {
        String script = String.join("\n",
                "import socket, struct, sys",
                "s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)",
                "try:",
                "    s.connect(sys.argv[1])",
                "except OSError as e:",
                "    print('CONNECT-FAILED', e); sys.exit(0)",
                "body = b'J{\"type\":\"hello\",\"id\":1,\"protocolVersion\":1,\"clientVersion\":\"x\",\"capabilities\":[]}'",
                "try:",
                "    s.sendall(struct.pack('>I', len(body)) + body)",
                "    data = s.recv(65536)",
                "except OSError as e:",
                "    print('RESET', e); sys.exit(0)",
                "print('EOF' if not data else 'ANSWER ' + data[5:].decode('utf-8', 'replace'))");
        Path file = scarab.root.resolve("client.py");
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "/usr/bin/python3", file.toString(), scarab.socket().toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out.strip();
    }

    @Test
    void anotherUserIsRefusedEvenWithLoosenedPermissions() throws Exception {
        // With the permissions as the daemon set them, the kernel refuses the connect.
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(scarab.socket().getParent())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(scarab.socket())));
        Files.setPosixFilePermissions(scarab.root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(scarab.root.resolve("run"), PosixFilePermissions.fromString("rwxr-xr-x"));
        assertTrue(helloAsNobody().startsWith("CONNECT-FAILED"));

        // Loosened: the connect goes through, and the daemon hangs up without a word.
        Files.setPosixFilePermissions(scarab.socket().getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(scarab.socket(), PosixFilePermissions.fromString("rw-rw-rw-"));
        String answer = helloAsNobody();
        assertTrue(answer.equals("EOF") || answer.startsWith("RESET"), "refused: " + answer);
        assertTrue(Files.readString(scarab.root.resolve("state/scarab/daemon.log")).contains("refused a connection from user nobody"));
        // The owner's client will not talk through a directory others can enter, until it is private again.
        Scarab.Result loose = scarab.run("ls");
        assertEquals(1, loose.status());
        assertTrue(loose.err().contains("make it private with: chmod 700 " + scarab.socket().getParent()), loose.err());
        Files.setPosixFilePermissions(scarab.socket().getParent(), PosixFilePermissions.fromString("rwx------"));
        assertTrue(scarab.ok("ls").contains("private"), "the owner is still served");
    }

    @Test
    void defaultSocketDirectoryOwnedBySomeoneElseIsRefused() throws Exception {
        scarab.ok("daemon", "stop");
        Path dir = scarab.socket().getParent();
        assertEquals(0, new ProcessBuilder("chown", "65534:65534", dir.toString()).start().waitFor());
        long started = Files.size(scarab.root.resolve("state/scarab/daemon.out"));
        Scarab.Result r = scarab.run("ls");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("belongs to uid 65534, not to you (uid 0)"), r.err());
        assertEquals(started, Files.size(scarab.root.resolve("state/scarab/daemon.out")), "the client refused it itself, starting no daemon");
        assertEquals(65534, (Integer) Files.getAttribute(dir, "unix:uid"), "never chowned back behind the user's back");
    }
}
