package scarab.daemon.layout;

/** A side of a pane: resize-pane -L/-R/-U/-D and select-pane -L/-R/-U/-D. */
public enum Direction {
    LEFT, RIGHT, UP, DOWN
}
