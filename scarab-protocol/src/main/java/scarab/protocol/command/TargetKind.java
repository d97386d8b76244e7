package scarab.protocol.command;

/**
 * What a target flag ({@code -t}, {@code -s}) names, as tmux's {@code CMD_FIND_SESSION},
 * {@code CMD_FIND_WINDOW} and {@code CMD_FIND_PANE}: it decides how a bare word is read (a
 * session name, a window, or a pane) and what the resolver fills in from the caller.
 */
public enum TargetKind {
    SESSION("target-session"),
    WINDOW("target-window"),
    PANE("target-pane");

    private final String label;

    TargetKind(String label) {
        this.label = label;
    }

    /** tmux's word for it in usage lines: {@code target-pane}. */
    public String label() {
        return label;
    }
}
