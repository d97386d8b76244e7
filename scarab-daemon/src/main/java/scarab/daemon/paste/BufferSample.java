package scarab.daemon.paste;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import scarab.daemon.terminal.CharWidth;

/**
 * {@code #{buffer_sample}}: the start of a buffer made printable as tmux 3.3a makes it
 * ({@code paste_make_sample}): the first 200 bytes, complete UTF-8 characters kept, every other
 * byte through {@code vis(3)} with {@code VIS_OCTAL|VIS_CSTYLE|VIS_TAB|VIS_NL|VIS_DQ} ({@code \t},
 * {@code \n}, {@code \r}, {@code \\}, {@code \0} or {@code \000} before a digit, {@code \$} before a
 * name, octal for the rest),
 * cut to 200 bytes and ended with {@code ...} when the buffer or its printable form is longer.
 */
public final class BufferSample {
    static final int WIDTH = 200;

    private BufferSample() {}

    public static String of(byte[] data) {
        int len = Math.min(data.length, WIDTH);
        ByteArrayOutputStream out = new ByteArrayOutputStream(len + 8);
        int i = 0;
        while (i < len) {
            int n = utf8Length(data[i]);
            if (n > 1 && i + n <= len && validCharacter(data, i, n)) {
                out.write(data, i, n);
                i += n;
                continue;
            }
            int next = i + 1 < len ? data[i + 1] & 0xff : 0;
            if (data[i] == '$' && (Character.isLetter(next) && next < 0x80 || next == '_' || next == '{')) {
                out.write('\\'); // tmux's VIS_DQ: a $ that would start a variable
                out.write('$');
            } else {
                vis(data[i] & 0xff, next, out);
            }
            i++;
        }
        byte[] made = out.toByteArray();
        if (data.length > WIDTH || made.length > WIDTH) {
            byte[] cut = new byte[Math.min(made.length, WIDTH) + 3];
            System.arraycopy(made, 0, cut, 0, cut.length - 3);
            cut[cut.length - 3] = cut[cut.length - 2] = cut[cut.length - 1] = '.';
            made = cut;
        }
        return new String(made, StandardCharsets.UTF_8);
    }

    /** How long the UTF-8 sequence this byte starts is, as tmux's utf8_open accepts leads; 1 for anything else. */
    private static int utf8Length(byte b) {
        int c = b & 0xff;
        if (c >= 0xc2 && c <= 0xdf) return 2;
        if (c >= 0xe0 && c <= 0xef) return 3;
        if (c >= 0xf0 && c <= 0xf4) return 4;
        return 1;
    }

    /** A well-formed character of a printable width (tmux refuses a character wcwidth calls unprintable). */
    private static boolean validCharacter(byte[] data, int off, int n) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, off, n)).toString();
            return CharWidth.of(s.codePointAt(0)) >= 0;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static void vis(int c, int next, ByteArrayOutputStream out) {
        String s;
        if (c == '\\') {
            s = "\\\\";
        } else if (c >= 0x20 && c < 0x7f) {
            out.write(c);
            return;
        } else {
            s = switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\b' -> "\\b";
                case 7 -> "\\a";
                case 0x0b -> "\\v";
                case '\t' -> "\\t";
                case '\f' -> "\\f";
                case 0 -> next >= '0' && next <= '7' ? "\\000" : "\\0";
                default -> String.format("\\%03o", c);
            };
        }
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
