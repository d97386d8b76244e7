package scarab.daemon.view;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import scarab.daemon.terminal.Attr;

/**
 * A client's status line: the left part, the window list, the right part, all in one style.
 * {@link #of} builds tmux 3.3a's default: {@code status-left "[#{session_name}] "},
 * {@code status-right "\"#{=21:pane_title}\" %H:%M %d-%b-%y"} (after the offset of a window
 * larger than the client, {@link #withOffset}), black on green. How the parts
 * share a line narrower than all of them (and the lengths 10 and 40 they are cut to) is
 * {@link StatusLineLayout}'s job.
 *
 * @param left    text on the left, cut to {@link StatusLineLayout#LEFT_LENGTH} cells when drawn
 * @param right   text on the right, cut to {@link StatusLineLayout#RIGHT_LENGTH} cells from its start
 * @param windows the session's windows in index order
 * @param style   packed {@link Attr} attributes of every cell of the line
 */
public record StatusLine(String left, String right, List<WindowEntry> windows, long style) {
    /** tmux 3.3a's {@code status-style bg=green,fg=black}. */
    public static final long DEFAULT_STYLE = Attr.withBg(Attr.withFg(0L, Attr.basic(0)), Attr.basic(2));

    /** tmux's {@code %H:%M %d-%b-%y} in the C locale. */
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm dd-MMM-yy", Locale.ENGLISH);

    /** Length of {@code #{=21:pane_title}}. */
    static final int TITLE_LENGTH = 21;

    public StatusLine {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        windows = List.copyOf(Objects.requireNonNull(windows, "windows"));
    }

    /**
     * One window of the list. Its label is tmux's {@code window-status-format}
     * {@code #I:#W#{?window_flags,#{window_flags}, }}: index, name and the flags {@code *}
     * (current), {@code -} (last), {@code Z} (zoomed) in tmux's order, or a space when it has none.
     */
    public record WindowEntry(int index, String name, boolean current, boolean last, boolean zoomed) {
        public WindowEntry {
            Objects.requireNonNull(name, "name");
        }

        public String label() {
            String flags = (current ? "*" : "") + (last ? "-" : "") + (zoomed ? "Z" : "");
            return index + ":" + name + (flags.isEmpty() ? " " : flags);
        }
    }

    /**
     * The same line with the offset at which a window larger than the client is drawn in front of
     * the right part, as tmux's default status-right shows it
     * ({@code #{?window_bigger,[#{window_offset_x}#,#{window_offset_y}] ,}}).
     */
    public StatusLine withOffset(int x, int y) {
        return new StatusLine(left, "[" + x + "," + y + "] " + right, windows, style);
    }

    /**
     * The index of the window whose name is drawn at column {@code x} of this line on a terminal
     * {@code cols} wide (tmux's status ranges: a click there selects it), or -1: the left or right
     * part, the space between two names, a {@code <} or {@code >} of a cut list.
     */
    public int windowAt(int cols, int x) {
        return StatusLineLayout.windowAt(cols, this, x);
    }

    /**
     * tmux 3.3a's default status line for a session, its windows and the active pane's title (a
     * new pane's title is the host name in tmux) at the time {@code clock} tells, in its zone.
     */
    public static StatusLine of(String sessionName, List<WindowEntry> windows, String paneTitle, Clock clock) {
        String time = ZonedDateTime.now(clock).format(CLOCK);
        String title = StatusLineLayout.trim(paneTitle, TITLE_LENGTH);
        return new StatusLine("[" + sessionName + "] ", "\"" + title + "\" " + time, windows, DEFAULT_STYLE);
    }
}
