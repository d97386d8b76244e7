package scarab.client.cli;

import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import scarab.client.ClientContext;
import scarab.client.requests.ResourceLimits;
import scarab.client.requests.SessionRequests;

/** {@code scarab new}: create a session. */
@Command(name = "new", aliases = "new-session", mixinStandardHelpOptions = true,
        description = {"Create a session running a shell (or CMD) on its own terminal, and attach to it.",
                "With -d, or when not on a terminal, it is created in the background and its short id printed."},
        footer = {"", "Examples:",
                "  scarab new dev-server                  a login shell; you are attached to it",
                "  scarab new -d api                      a detached login shell named api",
                "  scarab new -A main                     attach main, creating it first if need be",
                "  scarab new -d -c 'make watch' -C ~/src/app build",
                "  scarab new -d --size 120x40 -c \"sh -c 'exit 3'\" job",
                "  scarab new -d --group web --memory-max 2G --cpu-max 50 -c 'make watch' build",
                "",
                "-c is split into words like a shell splits a simple command (quotes and",
                "backslashes work; no variables, globs, pipes or redirections). It is executed",
                "directly, never through sh -c unless you write sh -c yourself."})
public final class NewCommand implements java.util.concurrent.Callable<Integer> {
    private final ClientContext ctx;

    @ParentCommand
    ScarabCommand parent;

    @Parameters(index = "0", paramLabel = "NAME", description = "Session name: 1-64 of [A-Za-z0-9._-], not starting with '-', neither '.' nor '..'.")
    String name;

    @Option(names = "-d", description = "Do not attach; create the session in the background. Without a terminal"
            + " (in scripts) sessions are always created detached.")
    boolean detached;

    @Option(names = "-A", description = "If a session NAME exists, attach to it instead (detached or in a script:"
            + " leave it as it is and print its short id), as tmux's new -A.")
    boolean attachExisting;

    @Option(names = "--detach-keys", paramLabel = "KEYS", description = "Keys that detach (default: ctrl-b,d).")
    String detachKeys;

    @Option(names = "-c", paramLabel = "CMD", description = "Command to run instead of your login shell.")
    String command;

    @Option(names = "-C", paramLabel = "DIR", description = "Working directory (default: the current directory).")
    String dir;

    @Option(names = "--size", paramLabel = "COLSxROWS", description = "Terminal size (default: 80x24).")
    String size;

    @Option(names = {"-e", "--env"}, paramLabel = "VAR=VALUE", description = "Set an environment variable in the session (repeatable).")
    List<String> env;

    @Option(names = "--record", paramLabel = "FILE",
            description = "Record the session's pane from its first byte into FILE (asciicast; see scarab record).")
    String record;

    @Option(names = "--record-input", description = "With --record: record what is typed too.")
    boolean recordInput;

    @Option(names = "--record-format", paramLabel = "v2|v3", description = "With --record: the asciicast version (default v2).")
    String recordFormat;

    @Option(names = "--replay", paramLabel = "FILE",
            description = "The session plays the recording FILE (at its size, unless --size), then shows its last"
                    + " screen until q is typed in it.")
    String replay;

    @Option(names = "--group", paramLabel = "GROUP", description = "Put the session in a group (ls --group, kill --group).")
    String group;

    @Option(names = "--memory-max", paramLabel = "SIZE", description = "Each pane's processes together may use at most"
            + " SIZE of memory (512M, 2G); past it the kernel kills them.")
    String memoryMax;

    @Option(names = "--cpu-max", paramLabel = "PCT", description = "Each pane's processes together get at most PCT% of"
            + " one CPU (200: two).")
    String cpuMax;

    @Option(names = "--tasks-max", paramLabel = "N", description = "Each pane may run at most N processes and threads.")
    String tasksMax;

    public NewCommand(ClientContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        if (replay != null && command != null) {
            throw new IllegalArgumentException("--replay runs the player: it does not go with -c");
        }
        if (record == null && (recordInput || recordFormat != null)) {
            throw new IllegalArgumentException("--record-input and --record-format go with --record FILE");
        }
        scarab.protocol.Request.Recording recording = null;
        if (record != null) {
            scarab.client.requests.Recordings.checkFormat(recordFormat);
            recording = new scarab.protocol.Request.Recording(ctx.cwd().resolve(record).normalize().toString(),
                    recordInput, recordFormat);
        }
        java.util.List<String> argv = null;
        String sessionSize = size;
        if (replay != null) {
            java.nio.file.Path file = ctx.cwd().resolve(replay).normalize();
            argv = scarab.client.play.ReplayCommand.argv(file);
            if (sessionSize == null) {
                sessionSize = scarab.client.play.ReplayCommand.size(file);
            }
        }
        ResourceLimits limits = ResourceLimits.parse(memoryMax, cpuMax, tasksMax);
        return SessionRequests.create(ctx, parent::connect, name, detached, attachExisting, detachKeys, command, argv, dir,
                sessionSize, env, recording, group, limits);
    }
}
