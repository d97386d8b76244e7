package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.protocol.ScarabPaths;

/**
 * A uid with no passwd entry (common in containers) runs Scarab like anyone: nothing may depend
 * on a user name. Done for real as root: the client, and the daemon it starts, run under
 * {@code setpriv} as a uid that {@code getent} does not know, with every directory (and a copy
 * of the class path, since root's own files are closed to it) in a temporary directory it owns.
 */
class NoPasswdEntryIT {
    private Path root;
    private int uid;
    private String classPath;

    @BeforeEach
    void setUp() throws Exception {
        Assumptions.assumeTrue(ScarabPaths.uid() == 0, "switching to another user needs root (CI runs as root)");
        uid = unassignedUid();
        root = Files.createTempDirectory(Path.of("/tmp"), "scarab-nopw-");
        List<String> entries = new ArrayList<>();
        int i = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path from = Path.of(entry);
            Path to = root.resolve("cp").resolve(i++ + "-" + from.getFileName());
            copy(from, to);
            entries.add(to.toString());
        }
        classPath = String.join(File.pathSeparator, entries);
        Files.createDirectories(root.resolve("home"));
        Files.createDirectories(root.resolve("run"));
        assertEquals(0, new ProcessBuilder("chown", "-R", uid + ":" + uid, root.toString()).start().waitFor());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (root == null) {
            return;
        }
        scarab("daemon", "stop");
        Path lock = root.resolve("run/scarab/scarab.sock.lock");
        if (Files.exists(lock)) {
            ProcessHandle.of(Long.parseLong(Files.readString(lock).trim())).ifPresent(ProcessHandle::destroy);
        }
        new ProcessBuilder("rm", "-rf", root.toString()).start().waitFor();
    }

    private static int unassignedUid() throws Exception {
        for (int candidate = 54321; candidate < 54421; candidate++) {
            if (new ProcessBuilder("getent", "passwd", Integer.toString(candidate)).start().waitFor() != 0) {
                return candidate;
            }
        }
        throw new AssertionError("no unassigned uid between 54321 and 54420");
    }

    private static void copy(Path from, Path to) throws Exception {
        if (!Files.isDirectory(from)) {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** Runs the client as the unassigned uid; returns its status and output. */
    private Scarab.Result scarab(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
                "env", "-i", "HOME=" + root.resolve("home"), "PATH=/usr/bin:/bin", "SHELL=/bin/sh", "LANG=C.UTF-8",
                "XDG_RUNTIME_DIR=" + root.resolve("run"), "XDG_DATA_HOME=" + root.resolve("data"),
                "XDG_STATE_HOME=" + root.resolve("state"), "XDG_CONFIG_HOME=" + root.resolve("config"),
                "XDG_CACHE_HOME=" + root.resolve("cache"),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-cp", classPath, "scarab.client.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(root.toFile()).start();
        p.getOutputStream().close();
        byte[] err = p.getErrorStream().readAllBytes();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Scarab.Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void aUidWithNoNameStartsTheDaemonAndKeepsItsSessions() throws Exception {
        Scarab.Result created = scarab("new", "-d", "-c", "sleep 1000", "work");
        String log = Files.exists(root.resolve("state/scarab/daemon.out")) ? Files.readString(root.resolve("state/scarab/daemon.out")) : "";
        assertEquals(0, created.status(), created.err() + log);
        Scarab.Result ls = scarab("ls");
        assertEquals(0, ls.status(), ls.err());
        assertTrue(ls.out().contains("work"), ls.out());
        assertEquals(uid, (Integer) Files.getAttribute(root.resolve("data/scarab/sessions.db"), "unix:uid"));
        assertEquals(0, scarab("daemon", "stop").status());
    }
}
