package scarab.protocol;

import java.io.ByteArrayOutputStream;

/**
 * Watches typed bytes for the detach keys. Feed it each chunk read from the keyboard; it returns
 * what to forward to the session and whether to detach. The prefix state carries across chunks
 * (the prefix and the key often arrive in separate reads). Not thread safe: one reader thread.
 */
public final class InputFilter {
    private final DetachKeys keys;
    private boolean afterPrefix;

    public InputFilter(DetachKeys keys) {
        this.keys = keys;
    }

    /** The outcome of one chunk: bytes for the session, and whether the detach keys were typed. */
    public record Result(byte[] forward, boolean detach) {}

    public Result filter(byte[] data, int len) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(len + 1);
        for (int i = 0; i < len; i++) {
            int b = data[i] & 0xff;
            if (keys.prefix() == DetachKeys.NONE) {
                if (b == keys.key()) {
                    return new Result(out.toByteArray(), true);
                }
                out.write(b);
            } else if (afterPrefix) {
                afterPrefix = false;
                if (b == keys.key()) {
                    return new Result(out.toByteArray(), true);
                }
                out.write(keys.prefix());
                if (b != keys.prefix()) {
                    out.write(b);
                }
            } else if (b == keys.prefix()) {
                afterPrefix = true;
            } else {
                out.write(b);
            }
        }
        return new Result(out.toByteArray(), false);
    }
}
