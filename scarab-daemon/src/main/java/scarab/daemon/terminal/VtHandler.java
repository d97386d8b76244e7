package scarab.daemon.terminal;

/**
 * Receives the events of a {@link VtParser}. All methods default to no-ops. Arrays and {@link VtParams} passed in are
 * owned by the parser and only valid during the call.
 *
 * <p>Intermediates (including CSI private markers '<', '=', '>', '?') are packed into an int, first collected byte in
 * the lowest 8 bits: see {@link VtParser#intermediates(String)}.
 */
public interface VtHandler {
    /** A printable character (decoded UTF-8 code point, or U+FFFD for invalid input if {@link #replaceInvalidUtf8()}). */
    default void print(int codePoint) {}

    /** A run of printable ASCII bytes (0x20-0x7e) in ground state; defaults to print() per byte. */
    default void printAscii(byte[] data, int off, int len) {
        for (int i = 0; i < len; i++) print(data[off + i]);
    }

    /** A C0 control (0x00-0x1f, except ESC/CAN/SUB handled by the state machine; CAN and SUB are still reported). */
    default void execute(int c0) {}

    default void escDispatch(int intermediates, int finalByte) {}

    /** CSI sequence; {@code discard} is true when intermediates overflowed (tmux then ignores the sequence). */
    default void csiDispatch(VtParams params, int intermediates, int finalByte) {}

    /** OSC string (without the leading ESC ] and terminator); {@code overflow} true when it exceeded the cap. */
    default void oscDispatch(byte[] data, int len, boolean overflow) {}

    default void dcsHook(VtParams params, int intermediates, int finalByte) {}
    default void dcsPut(int b) {}
    default void dcsUnhook() {}

    /**
     * SOS ('X'), PM ('^'), APC ('_') strings, and tmux's ESC k ('k') window-name string. SOS and PM content is not
     * collected (len 0).
     */
    default void stringDispatch(int kind, byte[] data, int len, boolean overflow) {}

    /** Whether invalid UTF-8 is reported as U+FFFD (true) or silently dropped like tmux does (false). */
    default boolean replaceInvalidUtf8() { return true; }
}
