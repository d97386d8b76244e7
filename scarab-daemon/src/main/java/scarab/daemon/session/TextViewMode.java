package scarab.daemon.session;

import java.util.List;
import scarab.daemon.view.Overlay;
import scarab.daemon.view.TextViewPainter;

/**
 * A command's output shown over a client's window, as tmux 3.3a shows what a command run from a
 * key prints (view mode: {@code C-b ?} lists the keys there). Up/Down (k/j, C-p/C-n) scroll a
 * line, PageUp/PageDown (C-b/C-f, Space) a screen, g/G (Home/End) go to the top or the bottom;
 * q, Escape or C-c leave. Keys come on the client's reading thread; each makes a new
 * {@link Overlay.Text}, which is immutable.
 */
public final class TextViewMode implements ClientKeys.Mode {
    private final ClientLink link;
    private final List<String> lines;
    // Reading thread only.
    private int top;

    private TextViewMode(ClientLink link, List<String> lines) {
        this.link = link;
        this.lines = lines;
    }

    /** Shows {@code text} over the client's window until q or Escape. */
    public static void show(ClientLink client, String text) {
        TextViewMode mode = new TextViewMode(client, List.copyOf(text.lines().toList()));
        client.keys().enterMode(mode, new Overlay.Text(mode.lines, 0));
    }

    @Override
    public void key(String key) {
        int page = Math.max(1, rows());
        switch (key) {
            case "q", "\033", "\003" -> {
                link.keys().leaveMode(this);
                return;
            }
            case "\033[A", "\033OA", "k", "\020" -> top--;
            case "\033[B", "\033OB", "j", "\016", "\r" -> top++;
            case "\033[5~", "\002" -> top -= page;
            case "\033[6~", "\006", " " -> top += page;
            case "g", "\033[H", "\033OH", "\033[1~" -> top = 0;
            case "G", "\033[F", "\033OF", "\033[4~" -> top = lines.size();
            default -> {
                return;
            }
        }
        top = TextViewPainter.clampTop(top, lines.size(), rows());
        link.keys().modeShows(this, new Overlay.Text(lines, top));
    }

    /** The rows the text has: the client's, less a status line. */
    private int rows() {
        Pane p = link.pane();
        boolean status = p != null && p.session().statusShown();
        return status ? link.rows() - 1 : link.rows();
    }
}
