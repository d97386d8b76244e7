package scarab.daemon.store;

import java.util.List;
import scarab.daemon.session.PaneMeta;

/**
 * A window as the store keeps it: its panes in layout order, the active one, and its layout in
 * tmux's layout-string form ({@code ""} for a window of one pane that fills it).
 *
 * @param fixedName the name given by rename-window or new-window -n; null while it follows the active pane
 */
public record StoredWindow(int id, int index, String fixedName, String layout, int activePane, boolean zoomed,
                           List<PaneMeta> panes) {
    public StoredWindow {
        panes = List.copyOf(panes);
        layout = layout == null ? "" : layout;
    }
}
