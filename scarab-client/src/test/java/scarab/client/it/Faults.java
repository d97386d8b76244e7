package scarab.client.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Tools for making things go wrong under a daemon, as root: small filesystems, processes found by
 * the environment Scarab gives them, a daemon's threads and descriptors. What cannot be set up
 * fails the test with a message saying what is missing; nothing here skips.
 */
final class Faults {
    private Faults() {}

    /** Runs a command; returns its output, or fails the test naming the command and what it said. */
    static String sh(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed with status " + p.exitValue() + ": " + text);
            }
            return text;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Mounts a tmpfs of {@code size} (e.g. "512k") on {@code dir}, mode 0700. Needs root. */
    static void mountTmpfs(Path dir, String size) throws IOException {
        Files.createDirectories(dir);
        try {
            sh("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0700", "tmpfs", dir.toString());
        } catch (AssertionError e) {
            throw new AssertionError("this test needs to mount a small tmpfs (run it as root, in a"
                    + " container allowed to mount): " + e.getMessage(), e);
        }
    }

    /** Unmounts, lazily if something still holds it, so a failed test cannot leave it behind. */
    static void unmount(Path dir) {
        try {
            sh("umount", dir.toString());
        } catch (AssertionError e) {
            sh("umount", "-l", dir.toString());
        }
    }

    static boolean mounted(Path dir) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
                String[] f = line.split(" ");
                if (f.length > 1 && f[1].equals(dir.toString())) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Fills the filesystem holding {@code file} until it has no room left; returns the bytes written. */
    static long fill(Path file) throws IOException {
        byte[] chunk = new byte[4096];
        long written = 0;
        try (var out = Files.newOutputStream(file)) {
            while (true) {
                out.write(chunk);
                out.flush();
                written += chunk.length;
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
        // Smaller than a page: tmpfs has none of those left either once a page fails.
        return written;
    }

    /**
     * Live processes started by the daemon on {@code socket} for a session named {@code name}
     * (Scarab puts SCARAB_SESSION and SCARAB_SOCKET in every session's environment).
     */
    static List<Long> sessionProcesses(Path socket, String name) {
        byte[] session = ("SCARAB_SESSION=" + name).getBytes(StandardCharsets.UTF_8);
        byte[] sock = ("SCARAB_SOCKET=" + socket).getBytes(StandardCharsets.UTF_8);
        List<Long> found = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(h -> {
            try {
                byte[] env = Files.readAllBytes(Path.of("/proc", String.valueOf(h.pid()), "environ"));
                if (hasEntry(env, session) && hasEntry(env, sock) && h.isAlive() && !zombie(h.pid())) {
                    found.add(h.pid());
                }
            } catch (IOException e) {
                // gone meanwhile, or a kernel thread
            }
        });
        return found;
    }

    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean hasEntry(byte[] env, byte[] entry) {
        int start = 0;
        for (int i = 0; i <= env.length; i++) {
            if (i == env.length || env[i] == 0) {
                if (i - start == entry.length && java.util.Arrays.equals(env, start, i, entry, 0, entry.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    /**
     * How many of the daemon's connection threads are now inside {@code method} (from a thread
     * dump): tells a test that a request has reached the point where it waits.
     */
    static int connectionThreadsIn(long pid, String method) {
        String dump = sh("jcmd", String.valueOf(pid), "Thread.print");
        int n = 0;
        for (String thread : dump.split("\n\n")) {
            if (thread.startsWith("\"scarab-conn-") && thread.contains(method)) {
                n++;
            }
        }
        return n;
    }

    static int threads(long pid) {
        return count(Path.of("/proc", String.valueOf(pid), "task"));
    }

    static int descriptors(long pid) {
        return count(Path.of("/proc", String.valueOf(pid), "fd"));
    }

    /** What a process's descriptors point at (/proc/PID/fd links), one entry per descriptor. */
    static List<String> openFiles(long pid) {
        try (var list = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return list.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    return ""; // closed meanwhile
                }
            }).collect(java.util.stream.Collectors.toList());
        } catch (IOException e) {
            throw new AssertionError("cannot list the descriptors of " + pid + ": " + e.getMessage(), e);
        }
    }

    private static int count(Path dir) {
        try (var list = Files.list(dir)) {
            return (int) list.count();
        } catch (IOException e) {
            throw new AssertionError("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    static String integrityCheck(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * The stored snapshot of a session, inflated, or "" if there is none: its history chunks (ASCII
     * text is stored as it is in them) followed by the replay of its screen.
     */
    static String storedSnapshot(Path db, String name) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            return storedSnapshot(c, name);
        }
    }

    /** The panes of the session named by the statement's parameter. */
    static final String PANES_OF = "pane_id IN (SELECT p.id FROM panes p JOIN windows w ON w.id = p.window_id"
            + " JOIN sessions s ON s.id = w.session_id WHERE s.name = ?)";

    static String storedSnapshot(Connection c, String name) throws Exception {
        StringBuilder text = new StringBuilder();
        // A session's panes: schema 4 keeps the snapshots and history chunks per pane.
        try (java.sql.PreparedStatement p = c.prepareStatement("SELECT data FROM pane_history WHERE " + PANES_OF
                + " ORDER BY pane_id, first_line")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    text.append(inflate(rs.getBytes(1))).append('\n');
                }
            }
        }
        try (java.sql.PreparedStatement p = c.prepareStatement(
                "SELECT data FROM pane_snapshots WHERE " + PANES_OF + " ORDER BY pane_id")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return "";
                }
                return text.append(inflate(rs.getBytes(1))).toString();
            }
        }
    }

    /** A stored snapshot's data (deflated), as text. */
    static String inflate(byte[] deflated) {
        java.util.zip.Inflater inflater = new java.util.zip.Inflater();
        try {
            inflater.setInput(deflated);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[65536];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && inflater.needsInput()) {
                    break;
                }
                out.write(buffer, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (java.util.zip.DataFormatException e) {
            throw new AssertionError("a stored snapshot is not deflate data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
