package scarab.daemon.command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scarab.daemon.UserError;
import scarab.daemon.session.Pane;
import scarab.daemon.target.Target;
import scarab.daemon.target.TargetResolver;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;
import scarab.protocol.command.Format;
import scarab.protocol.command.TargetKind;

/**
 * {@code run-shell [-b] [-c start-directory] [-t target-pane] shell-command}: the command, a
 * format expanded for the target as tmux's is, run by {@code sh -c} with standard input from
 * {@code /dev/null} and its standard error merged into its output. Without {@code -b} the caller
 * waits and gets the output (a status other than 0: tmux's {@code 'X' returned N}); with it the
 * command runs on a thread of its own and its output goes to the log. Never on the PTY poller:
 * commands run on connection threads, the key commands' thread and the hooks' thread.
 */
public final class RunShellCommand implements TableCommand {
    private static final Logger log = LoggerFactory.getLogger(RunShellCommand.class);
    /** What is kept of a command's output; the rest is read and dropped. */
    private static final int MAX_OUTPUT = 1 << 20;
    private static final ExecutorService BACKGROUND = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scarab-run-shell");
        t.setDaemon(true);
        return t;
    });

    private final TargetResolver resolver;
    private final Function<Target, Function<String, String>> variables;

    RunShellCommand(TargetResolver resolver, Function<Target, Function<String, String>> variables) {
        this.resolver = resolver;
        this.variables = variables;
    }

    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        Target target = null;
        try {
            target = resolver.resolve(line.value('t'), TargetKind.PANE, caller);
        } catch (UserError e) {
            if (line.value('t') != null) {
                throw e;
            }
            // no session at all (a hook on the last one's end): the command runs without a target's formats
        }
        Function<String, String> vars = target == null ? name -> null : variables.apply(target);
        String command = Format.expand(line.arg(0), vars);
        Path dir = directory(line.value('c'), target, caller);
        if (line.has('b')) {
            BACKGROUND.execute(() -> {
                try {
                    Result r = execute(command, dir);
                    log.info("run-shell -b '{}' returned {}{}", command, r.status(),
                            r.output().isEmpty() ? "" : ": " + r.output().strip());
                } catch (IOException | RuntimeException e) {
                    log.warn("run-shell -b '{}' failed: {}", command, e.getMessage());
                }
            });
            return;
        }
        Result r;
        try {
            r = execute(command, dir);
        } catch (IOException e) {
            throw new UserError("spawn-failed", "run-shell: cannot run sh: " + e.getMessage());
        }
        out.print(r.output());
        if (r.status() != 0) {
            out.errorln("'" + command + "' returned " + r.status());
            out.status(1);
        }
    }

    private static Path directory(String asked, Target target, Caller caller) {
        if (asked != null) {
            Path p = Path.of(asked);
            if (!p.isAbsolute() && caller.cwd() != null) {
                p = Path.of(caller.cwd()).resolve(p);
            }
            if (!Files.isDirectory(p)) {
                throw new UserError("bad-cwd", "no such directory: " + p);
            }
            return p;
        }
        if (target != null) {
            Pane pane = ModelTargets.pane(target);
            String cwd = ModelTargets.currentPath(pane);
            if (!cwd.isEmpty() && Files.isDirectory(Path.of(cwd))) {
                return Path.of(cwd);
            }
        }
        if (caller.cwd() != null && Files.isDirectory(Path.of(caller.cwd()))) {
            return Path.of(caller.cwd());
        }
        return Path.of(System.getProperty("user.home"));
    }

    record Result(int status, String output) {}

    static Result execute(String command, Path dir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).directory(dir.toFile())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        byte[] kept;
        try (InputStream in = p.getInputStream()) {
            kept = in.readNBytes(MAX_OUTPUT);
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        try {
            return new Result(p.waitFor(), new String(kept, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroy();
            throw new IOException("interrupted");
        }
    }
}
