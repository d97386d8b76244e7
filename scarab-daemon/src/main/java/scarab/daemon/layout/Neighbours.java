package scarab.daemon.layout;

import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntToLongFunction;

/**
 * select-pane -L/-R/-U/-D as tmux 3.3a chooses (window_pane_find_left and friends): the panes
 * whose far edge touches this pane's edge across the border and which overlap it along that
 * edge; past the window's edge it wraps to the other side. Among several, the one most recently
 * made active wins; on a tie, the first in pane order.
 */
final class Neighbours {
    private Neighbours() {
    }

    static OptionalInt find(List<PaneGeometry> panes, int windowSx, int windowSy, int paneId, Direction dir,
            IntToLongFunction activePoint) {
        PaneGeometry wp = null;
        for (PaneGeometry p : panes) {
            if (p.paneId() == paneId) {
                wp = p;
            }
        }
        if (wp == null) {
            return OptionalInt.empty();
        }
        long edge;
        long from;
        long to;
        switch (dir) {
            case UP -> {
                edge = wp.top() == 0 ? windowSy + 1L : wp.top();
                from = wp.left();
                to = (long) wp.left() + wp.width();
            }
            case DOWN -> {
                edge = (long) wp.top() + wp.height() + 1;
                if (edge >= windowSy) {
                    edge = 0;
                }
                from = wp.left();
                to = (long) wp.left() + wp.width();
            }
            case LEFT -> {
                edge = wp.left() == 0 ? windowSx + 1L : wp.left();
                from = wp.top();
                to = (long) wp.top() + wp.height();
            }
            default -> {
                edge = (long) wp.left() + wp.width() + 1;
                if (edge >= windowSx) {
                    edge = 0;
                }
                from = wp.top();
                to = (long) wp.top() + wp.height();
            }
        }
        PaneGeometry best = null;
        long bestPoint = 0;
        for (PaneGeometry next : panes) {
            if (next == wp) {
                continue;
            }
            long touch = switch (dir) {
                case UP -> (long) next.top() + next.height() + 1;
                case DOWN -> next.top();
                case LEFT -> (long) next.left() + next.width() + 1;
                case RIGHT -> next.left();
            };
            if (touch != edge) {
                continue;
            }
            boolean vertical = dir == Direction.UP || dir == Direction.DOWN;
            long start = vertical ? next.left() : next.top();
            long end = start + (vertical ? next.width() : next.height()) - 1;
            boolean overlaps = (start < from && end > to) || (start >= from && start <= to)
                    || (end >= from && end <= to);
            if (!overlaps) {
                continue;
            }
            long point = activePoint.applyAsLong(next.paneId());
            if (best == null || point > bestPoint) {
                best = next;
                bestPoint = point;
            }
        }
        return best == null ? OptionalInt.empty() : OptionalInt.of(best.paneId());
    }
}
