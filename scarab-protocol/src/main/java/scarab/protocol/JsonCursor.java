package scarab.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A strict pull reader of one JSON document in UTF-8, for {@link LeanJson}: the tokens of RFC 8259
 * and nothing else. It exists because loading and setting up jackson-core took a short-lived
 * client some 8 ms, more than the rest of its work on a message. Whatever is not plain JSON (bad
 * UTF-8, a control character in a string, a number with a fraction or too many digits, nesting
 * past {@link Json#MAX_NESTING}, a string past {@link Json#MAX_STRING}, trailing text) stops it
 * with {@link Declined}; the caller then leaves the message to databind, which has the last word.
 *
 * <p>Not thread safe; one document per instance.
 */
final class JsonCursor {
    enum Token { START_OBJECT, END_OBJECT, START_ARRAY, END_ARRAY, FIELD_NAME, STRING, INT, TRUE, FALSE, NULL }

    /** The document is not one this reader takes; no stack trace (it is an answer, not a fault). */
    static final class Declined extends Exception {
        Declined() {
            super(null, null, false, false);
        }
    }

    private static final Declined DECLINED = new Declined();
    /** jackson-core's limit on a field name (StreamReadConstraints' default, which Json keeps). */
    static final int MAX_NAME = 50_000;

    private final byte[] in;
    private int pos;
    /** Per open container: true for an object. */
    private final boolean[] objects = new boolean[Json.MAX_NESTING + 1];
    private int depth;
    /** Whether the next token of the innermost container must be preceded by a comma. */
    private boolean needComma;
    /** In an object, whether a field name is due (else its value). */
    private boolean nameDue;
    private boolean done;
    private String text;
    private long number;

    JsonCursor(byte[] utf8) {
        this.in = utf8;
    }

    /** The next token, or null after the document (with nothing but whitespace after it). */
    Token next() throws Declined {
        skipSpace();
        if (done) {
            if (pos < in.length) {
                throw DECLINED; // trailing text
            }
            return null;
        }
        if (pos >= in.length) {
            throw DECLINED;
        }
        byte b = in[pos];
        if (depth > 0 && (b == '}' || b == ']')) {
            boolean object = objects[depth - 1];
            if (b != (object ? '}' : ']') || (object && !nameDue)) {
                throw DECLINED;
            }
            pos++;
            close();
            return object ? Token.END_OBJECT : Token.END_ARRAY;
        }
        if (needComma) {
            if (b != ',') {
                throw DECLINED;
            }
            pos++;
            skipSpace();
            needComma = false;
            if (pos >= in.length) {
                throw DECLINED;
            }
            b = in[pos]; // a closing bracket here, as in [1,], is no value: declined below
        }
        if (depth > 0 && objects[depth - 1] && nameDue) {
            if (b != '"') {
                throw DECLINED;
            }
            text = string();
            if (text.length() > MAX_NAME) {
                throw DECLINED;
            }
            skipSpace();
            if (pos >= in.length || in[pos] != ':') {
                throw DECLINED;
            }
            pos++;
            nameDue = false;
            return Token.FIELD_NAME;
        }
        return value(b);
    }

    private Token value(byte b) throws Declined {
        switch (b) {
            case '{', '[' -> {
                if (depth == Json.MAX_NESTING) {
                    throw DECLINED;
                }
                pos++;
                objects[depth++] = b == '{';
                needComma = false;
                nameDue = b == '{';
                return b == '{' ? Token.START_OBJECT : Token.START_ARRAY;
            }
            case '"' -> {
                text = string();
                valueDone();
                return Token.STRING;
            }
            case 't' -> {
                literal("true");
                return Token.TRUE;
            }
            case 'f' -> {
                literal("false");
                return Token.FALSE;
            }
            case 'n' -> {
                literal("null");
                return Token.NULL;
            }
            default -> {
                number = integer();
                valueDone();
                return Token.INT;
            }
        }
    }

    private void literal(String word) throws Declined {
        if (pos + word.length() > in.length) {
            throw DECLINED;
        }
        for (int i = 0; i < word.length(); i++) {
            if (in[pos + i] != word.charAt(i)) {
                throw DECLINED;
            }
        }
        pos += word.length();
        valueDone();
    }

    private void valueDone() {
        if (depth == 0) {
            done = true;
        } else {
            needComma = true;
            nameDue = objects[depth - 1];
        }
    }

    private void close() {
        depth--;
        valueDone();
    }

    /** The field name or string just read. */
    String text() {
        return text;
    }

    /** The integer just read. */
    long number() {
        return number;
    }

    /** Skips the rest of a container whose START token was just read; nothing for a scalar. */
    void skipChildren(Token current) throws Declined {
        if (current != Token.START_OBJECT && current != Token.START_ARRAY) {
            return;
        }
        int target = depth - 1;
        while (depth > target) {
            if (next() == null) {
                throw DECLINED;
            }
        }
    }

    /** An integer: {@code -?(0|[1-9][0-9]*)} within a long; fractions and exponents are declined. */
    private long integer() throws Declined {
        int start = pos;
        if (pos < in.length && in[pos] == '-') {
            pos++;
        }
        int digitsStart = pos;
        while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
            pos++;
        }
        int digits = pos - digitsStart;
        if (digits == 0 || digits > 18 || (digits > 1 && in[digitsStart] == '0')) {
            throw DECLINED; // not a number, or past what a long surely holds, or a leading zero
        }
        if (pos < in.length && (in[pos] == '.' || in[pos] == 'e' || in[pos] == 'E')) {
            throw DECLINED;
        }
        return Long.parseLong(new String(in, start, pos - start, StandardCharsets.US_ASCII));
    }

    /** A string; the cursor is on its opening quote. */
    private String string() throws Declined {
        pos++;
        int start = pos;
        while (pos < in.length && in[pos] != '"' && in[pos] != '\\' && (in[pos] & 0xff) >= 0x20) {
            pos++;
        }
        if (pos < in.length && in[pos] == '"') {
            String s = utf8(start, pos);
            pos++;
            return s;
        }
        StringBuilder b = new StringBuilder(utf8(start, pos));
        while (true) {
            if (pos >= in.length) {
                throw DECLINED;
            }
            int c = in[pos] & 0xff;
            if (c == '"') {
                pos++;
                break;
            }
            if (c < 0x20) {
                throw DECLINED;
            }
            if (c != '\\') {
                int runStart = pos;
                while (pos < in.length && in[pos] != '"' && in[pos] != '\\' && (in[pos] & 0xff) >= 0x20) {
                    pos++;
                }
                b.append(utf8(runStart, pos));
                continue;
            }
            if (pos + 1 >= in.length) {
                throw DECLINED;
            }
            byte e = in[pos + 1];
            pos += 2;
            switch (e) {
                case '"' -> b.append('"');
                case '\\' -> b.append('\\');
                case '/' -> b.append('/');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> b.append(hex4());
                default -> throw DECLINED;
            }
            if (b.length() > Json.MAX_STRING) {
                throw DECLINED;
            }
        }
        if (b.length() > Json.MAX_STRING) {
            throw DECLINED;
        }
        return b.toString();
    }

    private char hex4() throws Declined {
        if (pos + 4 > in.length) {
            throw DECLINED;
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(in[pos + i], 16);
            if (d < 0) {
                throw DECLINED;
            }
            v = v << 4 | d;
        }
        pos += 4;
        return (char) v;
    }

    /** Bytes as UTF-8, refusing malformed sequences (as jackson-core does) rather than replacing them. */
    private String utf8(int from, int to) throws Declined {
        if (to - from > Json.MAX_STRING) {
            throw DECLINED;
        }
        boolean ascii = true;
        for (int i = from; i < to && ascii; i++) {
            ascii = in[i] >= 0;
        }
        if (ascii) {
            return new String(in, from, to - from, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder();
        try {
            return d.decode(ByteBuffer.wrap(in, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw DECLINED;
        }
    }

    private void skipSpace() {
        while (pos < in.length && (in[pos] == ' ' || in[pos] == '\n' || in[pos] == '\r' || in[pos] == '\t')) {
            pos++;
        }
    }
}
