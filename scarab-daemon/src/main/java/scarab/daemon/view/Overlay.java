package scarab.daemon.view;

import java.util.List;
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

    /**
     * The chooser (choose-tree) over the whole window area. Its state changes while it is shown:
     * each frame asks {@code source} for a picture ({@link ChooserPainter}), before the window's
     * locks are taken, since the preview reads another pane's screen.
     */
    record Tree(Source source) implements Overlay {
        public interface Source {
            ChooserPicture picture(int cols, int rows);
        }
    }

    /** Text to read over the window area from line {@code top} (tmux's view mode: list-keys from a key). */
    record Text(List<String> lines, int top) implements Overlay {
        public Text {
            lines = List.copyOf(lines);
        }
    }
}
