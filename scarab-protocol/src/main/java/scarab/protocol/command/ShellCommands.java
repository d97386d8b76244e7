package scarab.protocol.command;

import java.util.List;

/** {@code run-shell}, with tmux 3.3a's letters (its {@code -C}, {@code -E} and {@code -d} are not here). */
final class ShellCommands {
    private ShellCommands() {}

    static List<CommandSpec> all() {
        return List.of(
                CommandSpec.builder("run-shell").alias("run")
                        .summary("Run a shell command (sh -c) in the daemon and print what it prints.")
                        .flag('b', "in the background: do not wait; its output goes to the daemon's log")
                        .value('c', "start-directory", "where it runs (default: the target pane's directory)")
                        .target('t', TargetKind.PANE, "the pane whose formats the command may use")
                        .args(1, 1, "shell-command", "a format, expanded for the target, then run by sh -c")
                        .help("Without -b it waits for the command; a status other than 0 fails with"
                                + " 'COMMAND' returned N, as tmux's.")
                        .build());
    }
}
