package scarab.daemon.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Each limited pane's process started by {@code systemd-run --user --scope}: systemd makes a
 * transient scope unit under the user's manager with the limits as its properties, moves
 * systemd-run into it and systemd-run execs the command (same pid). A scope killed for memory
 * ends with {@code Result=oom-kill}, read after the pane's process ended; the failed unit is then
 * reset so that it does not linger.
 */
final class SystemdScopes implements Confinement.Mechanism {
    private final Map<String, String> env;
    private final String systemdRun;
    private final String systemctl;

    SystemdScopes(Map<String, String> env) {
        this.env = env;
        this.systemdRun = Commands.find("systemd-run", env.get("PATH"));
        this.systemctl = Commands.find("systemctl", env.get("PATH"));
    }

    /**
     * Null when a user manager runs and a scope made through it gets {@code limits} (tried: a scope
     * that prints its own cgroup's limit files), else why not.
     */
    static String problem(Map<String, String> env, Limits limits) {
        String run = Commands.find("systemd-run", env.get("PATH"));
        String ctl = Commands.find("systemctl", env.get("PATH"));
        if (run == null || ctl == null) {
            return "no systemd (systemd-run is not on PATH)";
        }
        Commands.Result state = Commands.run(env, List.of(ctl, "--user", "is-system-running"));
        String s = Commands.firstLine(state.out());
        if (!s.equals("running") && !s.equals("degraded")) {
            return "no systemd user manager (systemctl --user is-system-running: " + (s.isEmpty() ? "no answer" : s) + ")";
        }
        List<String> probe = new ArrayList<>(List.of(run, "--user", "--scope", "--quiet", "--collect"));
        probe.addAll(properties(limits));
        probe.addAll(List.of("--", "/bin/sh", "-c",
                "g=$(sed -n 's/^0:://p' /proc/self/cgroup); cd \"/sys/fs/cgroup$g\" && cat memory.max pids.max cpu.max"));
        Commands.Result r = Commands.run(env, probe);
        String expected = (limits.memoryMax() == null ? "max" : Long.toString(limits.memoryMax())) + "\n"
                + (limits.tasksMax() == null ? "max" : Integer.toString(limits.tasksMax())) + "\n"
                + (limits.cpuMax() == null ? "max" : Long.toString(limits.cpuMax() * 1000L));
        if (r.status() != 0 || !r.out().startsWith(expected)) {
            return "systemd's user manager did not put the limits on a scope (systemd-run --user --scope: "
                    + (r.status() != 0 ? Commands.firstLine(r.out()) : "its cgroup showed other limits") + ")";
        }
        return null;
    }

    /**
     * Whether a user manager runs and makes scopes (tried once: a scope that runs {@code true}),
     * so that every pane, limited or not, can run outside the daemon's own cgroup. Said in the
     * log either way.
     */
    static boolean makesScopes(Map<String, String> env) {
        String run = Commands.find("systemd-run", env.get("PATH"));
        String ctl = Commands.find("systemctl", env.get("PATH"));
        if (run == null || ctl == null) {
            return false;
        }
        String s = Commands.firstLine(Commands.run(env, List.of(ctl, "--user", "is-system-running")).out());
        if (!s.equals("running") && !s.equals("degraded")) {
            return false;
        }
        Commands.Result r = Commands.run(env, List.of(run, "--user", "--scope", "--quiet", "--collect", "--", "true"));
        return r.status() == 0;
    }

    /** systemd's properties for {@code limits}; swap is kept out so that memory-max is one. */
    static List<String> properties(Limits limits) {
        List<String> p = new ArrayList<>();
        if (limits.memoryMax() != null) {
            p.addAll(List.of("-p", "MemoryMax=" + limits.memoryMax(), "-p", "MemorySwapMax=0"));
        }
        if (limits.cpuMax() != null) {
            p.addAll(List.of("-p", "CPUQuota=" + limits.cpuMax() + "%"));
        }
        if (limits.tasksMax() != null) {
            p.addAll(List.of("-p", "TasksMax=" + limits.tasksMax()));
        }
        return p;
    }

    @Override
    public Confinement.Scope prepare(String program, List<String> argv, Limits limits, String name) {
        String unit = "scarab-" + name + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16) + ".scope";
        List<String> wrapped = new ArrayList<>(List.of(systemdRun, "--user", "--scope", "--quiet", "--unit=" + unit));
        wrapped.addAll(properties(limits));
        wrapped.add("--");
        wrapped.add(program);
        wrapped.addAll(argv.subList(1, argv.size()));
        return new Confinement.Scope() {
            @Override
            public String program() {
                return systemdRun;
            }

            @Override
            public List<String> argv() {
                return wrapped;
            }

            @Override
            public boolean endedOutOfMemory() {
                return SystemdScopes.endedOutOfMemory(env, unit);
            }

            @Override
            public String handOver() {
                return HAND_OVER + unit;
            }
        };
    }

    /** How a hand-over names a scope of this kind: followed by the unit. */
    static final String HAND_OVER = "systemd:";

    /** Whether {@code unit} is a name {@link #prepare} makes. */
    static boolean isOurs(String unit) {
        return unit.matches("scarab-[A-Za-z0-9._-]+\\.scope");
    }

    /** After its process ended: whether systemd says the kernel killed in the unit for memory. Unloads it. */
    static boolean endedOutOfMemory(Map<String, String> env, String unit) {
        String systemctl = Commands.find("systemctl", env.get("PATH"));
        if (systemctl == null) {
            return false;
        }
        Commands.Result r = Commands.run(env, List.of(systemctl, "--user", "show", "-P", "Result", unit));
        Commands.run(env, List.of(systemctl, "--user", "reset-failed", unit));
        return r.status() == 0 && r.out().equals("oom-kill");
    }
}
