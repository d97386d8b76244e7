package scarab.protocol;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches typed bytes for the prefix key and what follows it. Feed it each chunk read from the
 * keyboard; it returns what to forward to the program, whether the detach keys were typed, and
 * the command lines of the bound keys typed after the prefix ({@link PrefixKeys}), in order. The
 * prefix typed twice sends it once; a key after the prefix that is bound to nothing is dropped,
 * as in tmux. The state carries across chunks (the prefix and the key often arrive in separate
 * reads, and an arrow's bytes may too). Not thread safe: one reader thread.
 */
public final class InputFilter {
    private final DetachKeys keys;
    private final boolean bindings;
    private boolean afterPrefix;
    /** The bytes of a key after the prefix that is not complete yet (an escape sequence). */
    private final StringBuilder pending = new StringBuilder();

    /** Detach keys only: every other key after the prefix is sent on with it. */
    public InputFilter(DetachKeys keys) {
        this(keys, false);
    }

    /** With {@code bindings}, the keys of {@link PrefixKeys} after the prefix run their commands. */
    public InputFilter(DetachKeys keys, boolean bindings) {
        this.keys = keys;
        this.bindings = bindings;
    }

    /** The outcome of one chunk: bytes for the session, whether to detach, and bound commands typed. */
    public record Result(byte[] forward, boolean detach, List<List<String>> commands) {
        public Result(byte[] forward, boolean detach) {
            this(forward, detach, List.of());
        }
    }

    public Result filter(byte[] data, int len) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(len + 1);
        List<List<String>> commands = new ArrayList<>();
        for (int i = 0; i < len; i++) {
            int b = data[i] & 0xff;
            if (keys.prefix() == DetachKeys.NONE) {
                if (b == keys.key()) {
                    return new Result(out.toByteArray(), true, commands);
                }
                out.write(b);
            } else if (afterPrefix) {
                pending.append((char) b);
                if (!complete(pending)) {
                    continue;
                }
                String key = pending.toString();
                pending.setLength(0);
                afterPrefix = false;
                if (key.length() == 1 && b == keys.key()) {
                    return new Result(out.toByteArray(), true, commands);
                }
                if (key.length() == 1 && b == keys.prefix()) {
                    out.write(keys.prefix());
                    continue;
                }
                if (!bindings) {
                    out.write(keys.prefix());
                    for (int k = 0; k < key.length(); k++) {
                        out.write(key.charAt(k));
                    }
                    continue;
                }
                List<String> command = PrefixKeys.command(key);
                if (command != null) {
                    commands.add(command);
                }
            } else if (b == keys.prefix()) {
                afterPrefix = true;
            } else {
                out.write(b);
            }
        }
        return new Result(out.toByteArray(), false, commands);
    }

    /**
     * Whether the bytes after the prefix make one key: a byte; ESC and a byte (Meta); or ESC [ or
     * ESC O and the parameters up to a final byte (a cursor key, maybe with modifiers).
     */
    private static boolean complete(CharSequence k) {
        if (k.charAt(0) != 0x1b) {
            return true;
        }
        if (k.length() < 2) {
            return false;
        }
        char second = k.charAt(1);
        if (second != '[' && second != 'O') {
            return true;
        }
        if (k.length() < 3) {
            return false;
        }
        char last = k.charAt(k.length() - 1);
        return last >= 0x40 && last <= 0x7e || k.length() > 16;
    }
}
