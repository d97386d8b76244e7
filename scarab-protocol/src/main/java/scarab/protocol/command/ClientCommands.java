package scarab.protocol.command;

import java.util.ArrayList;
import java.util.List;

/**
 * The commands that act on the client a key was typed on, as tmux's {@code command-prompt},
 * {@code confirm-before}, {@code display-panes} and {@code copy-mode} do: they open a prompt or draw over the
 * client's picture, so they mean something only for a key binding or the {@code :} prompt, never
 * from a shell. Not part of the CLI's table ({@link CommandTable#standard}); {@link #keyTable}
 * is the table a binding or the prompt is parsed with: the CLI's commands and these.
 */
public final class ClientCommands {
    public static final String COMMAND_PROMPT = "command-prompt";
    public static final String CONFIRM_BEFORE = "confirm-before";
    public static final String DISPLAY_PANES = "display-panes";
    public static final String COPY_MODE = "copy-mode";

    private static final CommandTable KEY_TABLE = keyTable(CommandTable.standard());

    private ClientCommands() {}

    /** Every command a key binding or the {@code :} prompt may run. */
    public static CommandTable keyTable() {
        return KEY_TABLE;
    }

    /** Whether the spec is one of these (run by the client's own key handler, not the table's). */
    public static boolean isClientCommand(CommandSpec spec) {
        return spec.name().equals(COMMAND_PROMPT) || spec.name().equals(CONFIRM_BEFORE)
                || spec.name().equals(DISPLAY_PANES) || spec.name().equals(COPY_MODE);
    }

    private static CommandTable keyTable(CommandTable standard) {
        List<CommandSpec> all = new ArrayList<>(standard.all());
        all.add(CommandSpec.builder(COMMAND_PROMPT)
                .summary("Open the command prompt on the status line; run what is typed (or the template with it).")
                .value('I', "inputs", "the text the prompt starts with (a format: #W is the window's name)")
                .value('p', "prompts", "the prompt (default: \":\", or \"(NAME) \" with a template)")
                .args(0, 1, "[template]", "a command line in which %% (or %1) is replaced by what was typed")
                .build());
        all.add(CommandSpec.builder(CONFIRM_BEFORE).alias("confirm")
                .summary("Ask on the status line before running a command; only y runs it.")
                .value('p', "prompt", "the question (a format; default: \"Confirm 'COMMAND'? (y/n)\")")
                .args(1, 1, "command", "the command line to run")
                .build());
        all.add(CommandSpec.builder(DISPLAY_PANES).alias("displayp")
                .summary("Show each pane's index over it; typing one selects that pane.")
                .value('d', "duration", "how long, in milliseconds (default: 1000, tmux's display-panes-time)")
                .build());
        all.add(CommandSpec.builder(COPY_MODE)
                .summary("Enter copy mode on a pane of the client's window: its history, to move in, search and copy from.")
                .flag('u', "scroll one page up at once (tmux's C-b PageUp)")
                .value('t', "target-pane", "the pane (default: the active one)")
                .build());
        return new CommandTable(all);
    }
}
