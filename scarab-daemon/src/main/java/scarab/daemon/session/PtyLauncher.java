package scarab.daemon.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import scarab.daemon.pty.PtyChild;
import scarab.daemon.resources.Confinement;
import scarab.daemon.resources.Limits;

/**
 * Starts a session's process on a new pseudo-terminal. The command is always an argument
 * array handed to exec: nothing is ever joined into a string for a shell to re-parse.
 */
public final class PtyLauncher {
    private final Map<String, String> baseEnv;
    private final Path socket;
    private final List<String> configuredCommand;
    private final Confinement confinement;

    /** @param configuredCommand the config file's default-command, or null for the login shell */
    public PtyLauncher(Map<String, String> baseEnv, Path socket, List<String> configuredCommand) {
        this.baseEnv = Map.copyOf(baseEnv);
        this.socket = socket;
        this.configuredCommand = configuredCommand == null ? null : List.copyOf(configuredCommand);
        this.confinement = new Confinement(this.baseEnv);
    }

    /** Null when panes can be started under {@code limits} here, else one line saying why not. */
    public String limitsProblem(Limits limits) {
        return confinement.problem(limits);
    }

    /** The pane process {@code pid} ended: "out of memory" when its limit killed it, else null. */
    public String exitReason(long pid) {
        return confinement.ended(pid);
    }

    /** Each confined pane process's scope, by pid ({@link Confinement#handOver}). */
    public Map<Long, String> scopes() {
        return confinement.handOver();
    }

    /** After an upgrade: adopted process {@code pid} runs in the scope the hand-over names. */
    public void adoptScope(long pid, String scope) {
        confinement.adopt(pid, scope);
    }

    /** The user's home directory: where a restored session starts when its directory is gone. */
    public String home() {
        String home = baseEnv.get("HOME");
        return home != null && Files.isDirectory(Path.of(home)) ? home : "/";
    }

    /** The configured default command, else the user's login shell ({@code $SHELL -l}), else {@code /bin/sh -l}. */
    public List<String> defaultCommand() {
        if (configuredCommand != null) {
            return configuredCommand;
        }
        String shell = baseEnv.get("SHELL");
        if (shell == null || shell.isBlank() || !Files.isExecutable(Path.of(shell))) {
            shell = "/bin/sh";
        }
        return List.of(shell, "-l");
    }

    /** @return null when the program can be found, else one line saying it cannot */
    public String commandProblem(List<String> command) {
        String program = command.get(0);
        if (program.isEmpty()) {
            return "empty command";
        }
        if (program.contains("/")) {
            Path p = Path.of(program);
            if (!Files.exists(p)) {
                return "command not found: " + program;
            }
            return Files.isExecutable(p) && !Files.isDirectory(p) ? ExecFormat.problem(p) : "not an executable file: " + program;
        }
        String found = resolve(program, baseEnv.get("PATH"));
        return found == null ? "command not found: " + program : ExecFormat.problem(Path.of(found));
    }

    /**
     * The program's path: as given when it has a slash, else the first executable of that name on
     * {@code path} (what execvp would run; null: nowhere).
     */
    private static String resolve(String program, String path) {
        if (program.contains("/")) {
            return program;
        }
        if (path == null) {
            path = "/usr/local/bin:/usr/bin:/bin";
        }
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    /**
     * Starts a pane's command. Its environment names the session and the pane ({@code SCARAB_PANE=%N},
     * as tmux's {@code TMUX_PANE}), so a command run inside it targets its own pane by default.
     */
    public PtyChild start(List<String> command, String cwd, int cols, int rows, String sessionName, SessionId id,
                          int paneId, Map<String, String> extraEnv) throws IOException {
        return start(command, cwd, cols, rows, sessionName, id, paneId, extraEnv, Limits.NONE);
    }

    /** {@link #start}, the process in a scope of its own under {@code limits} (none: as it is). */
    public PtyChild start(List<String> command, String cwd, int cols, int rows, String sessionName, SessionId id,
                          int paneId, Map<String, String> extraEnv, Limits limits) throws IOException {
        Map<String, String> env = new HashMap<>(baseEnv);
        if (extraEnv != null) {
            env.putAll(extraEnv);
        }
        env.put("TERM", "xterm-256color");
        env.put("SCARAB_SESSION", sessionName);
        env.put("SCARAB_SESSION_ID", id.full());
        env.put("SCARAB_PANE", "%" + paneId);
        env.put("SCARAB_SOCKET", socket.toString());
        // A session inherits the daemon's environment; these describe the daemon, not the session.
        env.remove("COLUMNS");
        env.remove("LINES");
        // The session's own PATH decides, as it would for execvp in the session's environment.
        String program = resolve(command.get(0), env.get("PATH"));
        if (program == null) {
            throw new IOException("command not found: " + command.get(0));
        }
        // exec gets the resolved path; the program still sees the name it was given as argv[0].
        List<String> argv = new java.util.ArrayList<>(command);
        if (limits.none() && !confinement.scopesEveryPane()) {
            return PtyChild.start(program, argv, env, cwd, cols, rows);
        }
        Confinement.Scope scope = confinement.prepare(program, argv, limits, sessionName + "-p" + paneId);
        PtyChild child;
        try {
            child = PtyChild.start(scope.program(), scope.argv(), env, cwd, cols, rows);
        } catch (IOException | RuntimeException e) {
            scope.endedOutOfMemory(); // releases the scope made for it
            throw e;
        }
        confinement.started(child.pid(), scope);
        return child;
    }
}
