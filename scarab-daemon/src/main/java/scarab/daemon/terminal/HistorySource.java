package scarab.daemon.terminal;

import java.util.List;

/**
 * Where a capture reads the history lines that left memory for the store ({@code history-disk}):
 * the stored chunks holding any of the lines {@code [from, to)}, oldest first. Called without any
 * of the session's locks, off the PTY path. Lines dropped from the store meanwhile (its oldest,
 * past the history-disk bound) are simply not in the answer.
 */
@FunctionalInterface
public interface HistorySource {
    List<HistoryChunk> chunks(long from, long to);

    /** No history on disk. */
    HistorySource NONE = (from, to) -> List.of();
}
