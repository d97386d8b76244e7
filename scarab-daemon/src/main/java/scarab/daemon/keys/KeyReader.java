package scarab.daemon.keys;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import scarab.protocol.DetachKeys;

/**
 * Reads what a client types: plain bytes go on to the program in runs, untouched and at once (a
 * keystroke's echo must not wait); the prefix ({@code C-b}, or the detach keys' prefix) and the
 * key after it are taken out. The detach key after the prefix detaches, the prefix typed twice is
 * sent once, any other key after it goes to {@link Handler#prefixKey}. While the handler wants
 * keys (a prompt is open, pane numbers are shown, a repeatable key was just typed), bytes are cut
 * into keys and given to {@link Handler#key} instead.
 *
 * <p>A key is one byte, ESC and a byte (Meta), ESC {@code [} or ESC {@code O} and the parameters up
 * to a final byte (cursor and function keys), or one UTF-8 character. A key's bytes may come in
 * separate reads; the state carries across them. A lone ESC at the end of a read, while keys are
 * wanted, is the Escape key (tmux's escape-time 0: the reads of one key arrive together). With the
 * mouse on ({@link Handler#mouseOn}), mouse reports ({@link MouseReport}: SGR, and X10 whose three
 * bytes follow {@code ESC [ M}) are cut out whole, wherever they come, and go to
 * {@link Handler#mouse}, never to the program. Not thread safe: one reader thread at a time.
 */
public final class KeyReader {
    /** What the reader finds. Calls come in the order typed, on the reading thread. */
    public interface Handler {
        /** Whether bytes are read as keys now ({@link #key}) instead of going to the program. */
        boolean keysWanted();

        /** Typed bytes for the program. */
        void forward(byte[] bytes);

        /** A key typed after the prefix (neither the detach key nor the prefix again). */
        void prefixKey(String key);

        /**
         * A key read while {@link #keysWanted}: true if it was used; false to have it read as if
         * no keys were wanted (the prefix starts a prefix key; anything else goes to the program).
         */
        boolean key(String key);

        /** The detach keys were typed; nothing after them is read. */
        void detach();

        /** Whether mouse reports are taken out of what is typed ({@code mouse} on) and given to {@link #mouse}. */
        default boolean mouseOn() {
            return false;
        }

        /** A whole mouse report, read while {@link #mouseOn}. */
        default void mouse(MouseReport report) {}
    }

    private final DetachKeys detachKeys;
    private final StringBuilder pending = new StringBuilder();
    /** The pending key follows the prefix. */
    private boolean afterPrefix;

    public KeyReader(DetachKeys detachKeys) {
        this.detachKeys = detachKeys;
    }

    public void read(byte[] data, int len, Handler h) {
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        for (int i = 0; i < len; i++) {
            int b = data[i] & 0xff;
            if (pending.length() > 0 || afterPrefix) {
                pending.append((char) b);
                if (complete(pending, h.mouseOn())) {
                    if (dispatch(h, run)) {
                        return;
                    }
                }
                continue;
            }
            if (detachKeys.prefix() == DetachKeys.NONE && b == detachKeys.key()) {
                flush(run, h);
                h.detach();
                return;
            }
            if (h.keysWanted() || b == 0x1b && h.mouseOn()) {
                // With the mouse on, an escape sequence is held until it is known not to be a
                // mouse report; what is not one is then typed as it came.
                flush(run, h);
                pending.append((char) b);
                if (complete(pending, h.mouseOn()) && dispatch(h, run)) {
                    return;
                }
                continue;
            }
            if (b == detachKeys.prefix()) {
                flush(run, h);
                afterPrefix = true;
                continue;
            }
            run.write(b);
        }
        flush(run, h);
        if (!afterPrefix && pending.length() == 1 && pending.charAt(0) == 0x1b) {
            pending.setLength(0);
            if (!h.key("\033")) {
                h.forward(new byte[] {0x1b});
            }
        }
    }

    /** A whole key is pending: hands it on. True when the detach keys were typed. */
    private boolean dispatch(Handler h, ByteArrayOutputStream run) {
        String key = pending.toString();
        pending.setLength(0);
        if (h.mouseOn()) {
            MouseReport m = MouseReport.parse(key);
            if (m != null) {
                h.mouse(m); // not a key: a prefix typed before it still waits for its key
                return false;
            }
        }
        if (afterPrefix) {
            afterPrefix = false;
            if (key.length() == 1 && key.charAt(0) == detachKeys.key()) {
                h.detach();
                return true;
            }
            if (key.length() == 1 && key.charAt(0) == detachKeys.prefix()) {
                h.forward(new byte[] {(byte) detachKeys.prefix()});
                return false;
            }
            h.prefixKey(key);
            return false;
        }
        if (h.key(key)) {
            return false;
        }
        if (key.length() == 1 && key.charAt(0) == detachKeys.prefix()) {
            afterPrefix = true;
        } else {
            h.forward(key.getBytes(StandardCharsets.ISO_8859_1));
        }
        return false;
    }

    private static void flush(ByteArrayOutputStream run, Handler h) {
        if (run.size() > 0) {
            h.forward(run.toByteArray());
            run.reset();
        }
    }

    /**
     * Whether the bytes make one key: a byte; ESC and a byte (Meta); ESC [ or ESC O and the
     * parameters up to a final byte; the bytes of one UTF-8 character.
     */
    static boolean complete(CharSequence k) {
        return complete(k, false);
    }

    /** As {@link #complete(CharSequence)}; with the mouse on, a mouse report is one key ({@link MouseReport#complete}). */
    static boolean complete(CharSequence k, boolean mouse) {
        if (mouse && k.length() >= 3 && MouseReport.startsLike(k)) {
            return MouseReport.complete(k);
        }
        char first = k.charAt(0);
        if (first >= 0xc0 && first < 0xf8) {
            int need = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : 2;
            return k.length() >= need || (k.length() > 1 && (k.charAt(k.length() - 1) & 0xc0) != 0x80);
        }
        if (first != 0x1b) {
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
