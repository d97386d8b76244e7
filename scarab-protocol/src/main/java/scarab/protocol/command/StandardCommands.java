package scarab.protocol.command;

import java.util.List;

/**
 * The specs of the window and pane commands (issue 14), with tmux 3.3a's names, aliases and
 * letters, and Scarab's {@code -c COMMAND} / {@code -C DIR} as {@code scarab new} has them
 * (tmux's {@code -c} is the directory). Each has the flags the issue lists, the {@code -t}/{@code
 * -s} targets tmux gives it, and what the default key bindings need ({@code swap-pane -U/-D} for
 * {@code {}} and {@code }}).
 */
final class StandardCommands {
    private StandardCommands() {}

    private static final String SIZE = "Sizes are cells, or a percentage of the space (50%).";

    static List<CommandSpec> all() {
        return List.of(
                CommandSpec.builder("new-window").alias("neww")
                        .summary("Create a window and make it the current one.")
                        .flag('d', "do not make the new window the current one")
                        .value('n', "window-name", "the window's name (default: its command's)")
                        .target('t', TargetKind.WINDOW, "where: a session, or the index to create it at")
                        .value('c', "command", "the command line to run (default: the default command)")
                        .value('C', "dir", "its working directory (default: the caller's)")
                        .value('e', "environment", "VAR=VALUE in its command's environment (repeatable)")
                        .build(),
                CommandSpec.builder("split-window").alias("splitw")
                        .summary("Split a pane in two, starting a command in the new one.")
                        .flag('b', "put the new pane before (left of, or above) the target")
                        .flag('d', "do not make the new pane the active one")
                        .flag('f', "span the whole window's width or height, not the pane's")
                        .flag('h', "split left-right (the new pane on the right)")
                        .flag('v', "split top-bottom (the default)")
                        .value('l', "size", "the new pane's width or height: cells, or N% of the space")
                        .target('t', TargetKind.PANE, "the pane to split")
                        .value('c', "command", "the command line to run (default: the default command)")
                        .value('C', "dir", "its working directory (default: the caller's)")
                        .value('e', "environment", "VAR=VALUE in its command's environment (repeatable)")
                        .help(SIZE)
                        .build(),
                CommandSpec.builder("select-window").alias("selectw")
                        .summary("Make a window the current one of its session.")
                        .flag('l', "the last (previously current) window")
                        .flag('n', "the next window")
                        .flag('p', "the previous window")
                        .target('t', TargetKind.WINDOW, "the window")
                        .build(),
                CommandSpec.builder("select-pane").alias("selectp")
                        .summary("Make a pane the active one of its window.")
                        .flag('D', "the pane below the target")
                        .flag('L', "the pane left of the target")
                        .flag('l', "the last (previously active) pane")
                        .flag('R', "the pane right of the target")
                        .flag('U', "the pane above the target")
                        .target('t', TargetKind.PANE, "the pane")
                        .build(),
                CommandSpec.builder("kill-pane").alias("killp")
                        .summary("End a pane's process and close it; its space goes to its neighbours.")
                        .target('t', TargetKind.PANE, "the pane")
                        .build(),
                CommandSpec.builder("kill-window").alias("killw")
                        .summary("Close a window and end the processes of its panes.")
                        .target('t', TargetKind.WINDOW, "the window")
                        .build(),
                CommandSpec.builder("resize-pane").alias("resizep")
                        .summary("Resize a pane, or zoom it to the whole window and back.")
                        .flag('D', "move its bottom border down")
                        .flag('L', "move its left border left")
                        .flag('R', "move its right border right")
                        .flag('U', "move its top border up")
                        .flag('Z', "zoom the pane to the whole window, or unzoom it")
                        .value('x', "width", "the width to give it: cells, or N% of the window")
                        .value('y', "height", "the height to give it: cells, or N% of the window")
                        .target('t', TargetKind.PANE, "the pane")
                        .args(0, 1, "[adjustment]", "how many cells -D/-L/-R/-U move (default 1)")
                        .build(),
                CommandSpec.builder("resize-window").alias("resizew")
                        .summary("Resize a window.")
                        .value('x', "width", "its width in cells")
                        .value('y', "height", "its height in cells")
                        .target('t', TargetKind.WINDOW, "the window")
                        .build(),
                CommandSpec.builder("select-layout").alias("selectl")
                        .summary("Arrange a window's panes by a named layout or a tmux layout string.")
                        .target('t', TargetKind.PANE, "a pane of the window")
                        .args(0, 1, "[layout-name]", "even-horizontal, even-vertical, main-horizontal,"
                                + " main-vertical, tiled, or a layout string (as #{window_layout} prints)")
                        .build(),
                CommandSpec.builder("swap-pane").alias("swapp")
                        .summary("Swap two panes.")
                        .flag('d', "keep the active pane where it is")
                        .flag('D', "swap the target with the next pane")
                        .flag('U', "swap the target with the previous pane")
                        .target('s', TargetKind.PANE, "src-pane", "the pane to move (default: the marked or current)")
                        .target('t', TargetKind.PANE, "dst-pane", "the pane to swap it with")
                        .build(),
                CommandSpec.builder("break-pane").alias("breakp")
                        .summary("Move a pane into a window of its own.")
                        .flag('d', "do not make the new window the current one")
                        .value('n', "window-name", "the new window's name (default: its command's)")
                        .target('s', TargetKind.PANE, "src-pane", "the pane to move")
                        .target('t', TargetKind.WINDOW, "dst-window", "where the new window goes (an unused index)")
                        .build(),
                joinPane("join-pane", "joinp", "Move a pane into another window by splitting a pane there."),
                joinPane("move-pane", "movep", "Move a pane by splitting another pane for it (as join-pane)."),
                CommandSpec.builder("rename-window").alias("renamew")
                        .summary("Rename a window (it keeps the name; automatic naming stops).")
                        .target('t', TargetKind.WINDOW, "the window")
                        .args(1, 1, "new-name", "the window's new name")
                        .build(),
                CommandSpec.builder("respawn-pane").alias("respawnp")
                        .summary("Start a dead pane's command again.")
                        .flag('k', "end the running process first (else a running pane is refused)")
                        .target('t', TargetKind.PANE, "the pane")
                        .value('c', "command", "the command line to run (default: the pane's own)")
                        .value('C', "dir", "its working directory (default: where the pane started)")
                        .help("A pane stays after its program ends only with remain-on-exit = true in the config.")
                        .build(),
                CommandSpec.builder("list-windows").alias("lsw")
                        .summary("List the windows of a session, or of all sessions.")
                        .flag('a', "every session's windows")
                        .value('F', "format", "a format for each window (#{window_index}, #{window_name}, ...)")
                        .target('t', TargetKind.SESSION, "the session")
                        .longFlag("json", "one JSON object per window")
                        .build(),
                CommandSpec.builder("list-panes").alias("lsp")
                        .summary("List the panes of a window, or of all sessions.")
                        .flag('a', "every session's panes")
                        .value('F', "format", "a format for each pane (#{pane_index}, #{pane_width}, ...)")
                        .target('t', TargetKind.WINDOW, "the window")
                        .longFlag("json", "one JSON object per pane")
                        .build(),
                CommandSpec.builder("switch-client").alias("switchc")
                        .summary("Show another session in an attached client.")
                        .flag('l', "the client's last (previously shown) session")
                        .flag('n', "the next session, by name")
                        .flag('p', "the previous session, by name")
                        .value('c', "target-client", "the client (default: the one showing the caller's session)")
                        .target('t', TargetKind.SESSION, "the session, or session:window.pane to show")
                        .build(),
                CommandSpec.builder("choose-tree")
                        .summary("Choose a session, window or pane from a tree over the client's window.")
                        .flag('s', "start with the sessions collapsed")
                        .flag('w', "start with the sessions expanded (their windows shown)")
                        .flag('Z', "use the whole window (the tree always does: accepted for tmux's bindings)")
                        .value('c', "target-client", "the client (default: the one showing the caller's session)")
                        .help("Sorted by last use, with a live preview of the selected item. Keys: Up/Down (k/j),"
                                + " Left/Right (collapse/expand), Enter switches, x kills (after y), r renames,"
                                + " n makes a new session, / or f filters (fuzzy), q or Escape leaves.")
                        .build(),
                CommandSpec.builder("list-keys").alias("lsk")
                        .summary("List the key bindings, as tmux's bind-key lines.")
                        .value('T', "key-table", "only this table (scarab has one: prefix)")
                        .help("Run from a key or the : prompt, the list is shown over the window (q leaves).")
                        .build(),
                CommandSpec.builder("has-session").alias("has")
                        .summary("Succeed if the session exists, else fail with tmux's message (nothing is printed).")
                        .target('t', TargetKind.SESSION, "the session")
                        .build(),
                CommandSpec.builder("list-clients").alias("lsc")
                        .summary("List the attached clients.")
                        .value('F', "format", "a format for each client (#{client_name}, #{client_tty}, ...)")
                        .target('t', TargetKind.SESSION, "only the clients of this session")
                        .longFlag("json", "one JSON object per client")
                        .build(),
                CommandSpec.builder("display-message").alias("display")
                        .summary("Show a format expanded for a target on a client's status line, or print it.")
                        .flag('p', "print to standard output instead")
                        .value('c', "target-client", "the client (default: the one showing the caller's session)")
                        .value('d', "delay", "milliseconds the message stays (default 750; 0: until a key)")
                        .target('t', TargetKind.PANE, "the pane the format describes")
                        .args(0, 1, "[message]", "a format: text with #{session_name}, #{pane_id}, ...")
                        .help("#{name} is a variable, #{?name,yes,no} a choice, #{=N:name} the first N"
                                + " characters (=-N: the last N), ## a #.")
                        .build());
    }

    /** join-pane and move-pane: one command under two names, as tmux has them. */
    private static CommandSpec joinPane(String name, String alias, String summary) {
        return CommandSpec.builder(name).alias(alias)
                .summary(summary)
                .flag('b', "put the pane before (left of, or above) the target")
                .flag('d', "do not make the moved pane the active one")
                .flag('f', "span the whole window's width or height, not the target's")
                .flag('h', "split left-right")
                .flag('v', "split top-bottom (the default)")
                .value('l', "size", "the moved pane's width or height: cells, or N% of the space")
                .target('s', TargetKind.PANE, "src-pane", "the pane to move (default: the current one)")
                .target('t', TargetKind.PANE, "dst-pane", "the pane to split for it")
                .help(SIZE)
                .build();
    }
}
