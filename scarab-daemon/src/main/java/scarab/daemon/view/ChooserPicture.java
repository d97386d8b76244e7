package scarab.daemon.view;

import java.util.List;

/**
 * One picture of the chooser, made by its owner just before a frame is drawn (outside the window's
 * locks): the tree's lines, the preview of the selected item (cells copied from its pane's screen,
 * or null), the preview box's title, and the prompt on the last row (or null).
 *
 * @param tree    the lines and the selection
 * @param preview the selected item's screen, already cut to the box's inside; null: no preview
 * @param title   the box's title (the selected item's name)
 * @param prompt  a prompt (filter, rename, new session, the kill question) or a message; null: none
 */
public record ChooserPicture(List<TreeChooser.Line> tree, int selected, Frame preview, String title,
                             Overlay.Line prompt) {}
