package scarab.daemon.pty;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The descriptor work of an in-place upgrade ({@code scarab daemon upgrade}): which numbers cross
 * {@code execve} (every PTY master and pidfd, nothing else), the {@code execve} itself, and in the
 * new program the check that an inherited number is what the hand-over says it is, and the end of
 * those nobody adopted.
 */
public final class ExecHandOver {
    private static final Logger log = LoggerFactory.getLogger(ExecHandOver.class);

    private ExecHandOver() {}

    /**
     * Marks every descriptor from 3 on close-on-exec (the JVM opens many without it: jars, the
     * database, client sockets), then clears it on the children's numbers, which the next program
     * adopts. Standard input, output and error stay as they are (daemon.out, or the journal).
     */
    public static void keepOnly(Collection<PtyChild.Fds> kept, Collection<Integer> alsoKept) {
        PtyChild.closeOnExecFromThree();
        for (PtyChild.Fds f : kept) {
            Posix.LibC.INSTANCE.fcntl(f.master(), Posix.F_SETFD, 0);
            Posix.LibC.INSTANCE.fcntl(f.pidfd(), Posix.F_SETFD, 0);
        }
        for (int fd : alsoKept) {
            Posix.LibC.INSTANCE.fcntl(fd, Posix.F_SETFD, 0);
        }
    }

    /**
     * This process's descriptors open on {@code file}: the daemon's lock files, whose {@code fcntl}
     * locks cross {@code execve} on them (a close-on-exec close would drop the lock, and another
     * daemon could take it before the new program does).
     */
    public static List<Integer> descriptorsOf(Path file) {
        List<Integer> out = new ArrayList<>();
        java.io.File[] fds = new java.io.File("/proc/self/fd").listFiles();
        if (fds == null || !Files.exists(file)) {
            return out;
        }
        for (java.io.File f : fds) {
            try {
                int fd = Integer.parseInt(f.getName());
                if (fd >= 3 && Files.isSameFile(f.toPath(), file)) {
                    out.add(fd);
                }
            } catch (NumberFormatException | IOException e) {
                // not a descriptor, or closed meanwhile
            }
        }
        return out;
    }

    /** Closes descriptors this program inherited and took over another way (the lock files). */
    public static void close(Collection<Integer> fds) {
        fds.forEach(Posix.LibC.INSTANCE::close);
    }

    /** After a failed {@code execve}: the kept numbers are close-on-exec again, as every other. */
    public static void undoKeep(Collection<PtyChild.Fds> kept, Collection<Integer> alsoKept) {
        for (int fd : alsoKept) {
            Posix.LibC.INSTANCE.fcntl(fd, Posix.F_SETFD, Posix.FD_CLOEXEC);
        }
        for (PtyChild.Fds f : kept) {
            Posix.LibC.INSTANCE.fcntl(f.master(), Posix.F_SETFD, Posix.FD_CLOEXEC);
            Posix.LibC.INSTANCE.fcntl(f.pidfd(), Posix.F_SETFD, Posix.FD_CLOEXEC);
        }
    }

    /**
     * The command line this process was started with ({@code /proc/self/cmdline}) and the program
     * to run it with: the Java launcher of the running JVM (its path now; {@code /proc/self/exe}
     * when that path is gone, the JDK having been replaced). The class path names the installed
     * jars, so a newer install is what runs.
     */
    public static List<String> ownCommandLine() throws IOException {
        byte[] raw = Files.readAllBytes(Path.of("/proc/self/cmdline"));
        List<String> argv = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                argv.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (argv.isEmpty()) {
            throw new IOException("/proc/self/cmdline is empty");
        }
        return argv;
    }

    /** The launcher to exec: {@code /proc/self/exe}'s target if it still exists, else that link itself. */
    public static String ownProgram() {
        try {
            Path target = Files.readSymbolicLink(Path.of("/proc/self/exe"));
            if (Files.isExecutable(target)) {
                return target.toString();
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return "/proc/self/exe";
    }

    /**
     * Replaces this process's program, keeping its pid. Every signal is unblocked first (the mask
     * survives exec, and the calling JVM thread blocks some the new JVM needs).
     *
     * @return only on failure: why
     */
    public static String exec(String program, List<String> argv, Map<String, String> env) {
        Posix.LibC c = Posix.LibC.INSTANCE;
        Memory none = new Memory(Posix.SIGSET_SIZE);
        none.clear();
        Memory old = new Memory(Posix.SIGSET_SIZE);
        c.pthread_sigmask(Posix.SIG_SETMASK, none, old);
        String[] envp = env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        c.execve(program, argv.toArray(String[]::new), envp);
        int errno = Posix.errno();
        c.pthread_sigmask(Posix.SIG_SETMASK, old, null);
        return program + ": " + Posix.strerror(errno);
    }

    /** Whether {@code fd} is a pidfd of process {@code pid} ({@code /proc/self/fdinfo} says which). */
    static boolean isPidfdOf(int fd, long pid) {
        try {
            if (!"anon_inode:[pidfd]".equals(link(fd))) {
                return false;
            }
            for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd))) {
                if (line.startsWith("Pid:")) {
                    return Long.parseLong(line.substring(4).trim()) == pid;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    static boolean isPtyMaster(int fd) {
        String target = link(fd);
        return "/dev/ptmx".equals(target) || "/dev/pts/ptmx".equals(target);
    }

    private static String link(int fd) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Ends what a previous program of this process left and nobody adopted (the hand-over was
     * unreadable, or a session fell back to a restart): each PTY master is closed, which hangs its
     * terminal up (the kernel sends SIGHUP to the program's session, as at a daemon stop), and
     * each pidfd's process is reaped on a thread of its own, so no zombie stays. Run before any
     * PTY of this program is opened, so every master found is inherited.
     *
     * @return how many children were let go
     */
    public static int endUnadopted(Set<Integer> adopted) {
        java.io.File[] fds = new java.io.File("/proc/self/fd").listFiles();
        if (fds == null) {
            return 0;
        }
        List<Integer> masters = new ArrayList<>();
        List<int[]> pidfds = new ArrayList<>();
        for (java.io.File f : fds) {
            int fd;
            try {
                fd = Integer.parseInt(f.getName());
            } catch (NumberFormatException e) {
                continue;
            }
            if (fd < 3 || adopted.contains(fd)) {
                continue;
            }
            if (isPtyMaster(fd)) {
                masters.add(fd);
            } else if ("anon_inode:[pidfd]".equals(link(fd))) {
                long pid = pidOf(fd);
                if (pid > 0) {
                    pidfds.add(new int[] {fd, (int) pid});
                }
            }
        }
        Posix.LibC c = Posix.LibC.INSTANCE;
        masters.forEach(c::close);
        for (int[] p : pidfds) {
            Thread reaper = new Thread(() -> {
                c.waitpid(p[1], new int[1], 0);
                c.close(p[0]);
            }, "scarab-reap-" + p[1]);
            reaper.setDaemon(true);
            reaper.start();
            log.warn("process {} of the daemon before the upgrade was not adopted: its terminal is hung up", p[1]);
        }
        return pidfds.size();
    }

    private static long pidOf(int fd) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd))) {
                if (line.startsWith("Pid:")) {
                    return Long.parseLong(line.substring(4).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
