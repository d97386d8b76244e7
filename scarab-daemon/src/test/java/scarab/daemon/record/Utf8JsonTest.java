package scarab.daemon.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The incremental UTF-8 to JSON string conversion, checked against Java's own decoder and a JSON parser. */
class Utf8JsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The text of a whole piece, split at every place: the same text, and no event ever holds half a character. */
    @Test
    void aCharacterSplitAnywhereComesOutWhole() throws Exception {
        byte[] bytes = "a€b😀c\"\\\n\u0001é".getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut++) {
            Utf8Json u = new Utf8Json();
            ByteBuf first = new ByteBuf();
            u.append(bytes, 0, cut, first);
            ByteBuf second = new ByteBuf();
            u.append(bytes, cut, bytes.length - cut, second);
            u.finish(second);
            String a = decode(first);
            String b = decode(second);
            assertEquals(new String(bytes, StandardCharsets.UTF_8), a + b, "cut at " + cut);
        }
    }

    /**
     * Random bytes in random pieces: always valid JSON, and the same text as the whole read at once
     * (which for ill-formed input follows Unicode's practice of one U+FFFD per maximal subpart, not
     * quite Java's decoder: Java takes ED A0..BF for the start of a character).
     */
    @Test
    void anyBytesInAnyPiecesReadAsTheWhole() throws Exception {
        Random random = new Random(17);
        for (int round = 0; round < 2000; round++) {
            byte[] bytes = new byte[random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) {
                // Mostly the bytes UTF-8 is made of, so that near misses are common.
                int pick = random.nextInt(6);
                bytes[i] = (byte) switch (pick) {
                    case 0 -> random.nextInt(0x80);
                    case 1, 2 -> 0x80 + random.nextInt(0x40);
                    case 3 -> 0xc0 + random.nextInt(0x20);
                    case 4 -> 0xe0 + random.nextInt(0x10);
                    default -> 0xf0 + random.nextInt(0x10);
                };
            }
            Utf8Json u = new Utf8Json();
            StringBuilder text = new StringBuilder();
            int at = 0;
            while (at < bytes.length) {
                int n = 1 + random.nextInt(bytes.length - at);
                ByteBuf out = new ByteBuf();
                u.append(bytes, at, n, out);
                text.append(decode(out));
                at += n;
            }
            ByteBuf out = new ByteBuf();
            u.finish(out);
            text.append(decode(out));
            Utf8Json whole = new Utf8Json();
            ByteBuf all = new ByteBuf();
            whole.append(bytes, 0, bytes.length, all);
            whole.finish(all);
            assertEquals(decode(all), text.toString(), "round " + round + " " + java.util.HexFormat.of().formatHex(bytes));
        }
    }

    @Test
    void illFormedBytesAreOneReplacementPerMaximalPart() throws Exception {
        assertEquals("\\ufffd\\ufffd\\ufffdx", text("f2edb478"));
        assertEquals("\\ufffdx", text("e282" + "78"));
        assertEquals("\\ufffd\\ufffdx", text("c0af78"));
        assertEquals("\\ufffd", text("f09f98"));
        assertEquals("\\u20ac", text("e282ac"));
    }

    /** Valid text of any characters, in random pieces: exactly that text. */
    @Test
    void validTextInAnyPiecesIsThatText() throws Exception {
        Random random = new Random(3);
        for (int round = 0; round < 500; round++) {
            StringBuilder src = new StringBuilder();
            for (int i = random.nextInt(30); i > 0; i--) {
                int cp;
                do {
                    cp = random.nextInt(4) == 0 ? random.nextInt(0x110000) : random.nextInt(0x800);
                } while (cp >= 0xd800 && cp <= 0xdfff);
                src.appendCodePoint(cp);
            }
            byte[] bytes = src.toString().getBytes(StandardCharsets.UTF_8);
            Utf8Json u = new Utf8Json();
            StringBuilder text = new StringBuilder();
            int at = 0;
            while (at < bytes.length) {
                int n = 1 + random.nextInt(bytes.length - at);
                ByteBuf out = new ByteBuf();
                u.append(bytes, at, n, out);
                text.append(decode(out));
                at += n;
            }
            assertEquals(src.toString(), text.toString());
        }
    }

    /** The text as escaped code points, to compare without fonts. */
    private static String text(String hex) throws Exception {
        byte[] bytes = java.util.HexFormat.of().parseHex(hex);
        Utf8Json u = new Utf8Json();
        ByteBuf out = new ByteBuf();
        u.append(bytes, 0, bytes.length, out);
        u.finish(out);
        StringBuilder b = new StringBuilder();
        decode(out).chars().forEach(c -> b.append(c < 0x80 ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return b.toString();
    }

    private static String decode(ByteBuf body) throws Exception {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        json.write('"');
        json.write(body.toArray());
        json.write('"');
        return JSON.readValue(json.toByteArray(), String.class);
    }
}
