package scarab.daemon.resources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Each limited pane's process in a cgroup of its own, made in the cgroup v2 subtree the daemon
 * runs in: {@code BASE/scarab-pane-NAME-N} with {@code memory.max} (and {@code memory.swap.max}
 * 0, {@code memory.oom.group} 1: the pane's whole tree goes together), {@code cpu.max} and
 * {@code pids.max}. The command starts through {@code /bin/sh}, which writes its own pid into the
 * cgroup before it execs the command, so no child is ever forked outside it.
 *
 * <p>cgroup v2 lets a cgroup hand controllers to its children only while it holds no process
 * itself (the root excepted): the daemon first moves itself into {@code BASE/scarab.daemon}, and
 * refuses (in {@link #problem}) when other processes share its cgroup. A pane killed for memory
 * shows {@code oom_kill} in its cgroup's {@code memory.events}.
 */
final class CgroupTree implements Confinement.Mechanism {
    static final String DAEMON_LEAF = "scarab.daemon";

    private boolean delegated;

    /** The cgroup v2 mount point, or null. */
    static Path mount() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                int dash = line.indexOf(" - ");
                String[] left = line.split(" ");
                if (dash > 0 && line.substring(dash + 3).startsWith("cgroup2 ") && left.length > 4) {
                    return Path.of(left[4].replace("\\040", " "));
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** This process's cgroup v2 path ({@code 0::/PATH}), or null. */
    static String own() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
                if (line.startsWith("0::")) {
                    return line.substring(3);
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** Where pane cgroups are made: the daemon's cgroup, or its parent once the daemon moved into its leaf. */
    static Path base() {
        Path mount = mount();
        String own = own();
        if (mount == null || own == null) {
            return null;
        }
        Path dir = Path.of(mount + (own.equals("/") ? "" : own));
        return dir.getFileName() != null && dir.getFileName().toString().equals(DAEMON_LEAF) ? dir.getParent() : dir;
    }

    static List<String> controllers(Limits limits) {
        List<String> c = new ArrayList<>();
        if (limits.memoryMax() != null) {
            c.add("memory");
        }
        if (limits.cpuMax() != null) {
            c.add("cpu");
        }
        if (limits.tasksMax() != null) {
            c.add("pids");
        }
        return c;
    }

    /**
     * Null when pane cgroups with {@code limits} can be made here, else why not. Where they can, the
     * daemon's cgroup is made ready for them (the daemon in its leaf, the controllers given to the
     * children): a kernel that refuses that too (a cgroup namespace's root holding processes) is a
     * reason like the others.
     */
    static String problem(Limits limits, CgroupTree tree) {
        String problem = check(limits);
        if (problem != null) {
            return problem;
        }
        try {
            tree.delegate(base());
            return null;
        } catch (IOException e) {
            return "cannot give controllers to pane cgroups in " + base() + " (" + e.getMessage() + ")";
        }
    }

    private static String check(Limits limits) {
        Path mount = mount();
        if (mount == null) {
            return "no cgroup v2 hierarchy is mounted";
        }
        Path base = base();
        if (base == null) {
            return "this daemon's cgroup v2 is unknown (/proc/self/cgroup)";
        }
        List<String> offered;
        try {
            offered = List.of(Files.readString(base.resolve("cgroup.controllers")).trim().split("\\s+"));
        } catch (IOException e) {
            return "cannot read " + base.resolve("cgroup.controllers");
        }
        for (String c : controllers(limits)) {
            if (!offered.contains(c)) {
                return "the cgroup v2 hierarchy at " + mount + " offers no " + c + " controller to " + base
                        + " (it offers: " + String.join(" ", offered).trim() + ")";
            }
        }
        if (!Files.isWritable(base) || !Files.isWritable(base.resolve("cgroup.subtree_control"))) {
            return "the cgroup " + base + " is not writable by this user";
        }
        if (!base.equals(mount)) {
            try {
                long self = ProcessHandle.current().pid();
                for (String pid : Files.readAllLines(base.resolve("cgroup.procs"))) {
                    if (!pid.isBlank() && Long.parseLong(pid.trim()) != self) {
                        return "the cgroup " + base + " holds other processes than this daemon (pid " + pid.trim()
                                + "), so it cannot give controllers to pane cgroups";
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return "cannot read " + base.resolve("cgroup.procs");
            }
        }
        return null;
    }

    /** Moves the daemon into its leaf (not at the root) and lets pane cgroups have the controllers. */
    private synchronized void delegate(Path base) throws IOException {
        if (delegated) {
            return;
        }
        Path mount = mount();
        if (!base.equals(mount)) {
            Path leaf = base.resolve(DAEMON_LEAF);
            Files.createDirectories(leaf);
            Files.writeString(leaf.resolve("cgroup.procs"), Long.toString(ProcessHandle.current().pid()));
        }
        List<String> offered = List.of(Files.readString(base.resolve("cgroup.controllers")).trim().split("\\s+"));
        StringBuilder enable = new StringBuilder();
        for (String c : List.of("memory", "cpu", "pids")) {
            if (offered.contains(c)) {
                enable.append('+').append(c).append(' ');
            }
        }
        Files.writeString(base.resolve("cgroup.subtree_control"), enable.toString().trim());
        delegated = true;
    }

    @Override
    public Confinement.Scope prepare(String program, List<String> argv, Limits limits, String name) throws IOException {
        Path base = base();
        delegate(base);
        Path dir = base.resolve("scarab-pane-" + name + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16));
        Files.createDirectory(dir);
        if (limits.memoryMax() != null) {
            Files.writeString(dir.resolve("memory.max"), Long.toString(limits.memoryMax()));
            writeIfThere(dir.resolve("memory.swap.max"), "0");
            writeIfThere(dir.resolve("memory.oom.group"), "1");
        }
        if (limits.cpuMax() != null) {
            Files.writeString(dir.resolve("cpu.max"), limits.cpuMax() * 1000L + " 100000");
        }
        if (limits.tasksMax() != null) {
            Files.writeString(dir.resolve("pids.max"), Integer.toString(limits.tasksMax()));
        }
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", "echo $$ > \"$1\" && shift && exec \"$@\"", "sh",
                dir.resolve("cgroup.procs").toString(), program));
        wrapped.addAll(argv.subList(1, argv.size()));
        return new Confinement.Scope() {
            @Override
            public String program() {
                return "/bin/sh";
            }

            @Override
            public List<String> argv() {
                return wrapped;
            }

            @Override
            public String handOver() {
                return HAND_OVER + dir;
            }

            @Override
            public boolean endedOutOfMemory() {
                return CgroupTree.endedOutOfMemory(dir);
            }
        };
    }

    /** How a hand-over names a scope of this kind: followed by the cgroup's directory. */
    static final String HAND_OVER = "cgroup:";

    /** Whether {@code dir} is a pane cgroup {@link #prepare} makes (an absolute path, named so). */
    static boolean isOurs(Path dir) {
        return dir.isAbsolute() && dir.getFileName() != null && dir.getFileName().toString().startsWith("scarab-pane-")
                && dir.normalize().equals(dir);
    }

    /** After its process ended: whether the kernel killed in the cgroup for memory. Removes the cgroup. */
    static boolean endedOutOfMemory(Path dir) {
        boolean oom = false;
        try {
            for (String line : Files.readAllLines(dir.resolve("memory.events"))) {
                String[] kv = line.trim().split(" ");
                if (kv.length == 2 && kv[0].equals("oom_kill") && Long.parseLong(kv[1]) > 0) {
                    oom = true;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no memory controller in it: no memory limit, no OOM kill to tell
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a process of the pane lives on (a background job): its cgroup stays with it
        }
        return oom;
    }

    private static void writeIfThere(Path file, String value) {
        if (Files.exists(file)) {
            try {
                Files.writeString(file, value);
            } catch (IOException e) {
                // a knob this kernel refuses: the limit that matters is written
            }
        }
    }
}
