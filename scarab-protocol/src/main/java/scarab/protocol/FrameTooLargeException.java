package scarab.protocol;

import java.io.IOException;

/** A frame header announced more bytes than {@link Frame#MAX_PAYLOAD}; the stream cannot be resynchronised. */
public final class FrameTooLargeException extends IOException {
    private final long announced;

    public FrameTooLargeException(long announced) {
        super("frame of " + announced + " bytes is over the limit of " + (Frame.MAX_PAYLOAD + 1) + " bytes");
        this.announced = announced;
    }

    /** A control message continued over frames past {@code limit}. */
    public FrameTooLargeException(long length, int limit) {
        super("message of at least " + length + " bytes is over the limit of " + limit + " bytes");
        this.announced = length;
    }

    public long announced() {
        return announced;
    }
}
