package scarab.daemon.terminal;

/**
 * What to capture, with the meaning of {@code tmux capture-pane -p}'s flags.
 *
 * @param escapes               {@code -e}: include SGR sequences for attributes and colors
 * @param start                 {@code -S}: null = 0 (top visible line), {@link Integer#MIN_VALUE} = '-' (start of
 *                              history), negative = that many lines into history
 * @param end                   {@code -E}: null = the last visible line, {@link Integer#MAX_VALUE} = '-'
 * @param joinWrapped           {@code -J}: join wrapped lines and keep trailing spaces
 * @param preserveTrailingSpaces {@code -N}: keep trailing spaces
 */
public record CaptureOptions(boolean escapes, Integer start, Integer end, boolean joinWrapped,
                             boolean preserveTrailingSpaces) {
    public static CaptureOptions visible() {
        return new CaptureOptions(false, null, null, false, false);
    }

    public static CaptureOptions all() {
        return new CaptureOptions(false, Integer.MIN_VALUE, null, false, false);
    }
}
