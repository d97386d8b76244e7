package scarab.daemon.copy;

/**
 * Where copy mode's copies go: tmux puts a copy in a new automatic paste buffer and an append at
 * the end of the most recent one. The attached client adds the outer terminal's clipboard (OSC 52).
 */
public interface CopyTarget {
    void copy(byte[] text);

    void append(byte[] text);
}
