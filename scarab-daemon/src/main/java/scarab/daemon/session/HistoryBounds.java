package scarab.daemon.session;

/**
 * How much history each session's screen keeps: at most {@code lines} lines ({@code history-limit},
 * formerly {@code scrollback}) and at most {@code bytes} bytes of heap for them ({@code history-bytes}),
 * whichever is reached first.
 */
public record HistoryBounds(int lines, long bytes) {}
