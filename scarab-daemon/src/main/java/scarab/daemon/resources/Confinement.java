package scarab.daemon.resources;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a pane's process under its session's {@link Limits}: in a transient systemd scope of the
 * user's manager ({@link SystemdScopes}, as tmux 3.4 puts panes in scopes) when one runs and applies
 * them, else in a cgroup of its own in a cgroup v2 subtree this daemon may write ({@link CgroupTree}).
 * Where neither can, {@link #problem} says why in one line, and nothing is started. The pane's
 * scope is left outside the daemon's own cgroup, so the kernel's OOM killer, acting on a pane's
 * limit, kills in that pane only.
 */
public final class Confinement {
    private static final Logger log = LoggerFactory.getLogger(Confinement.class);

    /** How a process is started inside a scope under limits. */
    interface Mechanism {
        Scope prepare(String program, List<String> argv, Limits limits, String name) throws IOException;
    }

    /** A scope made for one process: what to exec, and what became of it. */
    public interface Scope {
        /** The program to exec (the command wrapped so that it starts inside the scope). */
        String program();

        List<String> argv();

        /** After the process ended: whether the kernel killed in the scope for memory. Releases it. */
        boolean endedOutOfMemory();

        /** The scope named for the daemon after an in-place upgrade: {@code systemd:UNIT} or {@code cgroup:DIR}. */
        String handOver();
    }

    /** A scope taken over from the daemon before an upgrade: its process runs already. */
    private record Adopted(String handOver, java.util.function.BooleanSupplier oom) implements Scope {
        @Override
        public String program() {
            throw new IllegalStateException("an adopted scope's process was started by the daemon before the upgrade");
        }

        @Override
        public List<String> argv() {
            return List.of(program());
        }

        @Override
        public boolean endedOutOfMemory() {
            return oom.getAsBoolean();
        }
    }

    private final Map<String, String> env;
    private final Map<Long, Scope> byPid = new ConcurrentHashMap<>();
    /** The mechanism that worked: machines do not lose systemd or cgroups while a daemon runs. */
    private volatile Mechanism found;
    /** Whether a systemd user manager makes scopes here; asked once, at the first pane. */
    private Boolean systemdScopes;

    public Confinement(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Null when {@code limits} can be applied here, else one line saying why not. */
    public synchronized String problem(Limits limits) {
        if (limits.none() || found != null) {
            return null;
        }
        String systemd = SystemdScopes.problem(env, limits);
        if (systemd == null) {
            found = new SystemdScopes(env);
            log.info("pane limits through systemd-run --user --scope");
            return null;
        }
        CgroupTree tree = new CgroupTree();
        String cgroup = CgroupTree.problem(limits, tree);
        if (cgroup == null) {
            found = tree;
            log.info("pane limits through a cgroup v2 subtree: {}", CgroupTree.base());
            return null;
        }
        return "cannot limit resources here: " + systemd + ", and " + cgroup;
    }

    /**
     * Whether a pane without limits gets a scope of its own too: where a systemd user manager runs,
     * every pane does (as tmux 3.4 puts each pane in a scope), so that it runs outside the daemon's
     * cgroup: the kernel's OOM killer, or systemd-oomd, acting on one pane's tree then kills in
     * that scope, never the daemon or the other sessions with it (the unit has OOMPolicy=continue).
     * Elsewhere panes without limits start as they are.
     */
    public synchronized boolean scopesEveryPane() {
        if (systemdScopes == null) {
            systemdScopes = SystemdScopes.makesScopes(env);
            log.info(systemdScopes ? "every pane runs in a systemd scope of its own (systemd-run --user --scope)"
                    : "no systemd user manager: panes without limits run in the daemon's cgroup");
        }
        return systemdScopes;
    }

    /**
     * The scope {@code argv} starts in; {@link #problem} must have said yes, or, without limits,
     * {@link #scopesEveryPane}.
     */
    public Scope prepare(String program, List<String> argv, Limits limits, String name) throws IOException {
        if (limits.none()) {
            if (!scopesEveryPane()) {
                throw new IOException("no systemd user manager to make a scope");
            }
            return new SystemdScopes(env).prepare(program, argv, limits, name);
        }
        String problem = problem(limits);
        if (problem != null) {
            throw new IOException(problem);
        }
        return found.prepare(program, argv, limits, name);
    }

    public void started(long pid, Scope scope) {
        byPid.put(pid, scope);
    }

    /** Each live confined process's scope ({@link Scope#handOver}), by pid: what an upgrade hands over. */
    public Map<Long, String> handOver() {
        Map<Long, String> out = new java.util.HashMap<>();
        byPid.forEach((pid, scope) -> out.put(pid, scope.handOver()));
        return out;
    }

    /**
     * After an in-place upgrade: process {@code pid}, adopted, runs in the scope {@code handOver}
     * names, so its end is asked about as if this daemon had started it. A name that is not one of
     * this daemon's scopes is ignored (false), and its end reads as an ordinary one.
     */
    public boolean adopt(long pid, String handOver) {
        Scope scope = adopted(handOver);
        if (scope == null) {
            log.warn("pid {}: the hand-over names no scope of scarab's ({}); its end will not tell an OOM kill", pid,
                    handOver);
            return false;
        }
        byPid.put(pid, scope);
        return true;
    }

    private Scope adopted(String handOver) {
        if (handOver == null) {
            return null;
        }
        if (handOver.startsWith(SystemdScopes.HAND_OVER)) {
            String unit = handOver.substring(SystemdScopes.HAND_OVER.length());
            return SystemdScopes.isOurs(unit)
                    ? new Adopted(handOver, () -> SystemdScopes.endedOutOfMemory(env, unit)) : null;
        }
        if (handOver.startsWith(CgroupTree.HAND_OVER)) {
            java.nio.file.Path dir = java.nio.file.Path.of(handOver.substring(CgroupTree.HAND_OVER.length()));
            return CgroupTree.isOurs(dir) ? new Adopted(handOver, () -> CgroupTree.endedOutOfMemory(dir)) : null;
        }
        return null;
    }

    /** The process {@code pid} ended: "out of memory" when its scope's limit killed it, else null. */
    public String ended(long pid) {
        Scope scope = byPid.remove(pid);
        if (scope == null) {
            return null;
        }
        try {
            return scope.endedOutOfMemory() ? "out of memory" : null;
        } catch (RuntimeException e) {
            log.warn("cannot tell whether pid {} was killed for memory: {}", pid, e.toString());
            return null;
        }
    }
}
