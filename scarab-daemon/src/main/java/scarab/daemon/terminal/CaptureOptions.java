package scarab.daemon.terminal;

/**
 * Options of {@link Screen#capture(CaptureOptions)}, mirroring {@code tmux capture-pane -p}.
 *
 * @param escapes                 -e: include SGR escape sequences (tmux's exact format)
 * @param start                   -S: null = 0 (top of the visible screen), Integer.MIN_VALUE = '-' (start of history),
 *                                negative = that many lines into the history
 * @param end                     -E: null = last visible line, Integer.MAX_VALUE = '-' (last visible line)
 * @param joinWrapped             -J: join wrapped lines (and keep trailing spaces)
 * @param preserveTrailingSpaces  -N: keep trailing spaces
 */
public record CaptureOptions(boolean escapes, Integer start, Integer end, boolean joinWrapped,
                             boolean preserveTrailingSpaces) {
    public static CaptureOptions visible() { return new CaptureOptions(false, null, null, false, false); }

    /** Everything: history and the visible screen ({@code -S -}). */
    public static CaptureOptions all() { return new CaptureOptions(false, Integer.MIN_VALUE, null, false, false); }

    public CaptureOptions withEscapes(boolean e) { return new CaptureOptions(e, start, end, joinWrapped, preserveTrailingSpaces); }
}
