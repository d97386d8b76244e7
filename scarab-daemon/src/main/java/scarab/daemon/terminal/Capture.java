package scarab.daemon.terminal;

import java.util.ArrayList;
import java.util.List;

/** Text of a screen and its history, like {@code tmux capture-pane -p} (grid_string_cells). */
final class Capture {
    private Capture() {}

    static List<String> lines(Screen s, CaptureOptions o) {
        int hist = s.historySize();
        int first = o.start() == null ? 0 : o.start() == Integer.MIN_VALUE ? -hist : Math.max(-hist, o.start());
        int last = o.end() == null || o.end() == Integer.MAX_VALUE ? s.rows() - 1 : Math.max(-hist, o.end());
        first = Math.min(first, s.rows() - 1);
        last = Math.min(last, s.rows() - 1);
        if (last < first) {
            int t = first;
            first = last;
            last = t;
        }
        List<String> out = new ArrayList<>(last - first + 1);
        StringBuilder joined = null;
        for (int i = first; i <= last; i++) {
            Line line = i < 0 ? s.historyLine(hist + i) : s.line(i);
            // -J keeps the spaces inside a joined line (ends of wrapped rows), not at its end.
            boolean keepSpaces = o.preserveTrailingSpaces() || (o.joinWrapped() && line.wrapped() && i < last);
            String text = text(line, s.cols(), o.escapes(), keepSpaces);
            if (o.joinWrapped()) {
                if (joined == null) {
                    joined = new StringBuilder();
                }
                joined.append(text);
                if (line.wrapped() && i < last) {
                    continue;
                }
                out.add(joined.toString());
                joined = null;
            } else {
                out.add(text);
            }
        }
        if (joined != null) {
            out.add(joined.toString());
        }
        return out;
    }

    static String text(Line line, int cols, boolean escapes, boolean keepSpaces) {
        StringBuilder b = new StringBuilder(cols);
        long current = 0;
        int n = Math.min(line.length(), cols);
        int lastContent = 0;
        for (int c = 0; c < n; c++) {
            int cp = line.cp(c);
            if (cp == Line.WIDE_TAIL) {
                continue;
            }
            long a = line.attr(c) & ~Attr.CHARSET;
            if (escapes && a != current) {
                Sgr.write(b, a);
                current = a;
            }
            if (cp == 0) {
                b.append(' ');
            } else {
                b.appendCodePoint(cp);
                String extra = line.combiningAt(c);
                if (extra != null) {
                    b.append(extra);
                }
            }
            if (cp != 0 && cp != ' ') {
                lastContent = b.length();
            }
        }
        if (escapes && current != 0) {
            b.append("\033[0m");
            lastContent = b.length();
        }
        if (!keepSpaces) {
            int end = b.length();
            while (end > 0 && b.charAt(end - 1) == ' ') {
                end--;
            }
            b.setLength(Math.max(end, escapes ? Math.min(lastContent, b.length()) : end));
        }
        return b.toString();
    }
}
