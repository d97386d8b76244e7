package scarab.daemon.terminal;

/**
 * What {@link VtParser} reports, in the vocabulary of Paul Williams' DEC parser
 * (https://vt100.net/emu/dec_ansi_parser) and alacritty's vte: the parser assigns no meaning; a
 * handler (the {@link Screen}) does. Every method defaults to a no-op.
 */
public interface VtHandler {
    /** A printable character (already decoded from UTF-8). */
    default void print(int codePoint) {}

    /** A run of printable ASCII (0x20-0x7e) in ground state: the hot path of every terminal. */
    default void printAscii(byte[] data, int off, int len) {
        for (int i = 0; i < len; i++) {
            print(data[off + i]);
        }
    }

    /** Bytes that are not valid UTF-8; shown as U+FFFD unless the handler says otherwise. */
    default void invalidUtf8() {
        print(0xfffd);
    }

    /** A C0 or C1 control. */
    default void execute(int control) {}

    /**
     * A complete control sequence {@code CSI ... final}.
     *
     * @param params        the parameters; see {@link Params}
     * @param intermediates up to two intermediate/private bytes packed as {@code (first << 8) | second}, 0 if none;
     *                      the private marker ({@code ? > < =}) counts as an intermediate
     * @param ignored       true when the sequence overflowed the parser's limits (handlers should ignore it)
     */
    default void csiDispatch(Params params, int intermediates, int finalByte, boolean ignored) {}

    /** An escape sequence {@code ESC intermediates final}. */
    default void escDispatch(int intermediates, int finalByte) {}

    /** An operating system command {@code OSC ... ST}; {@code data} is valid only during the call. */
    default void oscDispatch(byte[] data, int length) {}

    /** Start of a device control string. */
    default void dcsHook(Params params, int intermediates, int finalByte) {}

    default void dcsPut(int b) {}

    default void dcsUnhook() {}
}
