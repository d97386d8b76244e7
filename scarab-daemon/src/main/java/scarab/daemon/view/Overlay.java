package scarab.daemon.view;

import java.util.Objects;

/**
 * What a client shows over its window for a while, drawn by {@link OverlayPainter} after the
 * window is composed: a line on the last row (a prompt, or a message, in tmux's message-style), or
 * each pane's index (tmux's display-panes). Immutable; a client holds at most one.
 */
public sealed interface Overlay {
    /**
     * A prompt or a message on the client's last row (the status line's, or the last row of the
     * window when no status line is shown, as tmux draws it).
     *
     * @param text   what is shown: the prompt followed by what was typed, or the message
     * @param cursor the prompt's cursor, in characters from the start of {@code text}; -1 for a message
     */
    record Line(String text, int cursor) implements Overlay {
        public Line {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Each pane's index in its centre, big where it fits (tmux's display-panes). */
    record PaneNumbers() implements Overlay {}
}
