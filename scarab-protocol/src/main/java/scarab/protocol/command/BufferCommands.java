package scarab.protocol.command;

import java.util.List;

/**
 * The specs of the paste buffer commands, with tmux 3.3a's names, aliases and letters. tmux's
 * {@code -t target-client} and {@code -w} (the client's clipboard) of set-buffer and load-buffer,
 * and list-buffers' {@code -f filter}, are not here.
 */
final class BufferCommands {
    private BufferCommands() {}

    private static final String NAME = "the buffer (default: the most recent one)";

    static List<CommandSpec> all() {
        return List.of(
                CommandSpec.builder("set-buffer").alias("setb")
                        .summary("Set a paste buffer's contents, append to it, or rename it.")
                        .flag('a', "append to the buffer instead of replacing it")
                        .value('b', "buffer-name", "the buffer (default: a new automatic one, buffer0, buffer1, ...)")
                        .value('n', "new-buffer-name", "rename the buffer (-b, else the most recent) to this")
                        .args(0, 1, "data", "the text to put in the buffer")
                        .build(),
                CommandSpec.builder("show-buffer").alias("showb")
                        .summary("Print a paste buffer's contents.")
                        .value('b', "buffer-name", NAME)
                        .build(),
                CommandSpec.builder("list-buffers").alias("lsb")
                        .summary("List the paste buffers, most recent first.")
                        .value('F', "format", "a format for each buffer (#{buffer_name}, #{buffer_size}, #{buffer_sample})")
                        .longFlag("json", "one JSON object per buffer")
                        .build(),
                CommandSpec.builder("save-buffer").alias("saveb")
                        .summary("Write a paste buffer to a file.")
                        .flag('a', "append to the file instead of replacing it")
                        .value('b', "buffer-name", NAME)
                        .args(1, 1, "path", "the file (relative to the caller's directory), or - for standard output")
                        .build(),
                CommandSpec.builder("load-buffer").alias("loadb")
                        .summary("Put a file's contents in a paste buffer.")
                        .value('b', "buffer-name", "the buffer (default: a new automatic one)")
                        .args(1, 1, "path", "the file (relative to the caller's directory), or - for standard input")
                        .readsStdin()
                        .build(),
                CommandSpec.builder("delete-buffer").alias("deleteb")
                        .summary("Delete a paste buffer.")
                        .value('b', "buffer-name", NAME)
                        .build(),
                CommandSpec.builder("paste-buffer").alias("pasteb")
                        .summary("Type a paste buffer into a pane, each newline as a carriage return.")
                        .flag('d', "delete the buffer afterwards")
                        .flag('p', "bracketed paste, when the pane's program asked for it (mode 2004)")
                        .flag('r', "keep newlines as they are")
                        .value('s', "separator", "what each newline becomes (default: a carriage return; with -r a newline)")
                        .value('b', "buffer-name", NAME)
                        .target('t', TargetKind.PANE, "the pane")
                        .build());
    }
}
