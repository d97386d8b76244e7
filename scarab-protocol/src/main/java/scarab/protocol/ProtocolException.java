package scarab.protocol;

import java.io.IOException;

/** The peer broke the wire format in a way that leaves the stream unusable. */
public class ProtocolException extends IOException {
    public ProtocolException(String message) {
        super(message);
    }
}
