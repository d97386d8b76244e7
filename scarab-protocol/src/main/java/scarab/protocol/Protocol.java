package scarab.protocol;

/** Protocol constants shared by both ends. */
public final class Protocol {
    /** Bumped on any incompatible change to frames or messages. */
    public static final int VERSION = 1;

    private Protocol() {}
}
