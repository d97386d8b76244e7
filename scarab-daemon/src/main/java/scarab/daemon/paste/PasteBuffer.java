package scarab.daemon.paste;

/**
 * One paste buffer: its bytes (not necessarily text), name, place in the order of changes
 * (higher is more recent), creation time (seconds since the epoch) and whether it was named
 * automatically. Immutable: the store replaces a buffer to change it, and never hands out its array
 * to be written.
 */
public record PasteBuffer(String name, byte[] data, long order, long created, boolean automatic) {
    /** A copy of the bytes. */
    public byte[] bytes() {
        return data.clone();
    }

    public int size() {
        return data.length;
    }
}
