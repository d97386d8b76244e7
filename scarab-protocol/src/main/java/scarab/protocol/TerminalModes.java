package scarab.protocol;

import java.util.Arrays;

/**
 * A terminal's termios settings as the daemon found them before it put the terminal in raw mode,
 * sent to the client in {@code attached} so that the client can put them back itself if the
 * daemon is lost while the terminal is raw.
 *
 * <p>On the wire: {@code iflag:oflag:cflag:lflag:ispeed:ospeed:cc0:...:ccN} in hexadecimal, the
 * fields of the C library's {@code struct termios} (in the spirit of {@code stty -g}).
 *
 * @param cc the control characters ({@code c_cc}), one byte each
 */
public record TerminalModes(long iflag, long oflag, long cflag, long lflag, long ispeed, long ospeed, byte[] cc) {
    /** More than any C library's {@code NCCS}; the wire text stays short either way. */
    private static final int MAX_CC = 64;

    public TerminalModes {
        cc = cc.clone();
        if (cc.length > MAX_CC) {
            throw new IllegalArgumentException("too many control characters: " + cc.length);
        }
    }

    @Override
    public byte[] cc() {
        return cc.clone();
    }

    public String encode() {
        StringBuilder b = new StringBuilder(32 + 3 * cc.length);
        b.append(Long.toHexString(iflag)).append(':').append(Long.toHexString(oflag)).append(':')
                .append(Long.toHexString(cflag)).append(':').append(Long.toHexString(lflag)).append(':')
                .append(Long.toHexString(ispeed)).append(':').append(Long.toHexString(ospeed));
        for (byte c : cc) {
            b.append(':').append(Integer.toHexString(c & 0xff));
        }
        return b.toString();
    }

    /**
     * The modes in {@code text}, as {@link #encode} writes them.
     *
     * @throws IllegalArgumentException when it is not such a text
     */
    public static TerminalModes decode(String text) {
        String[] f = text.split(":", -1);
        if (f.length < 6 || f.length > 6 + MAX_CC) {
            throw new IllegalArgumentException("not terminal modes: " + text);
        }
        long[] words = new long[6];
        byte[] cc = new byte[f.length - 6];
        try {
            for (int i = 0; i < 6; i++) {
                words[i] = Long.parseUnsignedLong(f[i], 16);
                if (words[i] > 0xffff_ffffL) {
                    throw new IllegalArgumentException("not terminal modes: " + text);
                }
            }
            for (int i = 0; i < cc.length; i++) {
                int v = Integer.parseInt(f[6 + i], 16);
                if (v < 0 || v > 0xff) {
                    throw new IllegalArgumentException("not terminal modes: " + text);
                }
                cc[i] = (byte) v;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not terminal modes: " + text, e);
        }
        return new TerminalModes(words[0], words[1], words[2], words[3], words[4], words[5], cc);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TerminalModes m && iflag == m.iflag && oflag == m.oflag && cflag == m.cflag
                && lflag == m.lflag && ispeed == m.ispeed && ospeed == m.ospeed && Arrays.equals(cc, m.cc);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(iflag ^ oflag ^ cflag ^ lflag) * 31 + Arrays.hashCode(cc);
    }

    @Override
    public String toString() {
        return encode();
    }
}
