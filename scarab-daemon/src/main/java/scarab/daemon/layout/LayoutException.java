package scarab.daemon.layout;

/**
 * A layout command refused, with tmux 3.3a's message ("no space for new pane", "size too
 * large", "invalid layout: ..."). The layout is as it was before the call, except where tmux
 * itself unzooms before it refuses (see {@link Layout}).
 */
public final class LayoutException extends RuntimeException {
    public LayoutException(String message) {
        super(message, null, false, false);
    }
}
